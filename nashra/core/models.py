from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingPurge(models.Model):
    """A purge that could not be done when it was asked for, kept until a retry succeeds
    (see `pending_purges`): a front-cache URL that nginx did not take, or a page-cache
    version that Redis could not bump."""

    class Kind(models.TextChoices):
        FRONT = "front", _("Front cache address")
        PAGE = "page", _("Page cache version")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    target = models.CharField(max_length=2000)
    failed_at = models.DateTimeField()  # the latest failure; a retry clears only older ones
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "target"], name="pending_purge_once")
        ]
        verbose_name = _("pending purge")
        verbose_name_plural = _("pending purges")

    def __str__(self):
        return f"{self.kind}: {self.target}"


class OutboxMail(models.Model):
    """An e-mail the mail server did not take when it was sent, kept for `core_send_outbox`
    until it is sent or `expires_at` passes (a privacy link would no longer work by then)."""

    purpose = models.CharField(max_length=40)
    recipient = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("unsent e-mail")
        verbose_name_plural = _("unsent e-mails")

    def __str__(self):
        return f"{self.purpose} #{self.pk}"
