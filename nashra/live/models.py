"""Live coverage: a page that is an article (twins, section, byline, reactions, comments,
feeds, sitemaps and search all treat it as one) plus a stream of entries that editors add,
change and delete without publishing the page again."""

import time

from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from nashra.core import page_cache
from nashra.news.blocks import ArticleBodyBlock
from nashra.news.models import ArticlePage

from . import stream
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

    # The article's panels with the coverage's status and times under the headline.
    content_panels = [
        ArticlePage.content_panels[0],
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("coverage_start"), FieldPanel("coverage_end")],
            heading=_("Live coverage"),
        ),
        *ArticlePage.content_panels[1:],
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "live/live_page.html"

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage pages")

    @property
    def is_live(self):
        return self.status == LiveStatus.LIVE

    def save(self, *args, **kwargs):
        if self.status == LiveStatus.ENDED and self.coverage_end is None:
            self.coverage_end = timezone.now()
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        # `?entry=` is a one-off flag no cache keeps (nashra/live/caching.py): a redirect.
        if "entry" in request.GET:
            return self._redirect_to_entry(request)
        # Keyed by the caches only when canonical, as sent: any other spelling is the first
        # page (nashra.core.page_cache.cache_key).
        raw = page_cache.raw_argument(request.META.get("QUERY_STRING", ""), "before")
        wanted = stream.canonical_entry_id(raw)
        if wanted is not None:
            before = stream.stream(self).filter(pk=wanted).first()
            if before is None:
                raise Http404("No such update on this page")
            request._nashra_live_before = before
            response = super().serve(request, *args, **kwargs)
            # The caches may keep a ?before= page only when the page says it is paged by it.
            response[page_cache.PAGED_BY_BEFORE[0]] = page_cache.PAGED_BY_BEFORE[1]
            return response
        return super().serve(request, *args, **kwargs)

    def _redirect_to_entry(self, request):
        from nashra.news.navigation import page_url

        wanted = stream.canonical_entry_id(request.GET.get("entry", ""))
        if wanted is None:
            raise Http404("Not an update's number")
        url = page_url(request, self)
        entry = self.entries.shown().filter(pk=wanted).first()
        if entry is not None and not entry.pinned:
            newer = list(stream.newer_than(stream.stream(self), entry).values_list("pk", flat=True))
            n = stream.per_page()
            first_of_page = len(newer) // n * n
            if first_of_page:
                url += f"?before={newer[first_of_page - 1]}"
        if entry is not None:
            url += f"#{entry.anchor}"
        response = HttpResponseRedirect(url)
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        before = getattr(request, "_nashra_live_before", None)
        entries, more = stream.page_after(self, before)
        pinned = key_events = None
        if before is None:
            shown = self.entries.shown()
            pinned = stream.with_authors(shown.filter(pinned=True)).first()
            on_page = {e.pk for e in entries} | ({pinned.pk} if pinned else set())
            key_events = [
                (e, f"#{e.anchor}" if e.pk in on_page else f"?entry={e.pk}")
                for e in shown.filter(key_event=True)
                .newest_first()
                .only("pk", "title", "posted_at", "pinned", "body")
            ]
        interval = stream.poll_seconds()
        context.update(
            live_before=before,
            live_entries=entries,
            live_older=f"?before={entries[-1].pk}" if more else None,
            live_pinned=pinned,
            live_key_events=key_events,
            live_interval=interval,
            live_cursor=int(time.time()) // interval * interval,
        )
        return context


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
        constraints = [
            # At most one pinned entry per page, whatever races the desk loses.
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(pinned=True, deleted_at__isnull=True),
                name="live_one_pinned_entry",
            )
        ]

    def __str__(self):
        return self.title or f"#{self.pk}"

    @property
    def revision_stamp(self):
        """When the entry last changed, in whole epoch milliseconds (integer arithmetic, so
        the page's data-updated and the updates JSON agree exactly): two edits in the same
        second must still differ, or open pages would skip the second."""
        moment = self.updated_at
        return int(moment.timestamp()) * 1000 + moment.microsecond // 1000

    @property
    def label(self):
        """The entry's title, else the start of its first paragraph: how lists name it."""
        if self.title:
            return self.title
        for block in self.body:
            if block.block_type == "paragraph":
                text = " ".join(strip_tags(str(block.value)).split())
                return Truncator(text).words(12)
        return f"#{self.pk}"

    @property
    def anchor(self):
        return f"entry-{self.pk}"
