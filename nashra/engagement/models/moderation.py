from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail address")
        ADDRESS = "address", _("Hashed network address")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=254,
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

    def _normalize(self):
        # E-mail addresses are compared in lower case, so BANNED@example.org is
        # banned@example.org; hashed addresses are lower-case hex.
        self.value = (self.value or "").strip().lower()

    def clean(self):
        # Forms call this before the unique constraint's own check, which would compare the
        # value as typed: a duplicate in other letter case is a form error, not an
        # IntegrityError when save() lowers it.
        super().clean()
        self._normalize()
        if Ban.objects.filter(kind=self.kind, value=self.value).exclude(pk=self.pk).exists():
            raise ValidationError({"value": _("This address is already banned.")})

    def save(self, *args, **kwargs):
        self._normalize()
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

    def clean(self):
        super().clean()
        from nashra.engagement.word_filter import fold  # the filter's module imports this one

        self.term = (self.term or "").strip()
        # The filter matches folded text: "Spam", "SPAM " and "ѕpam" are one rule.
        same = WordFilterRule.objects.filter(language=self.language).exclude(pk=self.pk)
        if any(fold(rule.term) == fold(self.term) for rule in same):
            raise ValidationError(
                {"term": _("There is already a rule for this word or phrase in this language.")}
            )
