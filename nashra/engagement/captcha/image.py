"""Image captcha with an audio alternative (digits, drawn and spoken by the `captcha` package)."""

import secrets
from datetime import timedelta

from captcha.audio import AudioCaptcha
from captcha.image import ImageCaptcha
from django.conf import settings
from django.utils import timezone

from .errors import CaptchaError

DIGITS = 5
KEPT = timedelta(days=1)


def new_image_challenge(form_id):
    from nashra.engagement.models import ImageChallenge

    # Used and expired challenges are kept a day, to tell a reader which it was.
    ImageChallenge.objects.filter(expires_at__lt=timezone.now() - KEPT).delete()
    answer = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    return ImageChallenge.objects.create(
        answer=answer,
        form_id=form_id,
        expires_at=timezone.now() + timedelta(seconds=settings.NASHRA_CAPTCHA_TTL_SECONDS),
    )


def render_image(challenge):
    return ImageCaptcha(width=220, height=80).generate(challenge.answer, format="png").getvalue()


def render_audio(challenge):
    return bytes(AudioCaptcha().generate(challenge.answer))


def verify_image(challenge_id, answer, form_id):
    from django.core.exceptions import ValidationError

    from nashra.engagement.models import ImageChallenge

    try:
        challenge = ImageChallenge.objects.get(pk=challenge_id)
    except (ImageChallenge.DoesNotExist, ValidationError, ValueError):
        raise CaptchaError(CaptchaError.UNKNOWN) from None
    # Single use: an emptied answer marks it used, whether the answer was right or not; the
    # update claims it, so two posts of the same answer cannot both pass.
    claimed = ImageChallenge.objects.filter(pk=challenge.pk).exclude(answer="").update(answer="")
    if not claimed:
        raise CaptchaError(CaptchaError.REPLAYED)
    if challenge.form_id != form_id:
        raise CaptchaError(CaptchaError.WRONG_FORM)
    if challenge.expires_at < timezone.now():
        raise CaptchaError(CaptchaError.EXPIRED)
    normalized = (answer or "").strip().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    if not secrets.compare_digest(normalized, challenge.answer):
        raise CaptchaError(CaptchaError.INVALID)
