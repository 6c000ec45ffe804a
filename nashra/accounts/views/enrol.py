"""Setting up a second factor: an authenticator app (scan, then confirm with a code) or a
passkey, followed by recovery codes shown once."""

from base64 import b32encode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import policy
from ..devices import (
    authenticator,
    confirm_authenticator,
    has_primary_factor,
    new_recovery_codes,
    pending_authenticator,
    recovery_device,
)
from ..forms import AppCodeForm
from ..qr import qr_svg
from .common import (
    NEW_CODES_SESSION_KEY,
    next_url,
    passkey_done_url,
    passkey_urls,
    redirect_with_next,
    throttle_message,
)


def _must_verify_first(request):
    """Someone holding only the password must not add a factor to an enrolled account."""
    return has_primary_factor(request.user) and not request.user.is_verified()


def choose(request):
    if _must_verify_first(request):
        return redirect_with_next(request, "accounts_2fa_verify")
    return render(
        request,
        "accounts/enrol.html",
        {
            "required": policy.is_required(request.user),
            "has_app": authenticator(request.user) is not None,
            "next": next_url(request),
            "passkey_urls": passkey_urls(),
            "passkey_done": passkey_done_url(next_url(request)),
        },
    )


def authenticator_app(request):
    if _must_verify_first(request):
        return redirect_with_next(request, "accounts_2fa_verify")
    if authenticator(request.user) is not None:
        messages.info(
            request, _("An authenticator app is already set up. Remove it first to set up another.")
        )
        return redirect("accounts_2fa")
    device = pending_authenticator(request.user)
    form = AppCodeForm(request.POST or None)
    if form.is_valid():
        refusal = throttle_message(device)
        if refusal:
            form.add_error("code", refusal)
        elif confirm_authenticator(request, form.cleaned_data["code"]):
            return redirect_with_next(request, "accounts_2fa_enrol_done")
        else:
            form.add_error(
                "code",
                _(
                    "That code is not right. Check the time on your phone, "
                    "wait for a new code and try again."
                ),
            )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/enrol_app.html",
        {
            "form": form,
            "next": next_url(request),
            "qr": qr_svg(device.config_url, _("QR code for your authenticator app")),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


def done(request):
    """After a first factor is added: recovery codes the first time, then onwards."""
    if not (request.user.is_verified() and has_primary_factor(request.user)):
        return redirect_with_next(request, "accounts_2fa_enrol")
    if recovery_device(request.user) is None:
        request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(request.user)
        return redirect_with_next(request, "accounts_2fa_recovery_codes")
    messages.success(request, _("Your second factor is set up."))
    return redirect(next_url(request, default="accounts_2fa"))
