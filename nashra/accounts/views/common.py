from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import ngettext

NEW_CODES_SESSION_KEY = "accounts_2fa_new_codes"


def next_url(request, default="wagtailadmin_home"):
    """Where to go once this step is done: the admin page first asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


def redirect_with_next(request, name, default="wagtailadmin_home"):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url(request, default)})}")


def passkey_urls():
    return {
        step.replace("-", "_"): reverse(f"otp_webauthn:credential-{step}")
        for step in (
            "registration-begin",
            "registration-complete",
            "authentication-begin",
            "authentication-complete",
        )
    }


def passkey_done_url(next_target):
    return f"{reverse('accounts_2fa_enrol_done')}?{urlencode({'next': next_target})}"


def throttle_message(device):
    """Why the device will not check a code yet (django-otp throttles after wrong codes)."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    wait = max(1, int((info["locked_until"] - timezone.now()).total_seconds() + 0.999))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        wait,
    ) % {"seconds": wait}
