from django.utils.translation import gettext_lazy as _


class CaptchaError(Exception):
    MISSING = _("Please complete the captcha.")
    INVALID = _("The captcha answer was not right. Please try again.")
    EXPIRED = _("The captcha expired. Please solve the new one.")
    REPLAYED = _("That captcha was already used. Please solve the new one.")
    UNKNOWN = _(
        "We did not issue that captcha, or it is more than a day old. Please solve the new one."
    )
    WRONG_FORM = _("That captcha belongs to another form. Please solve the new one.")

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
