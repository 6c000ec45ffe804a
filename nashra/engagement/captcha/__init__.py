"""Self-hosted captchas: proof of work by default, an image with audio as the alternative.

Every solution is bound to the form it was issued for, expires, and is single-use.
"""

from .errors import CaptchaError
from .image import new_image_challenge
from .pow import new_pow_challenge
from .verify import verify_captcha

__all__ = ["CaptchaError", "new_image_challenge", "new_pow_challenge", "verify_captcha"]
