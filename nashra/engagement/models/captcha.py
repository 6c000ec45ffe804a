import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpentChallenge(models.Model):
    """A captcha solution already used: the protocol is stateless, so replays stop here."""

    signature = models.CharField(_("signature"), max_length=128, unique=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("spent captcha")
        verbose_name_plural = _("spent captchas")

    def __str__(self):
        return self.signature[:16]


class ImageChallenge(models.Model):
    """The answer to an image/audio captcha, kept on the server until used or expired."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.CharField(_("answer"), max_length=12)
    form_id = models.CharField(_("form"), max_length=64)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("image captcha")
        verbose_name_plural = _("image captchas")

    def __str__(self):
        return str(self.id)  # never the answer
