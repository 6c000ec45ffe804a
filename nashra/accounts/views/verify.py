"""The second step of signing in: a code from the authenticator app, a passkey, or a
single-use recovery code."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp import verify_token

from ..devices import (
    authenticator,
    has_primary_factor,
    passkeys,
    recovery_device,
    stored_recovery_code,
)
from ..forms import AppCodeForm, RecoveryCodeForm
from .common import next_url, passkey_urls, redirect_with_next, throttle_message


def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not has_primary_factor(user):
        return redirect_with_next(request, "accounts_2fa_enrol")
    app = authenticator(user)
    method = request.POST.get("method") or request.GET.get("method")
    if method != "recovery":
        method = "app" if app else "passkey"
    form_class = RecoveryCodeForm if method == "recovery" else AppCodeForm
    form = form_class(request.POST if request.method == "POST" and method != "passkey" else None)
    if form.is_bound and form.is_valid():
        device = recovery_device(user) if method == "recovery" else app
        if device is None:  # no recovery codes left to try
            form.add_error("code", _("That code is not right. Check it and try again."))
        elif _check(request, form, device, method):
            if method == "recovery":
                _report_codes_left(request, device)
            return redirect(next_url(request))
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "method": method,
            "has_app": app is not None,
            "has_passkey": passkeys(user).exists(),
            "next": next_url(request),
            "passkey_urls": passkey_urls(),
        },
    )


def _check(request, form, device, method):
    """Verify the code against the device (throttled by django-otp); explain a refusal."""
    refusal = throttle_message(device)
    if refusal:
        form.add_error("code", refusal)
        return False
    code = form.cleaned_data["code"]
    if method == "recovery":
        code = stored_recovery_code(code)
    verified = verify_token(request.user, device.persistent_id, code)
    if verified is None:
        form.add_error("code", _("That code is not right. Check it and try again."))
        return False
    otp_login(request, verified)
    return True


def _report_codes_left(request, device):
    left = device.token_set.count()
    text = ngettext(
        "Recovery code accepted. You have %(count)d code left.",
        "Recovery code accepted. You have %(count)d codes left.",
        left,
    ) % {"count": left}
    if left <= 3:
        text += " " + _("Generate new codes from your two-factor settings.")
    messages.warning(request, text)
