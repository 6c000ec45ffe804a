"""A member of staff's own second factors: what is set up, adding and removing, and new
recovery codes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .. import policy
from ..devices import (
    authenticator,
    has_primary_factor,
    new_recovery_codes,
    passkeys,
    recovery_codes_left,
)
from .common import NEW_CODES_SESSION_KEY, next_url, passkey_done_url, passkey_urls


def overview(request):
    user = request.user
    return render(
        request,
        "accounts/overview.html",
        {
            "required": policy.is_required(user),
            "scope": policy.scope(),
            "app": authenticator(user),
            "passkeys": list(passkeys(user)),
            "codes_left": recovery_codes_left(user),
            "has_factor": has_primary_factor(user),
            "verified": user.is_verified(),
            "passkey_urls": passkey_urls(),
            "passkey_done": passkey_done_url(reverse("accounts_2fa")),
            "header_title": _("Two-factor authentication"),
            "page_title": _("Two-factor authentication"),
            "header_icon": "lock",
        },
    )


def recovery_codes(request):
    user = request.user
    if request.method == "POST":
        if not (user.is_verified() and has_primary_factor(user)):
            return redirect("accounts_2fa")
        request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(user)
        return redirect("accounts_2fa_recovery_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts_2fa")
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "next": next_url(request, default="accounts_2fa"),
        },
    )


@require_POST
def remove(request, kind, device_id):
    user = request.user
    model = {"app": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    device = model and model.objects.filter(user=user, pk=device_id).first()
    if device is None:
        raise Http404
    others = [d for d in [authenticator(user), *passkeys(user)] if d and d != device]
    if not others and policy.is_required(user):
        messages.error(
            request,
            _(
                "Two-factor authentication is required for your account: "
                "add another app or passkey before removing this one."
            ),
        )
        return redirect("accounts_2fa")
    was_current = user.otp_device == device
    device.delete()
    if not others:
        # Recovery codes are a way back to a factor; with none left they would be the factor.
        StaticDevice.objects.filter(user=user).delete()
    elif was_current:
        # The person just proved a factor; removing it must not sign them out mid-task.
        otp_login(request, others[0])
    messages.success(
        request,
        _("The authenticator app was removed.") if kind == "app" else _("The passkey was removed."),
    )
    return redirect("accounts_2fa")
