from django.db import models
from django.utils.translation import gettext_lazy as _


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail address")
        ADDRESS = "address", _("Hashed network address")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"), max_length=254,
        help_text=_("An e-mail address, or the hashed address shown on a comment."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="unique_ban")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args, **kwargs):
        if self.kind == self.Kind.EMAIL:
            self.value = self.value.strip().lower()
        super().save(*args, **kwargs)


class WordFilterRule(models.Model):
    """A word or phrase that holds a comment for review, compared as
    nashra.engagement.word_filter folds text: look-alike letters, accents, invisible
    characters and spacing do not hide it."""

    class Language(models.TextChoices):
        ANY = "any", _("Any language")
        EN = "en", _("English")
        AR = "ar", _("Arabic")

    language = models.CharField(_("language"), max_length=3, choices=Language.choices)
    term = models.CharField(_("word or phrase"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("word filter rule")
        verbose_name_plural = _("word filter rules")
        ordering = ["language", "term"]

    def __str__(self):
        return f"{self.term} ({self.get_language_display()})"
