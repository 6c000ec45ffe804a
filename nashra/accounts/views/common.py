from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

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
        for step in ("registration-begin", "registration-complete",
                     "authentication-begin", "authentication-complete")
    }


def passkey_done_url(next_target):
    return f"{reverse('accounts_2fa_enrol_done')}?{urlencode({'next': next_target})}"
