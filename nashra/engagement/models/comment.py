from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def for_article(self, article_id):
        return self.filter(article_id=article_id)


class Comment(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("e-mail"), help_text=_("Never shown to readers."))
    body = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    is_staff_reply = models.BooleanField(_("staff reply"), default=False)
    held_by = models.CharField(
        _("held by"),
        max_length=200,
        blank=True,
        help_text=_("The word-filter rule or flag threshold that held this comment."),
    )
    rejection_clause = models.ForeignKey(
        "engagement.PolicyClause",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("policy clause"),
        help_text=_("The clause of the comment policy a rejection cites."),
    )
    rejection_note = models.TextField(_("note to the author"), blank=True)
    reader_key = models.CharField(_("reader"), max_length=64, blank=True, db_index=True)
    address_hash = models.CharField(_("hashed address"), max_length=64, blank=True, db_index=True)
    # The random id of the form page it was sent from: a second submit of that form is the
    # same comment. Unique per article only, so a token replayed elsewhere finds nothing.
    # NULL, not "": a post without a token must not collide in the unique constraint below.
    submission_token = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "submission_token"], name="one_comment_per_form_per_article"
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == CommentStatus.REJECTED and not self.rejection_clause_id:
            raise ValidationError(
                {"rejection_clause": _("A rejection must cite a clause of the comment policy.")}
            )

    def save(self, *args, **kwargs):
        from django.utils import timezone

        if self.status != CommentStatus.PENDING and self.moderated_at is None:
            self.moderated_at = timezone.now()
        before = (
            Comment.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if self.pk
            else None
        )
        approving = (
            bool(self.pk)
            and self.status == CommentStatus.APPROVED
            and before != CommentStatus.APPROVED
        )
        if approving:  # a moderator's approval answers the reports made so far
            self.flag_count = 0
        super().save(*args, **kwargs)
        if approving:
            self.flags.all().delete()
        if CommentStatus.APPROVED in (self.status, before):
            from nashra.engagement.signals import comments_changed

            comments_changed.send(sender=Comment, article_ids=[self.article_id])

    def delete(self, *args, **kwargs):
        from nashra.engagement.signals import comments_changed

        article_id = self.article_id
        result = super().delete(*args, **kwargs)
        comments_changed.send(sender=Comment, article_ids=[article_id])
        return result

    # Isolated, each in its own direction (<bdi> is dir="auto"), in the admin's lists.
    @property
    @admin.display(description=_("name"))
    def name_preview(self):
        return format_html("<bdi>{}</bdi>", self.name)

    @property
    @admin.display(description=_("comment"))
    def body_preview(self):
        return format_html("<bdi>{}</bdi>", self.body[:120])

    @property
    def is_reply(self):
        return self.parent_id is not None


class CommentFlag(models.Model):
    """A reader's report that a published comment breaks the policy (one per reader)."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="flags", verbose_name=_("comment")
    )
    reader_key = models.CharField(_("reader"), max_length=64)
    address_hash = models.CharField(_("hashed address"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader_key"], name="one_flag_per_reader")
        ]

    def __str__(self):
        return f"{self.comment_id} @ {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else ""
