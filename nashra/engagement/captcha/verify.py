from .errors import CaptchaError
from .image import verify_image
from .pow import verify_pow


def verify_captcha(data, form_id):
    """Check the solution posted with a form; raise CaptchaError with a reader-facing message.

    `data` is the POST: `altcha` carries a proof-of-work payload; `captcha_id` and
    `captcha_answer` an image/audio challenge.
    """
    if data.get("altcha"):
        verify_pow(data["altcha"], form_id)
    elif data.get("captcha_id"):
        if not data.get("captcha_answer"):
            raise CaptchaError(CaptchaError.MISSING)
        verify_image(data["captcha_id"], data["captcha_answer"], form_id)
    else:
        raise CaptchaError(CaptchaError.MISSING)
