"""ALTCHA proof of work (protocol v1): the browser finds n with SHA-256(salt + n) = challenge."""

import base64
import json
from datetime import UTC, datetime, timedelta

import altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .errors import CaptchaError


def _hmac_key():
    return f"{settings.SECRET_KEY}:altcha"


def new_pow_challenge(form_id):
    expires = timezone.now() + timedelta(seconds=settings.NASHRA_CAPTCHA_TTL_SECONDS)
    challenge = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            hmac_key=_hmac_key(),
            max_number=settings.NASHRA_CAPTCHA_DIFFICULTY,
            expires=expires,
            params={"form": form_id},
        )
    )
    return {
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "maxnumber": challenge.max_number,
        "salt": challenge.salt,
        "signature": challenge.signature,
    }


def _decode(payload):
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
    except (ValueError, TypeError):
        raise CaptchaError(CaptchaError.INVALID) from None
    if not isinstance(data, dict) or not isinstance(data.get("salt"), str):
        raise CaptchaError(CaptchaError.INVALID)
    return data


def verify_pow(payload, form_id):
    from nashra.engagement.models import SpentChallenge

    data = _decode(payload)
    params = altcha.extract_params_v1(data)
    if params.get("form", [None])[0] != form_id:
        raise CaptchaError(CaptchaError.WRONG_FORM)
    expires = params.get("expires", ["0"])[0]
    if not (expires.isascii() and expires.isdigit() and len(expires) <= 12) or (
        int(expires) < timezone.now().timestamp()
    ):
        raise CaptchaError(CaptchaError.EXPIRED)
    ok, _error = altcha.verify_solution_v1(payload, _hmac_key(), check_expires=True)
    if not ok:
        raise CaptchaError(CaptchaError.INVALID)
    try:
        with transaction.atomic():  # a savepoint: the comment's transaction goes on after it
            SpentChallenge.objects.create(
                signature=data["signature"],
                expires_at=datetime.fromtimestamp(int(expires), tz=UTC),
            )
    except IntegrityError:
        raise CaptchaError(CaptchaError.REPLAYED) from None
