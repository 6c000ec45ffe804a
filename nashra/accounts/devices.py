"""A staff member's second factors: an authenticator app (TOTP), passkeys (WebAuthn) and a
set of single-use recovery codes, all django-otp devices."""

import hashlib
import secrets
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

APP_NAME = _("Authenticator app")
RECOVERY_NAME = "Recovery codes"


def authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_primary_factor(user):
    """An app or a passkey: recovery codes alone are a way back in, not a factor to keep."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists() or passkeys(user).exists()


def pending_authenticator(user):
    """The unconfirmed app device being set up, made once and kept until confirmed, so a
    reload shows the same key the user may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=str(APP_NAME), confirmed=False)


def confirm_authenticator(request, code):
    """Confirm the pending app with a code from it; True when the code was right."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=request.user, confirmed=False)
            .first()
        )
        if device is None or not device.verify_token(code):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    if not request.user.is_verified():
        otp_login(request, device)
    return True


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user):
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def stored_recovery_code(code):
    """What the database keeps of a recovery code: a hash, never the code (80 random bits, so
    the hash cannot be reversed by trying codes). django-otp then checks and spends it."""
    normalized = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(f"nashra-recovery:{normalized}".encode()).hexdigest()[:16]


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones and return them for showing once."""
    codes = [
        b32encode(secrets.token_bytes(10)).decode().lower()
        for _n in range(settings.NASHRA_2FA_RECOVERY_CODES)
    ]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        device.token_set.bulk_create(
            device.token_set.model(device=device, token=stored_recovery_code(c)) for c in codes
        )
    return ["-".join(c[i : i + 4] for i in range(0, len(c), 4)) for c in codes]


def remove_all(user):
    """Forget every second factor of the user: their next admin visit asks them to enrol."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
