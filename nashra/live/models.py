"""Live coverage: a page that is an article (twins, section, byline, reactions, comments,
feeds, sitemaps and search all treat it as one) plus a stream of entries that editors add,
change and delete without publishing the page again."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import StreamField

from nashra.news.blocks import ArticleBodyBlock
from nashra.news.models import ArticlePage

from .distribution import LiveOutputsMixin


class LiveStatus(models.TextChoices):
    LIVE = "live", pgettext_lazy("live coverage status", "Live")
    ENDED = "ended", pgettext_lazy("live coverage status", "Ended")


class LivePage(LiveOutputsMixin, ArticlePage):
    status = models.CharField(
        _("status"), max_length=8, choices=LiveStatus.choices, default=LiveStatus.LIVE
    )
    coverage_start = models.DateTimeField(_("coverage starts"), default=timezone.now)
    coverage_end = models.DateTimeField(
        _("coverage ends"),
        null=True,
        blank=True,
        help_text=_("Set when the coverage ends; readers' pages then stop asking for updates."),
    )

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "live/live_page.html"

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage pages")

    @property
    def is_live(self):
        return self.status == LiveStatus.LIVE


class LiveEntryQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(deleted_at__isnull=True)

    def newest_first(self):
        return self.order_by("-posted_at", "-pk")


class LiveEntry(models.Model):
    """One update on a live page. Deleting one from the admin keeps a tombstone
    (`deleted_at`) so that readers' open pages learn to remove it."""

    page = models.ForeignKey(
        LivePage, on_delete=models.CASCADE, related_name="entries", verbose_name=_("live page")
    )
    posted_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    authors = models.ManyToManyField(
        "news.AuthorPage", blank=True, related_name="live_entries", verbose_name=_("authors")
    )
    key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("Listed among the key events at the top.")
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown first, above the newest entries.")
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["page", "updated_at"], name="live_entry_changes")]

    def __str__(self):
        return self.title or f"#{self.pk}"

    @property
    def anchor(self):
        return f"entry-{self.pk}"
