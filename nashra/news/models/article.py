from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from nashra.core import page_cache
from nashra.core.text_analysis import index_text
from nashra.news import caching
from nashra.news.blocks import ArticleBodyBlock
from nashra.news.forms import EmbargoPageForm
from nashra.news.panels import TwinSchedulePanel
from nashra.news.plain_text import text_parts
from nashra.news.priority import Priority

from .base import NashraPage
from .querysets import ArticleQuerySet
from .section import CommentsMode


class ArticleType(models.TextChoices):
    NEWS = "news", pgettext_lazy("article type", "News")
    ANALYSIS = "analysis", pgettext_lazy("article type", "Analysis")
    OPINION = "opinion", pgettext_lazy("article type", "Opinion")
    FEATURE = "feature", pgettext_lazy("article type", "Feature")


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")


class ArticlePage(NashraPage):
    kicker = models.CharField(
        _("kicker"),
        max_length=60,
        blank=True,
        help_text=_("Shown above the headline. Empty: the section's name."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400,
        help_text=_("One or two sentences under the headline that sum up the story."),
    )
    lead_image = models.ForeignKey(
        "images.NashraImage",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    lead_image_alt = models.CharField(
        _("alt text in this language"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the image's own alt text."),
    )
    dateline = models.CharField(
        _("dateline"), max_length=80, blank=True, help_text=_("Where the story was reported.")
    )
    article_type = models.CharField(
        _("article type"), max_length=16, choices=ArticleType.choices, default=ArticleType.NEWS
    )
    updated_at = models.DateTimeField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_("Set when the story changes in substance; shown as “Updated”."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    comments_mode = models.CharField(
        _("comments"),
        max_length=16,
        blank=True,
        choices=[("", _("As the section says"))] + CommentsMode.choices,
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    # An embargoed article is never live (see save()): every public query already asks for
    # live pages, so none of them can show it. Cleared only by the lift (nashra/news/embargo.py).
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Not shown anywhere public before this time, even once published. Only an editor "
            "allowed to override embargoes can lift it earlier."
        ),
    )
    # Denormalised from the tree so listings show the kicker without loading parents.
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("section"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="articles",
    )

    # The desk's planning fields (nashra.desk): who has the story, by when, how pressing.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_articles",
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )

    objects = ArticleManager()

    base_form_class = EmbargoPageForm

    content_panels = NashraPage.content_panels + [
        FieldPanel("kicker"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_alt"),
            ],
            heading=_("Lead image"),
        ),
        InlinePanel("article_authors", label=_("Byline"), min_num=1),
        FieldPanel("dateline"),
        FieldPanel("article_type"),
        FieldPanel("body"),
        InlinePanel("corrections", label=_("Corrections")),
        MultiFieldPanel(
            [FieldPanel("assignee"), FieldPanel("due_at"), FieldPanel("priority")],
            heading=_("Desk"),
        ),
    ]
    promote_panels = NashraPage.promote_panels + [FieldPanel("tags"), FieldPanel("updated_at")]
    settings_panels = NashraPage.settings_panels + [
        FieldPanel("comments_mode"),
        FieldPanel("embargo_until"),
        TwinSchedulePanel(heading=_("Publishing with the translation")),
    ]

    search_fields = NashraPage.search_fields + [
        index.SearchField("search_terms"),
        index.FilterField("article_type"),
        index.FilterField("section"),
        index.FilterField("first_published_at"),
    ]

    api_fields = [
        APIField("kicker_text"),
        APIField("standfirst"),
        APIField("dateline"),
        APIField("article_type"),
        APIField("section_title"),
        APIField("byline"),
        APIField("lead_image"),
        APIField("lead_image_caption"),
        APIField("lead_image_alt_text"),
        APIField("body"),
        APIField("tag_names"),
        APIField("correction_notes"),
        APIField("updated_at"),
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    template = "news/article_page.html"
    related_count = 4

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("override_embargo", _("Can lift an article's embargo early"))]

    def clean(self):
        super().clean()
        if self.lead_image_caption and not self.lead_image_id:
            raise ValidationError({"lead_image_caption": _("A caption needs a lead image.")})

    def save(self, *args, **kwargs):
        self.__dict__.pop("_search_terms", None)
        if self.path:
            from .section import SectionPage

            parent = self.get_parent()
            self.section_id = parent.pk if parent and parent.specific_class is SectionPage else None
        if self.first_published_at and self.first_published_at.microsecond % 1000:
            # Revisions keep dates to the millisecond (DjangoJSONEncoder): stored finer, the
            # next publish from a revision would move the date and purge every listing page.
            when = self.first_published_at
            self.first_published_at = when.replace(microsecond=when.microsecond // 1000 * 1000)
        self._hold_under_embargo(kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def _hold_under_embargo(self, update_fields):
        """A publish while the embargo stands keeps the page off the public site: its revision
        is approved and waits, as live, for the lift, which alone makes the page live."""
        if self.embargo_until and self.live and (update_fields is None or "live" in update_fields):
            self.live = False

    @property
    def under_embargo(self):
        return self.embargo_until is not None

    @property
    def status_string(self):
        if self.under_embargo and not self.live:
            return pgettext_lazy("page status", "embargoed")
        return super().status_string

    @property
    def kicker_text(self):
        return self.kicker or (self.section.title if self.section_id else "")

    def plain_text_parts(self):
        """The article's words as plain text, in reading order, for the search index."""
        return text_parts(self, strip_tags)

    def search_terms(self):
        # The search index asks three times per save (its title, body and autocomplete
        # passes); the text is worked out once per save (save() forgets it).
        if self.__dict__.get("_search_terms") is None:
            self._search_terms = index_text(
                *self.plain_text_parts(),
                self.dateline,
                " ".join(t.name for t in self.tags.all()),
                " ".join(b.author.title for b in self.article_authors.all()),
            )
        return self._search_terms

    @property
    def section_title(self):
        return self.section.title if self.section_id else ""

    @property
    def byline(self):
        return [
            {"id": b.author_id, "name": b.author.title, "role": b.author.role}
            for b in self.article_authors.select_related("author").order_by("sort_order")
        ]

    @property
    def tag_names(self):
        return [t.name for t in self.tags.all()]

    @property
    def correction_notes(self):
        return [
            {"type": c.kind, "date": c.date.isoformat(), "text": c.text}
            for c in self.corrections.order_by("date")
        ]

    @property
    def effective_comments_mode(self):
        if self.comments_mode:
            return self.comments_mode
        return self.section.comments_mode if self.section_id else CommentsMode.PREMODERATED

    @property
    def lead_image_alt_text(self):
        if self.lead_image_alt:
            return self.lead_image_alt
        return self.lead_image.alt_text if self.lead_image else ""

    @property
    def was_updated(self):
        return bool(
            self.updated_at
            and self.first_published_at
            and self.updated_at - self.first_published_at > timedelta(minutes=5)
        )

    def get_context(self, request, *args, **kwargs):
        from nashra.news.navigation import edition_cache, page_links_cache, page_url

        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        # Bylines, corrections and tags change when the article is published (a new live
        # revision), its authors' pages when their edition is purged; so does the article as
        # the template renders it (news/article_page.html caches that HTML).
        revision = {"page_id": self.pk, "revision": self.live_revision_id, "language": language}
        shown = caching.ARTICLE(**revision)
        context["article_cache"] = caching.ARTICLE_HTML(**revision)
        # Publishing, editing or unpublishing an article the rail shows purges this page's
        # path (purge_targets.rail_neighbours), its section's title the edition; the
        # template caches the rail as HTML.
        context["related_cache"] = caching.RELATED_HTML(
            page_id=self.pk, path=page_url(request, self), language=language
        )
        # With the masthead and the page's links, in one round trip.
        page_cache.prefetch(
            request,
            shown,
            context["article_cache"],
            context["related_cache"],
            edition_cache(language),
            page_links_cache(request, self),
        )
        context.update(
            page_cache.versioned(request, build=lambda: self._shown_with(request), **shown)
        )
        return context

    def _shown_with(self, request):
        from nashra.news.navigation import edition

        home = edition(request, self.locale.language_code).home
        bylines = self.article_authors.select_related("author").order_by("sort_order")
        return {
            "authors": [
                Credit(b.author.title, b.author.get_url(request), b.author.role)
                for b in bylines
                if b.author.live
            ],
            "corrections": list(self.corrections.order_by("date", "pk")),
            "article_tags": [
                TagLink(tag.name, (home.tag_url(tag, request) if home else "") or "")
                for tag in self.tags.all()
            ],
        }

    def related_articles(self):
        """The rail: the `related_count` articles of the section published just before this
        one, topped up with those published just after it when it is one of the section's
        first few; newest first. So an article is in the rails of at most twice
        `related_count` others, the pages a change to it purges (see rail_neighbours in
        nashra/distribution/purge_targets.py)."""
        if not self.section_id:
            return []
        n = self.related_count
        others = ArticlePage.objects.published().in_section(self.section_id).exclude(pk=self.pk)
        # Cards in the rail show no image: no lead images or renditions to load.
        cards = ArticlePage.objects.select_related("section", "locale").defer("body")
        if self.first_published_at is None:  # a draft's preview: published now, it is the newest
            newest = others.values("pk")[:n]
            return list(cards.filter(pk__in=newest).order_by("-first_published_at", "-pk"))
        place = (self.first_published_at, self.pk)
        # One query, whichever side fills the rail: each side's few ids, then their cards. A
        # union, not an OR of the two: PostgreSQL ran an OR of two id lists as a filter over
        # every article (docs/developers/decisions.md).
        nearest = (
            cards.order_by()
            .filter(pk__in=others.published_before(*place).values("pk")[:n])
            .union(
                cards.order_by().filter(pk__in=others.published_after(*place).values("pk")[:n]),
                all=True,
            )
        )
        found = sorted(nearest, key=lambda a: (a.first_published_at, a.pk))
        before = [a for a in found if (a.first_published_at, a.pk) < place]
        after = found[len(before) :]
        return (before[-n:] + after[: n - len(before)])[::-1]


@dataclass(frozen=True)
class Credit:
    """An author as a byline shows them."""

    title: str
    url: str
    role: str


@dataclass(frozen=True)
class TagLink:
    name: str
    url: str


class ArticleAuthor(Orderable):
    """One name in an article's byline."""

    article = ParentalKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="article_authors",
        verbose_name=_("article"),
    )
    author = models.ForeignKey(
        "news.AuthorPage",
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")


class CorrectionType(models.TextChoices):
    # A correction fixes an error of fact; a clarification adds what a reader needed to
    # read the story right. Both are listed in the edition's corrections log.
    CORRECTION = "correction", pgettext_lazy("correction type", "Correction")
    CLARIFICATION = "clarification", pgettext_lazy("correction type", "Clarification")


class ArticleCorrection(Orderable):
    """A dated, public note of what an article got wrong and what was fixed."""

    article = ParentalKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    kind = models.CharField(
        _("type"),
        max_length=16,
        choices=CorrectionType.choices,
        default=CorrectionType.CORRECTION,
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("correction"))

    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
