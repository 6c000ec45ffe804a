from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.url_routing import RouteResult

from nashra.core.digits import ARABIC_INDIC, WESTERN
from nashra.news.front.blocks import FrontLayoutBlock
from nashra.news.front.forms import FrontPageForm

from .base import NashraPage

DIGIT_CHOICES = [(WESTERN, _("Western (0123)")), (ARABIC_INDIC, _("Arabic-Indic (٠١٢٣)"))]


class HomePage(RoutablePageMixin, NashraPage):
    """The front page of one language edition; the root of that edition's tree."""

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    lead_article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Leads the front page (its first automatic lead package) until unset. "
            "Empty: the latest article leads."
        ),
    )
    layout = StreamField(
        FrontLayoutBlock(),
        blank=True,
        verbose_name=_("front page layout"),
        help_text=_(
            "The front page's blocks, top to bottom. Empty: the automatic front (the lead "
            "story, the top stories and a block per section)."
        ),
    )
    # The first pin of the layout still to expire: the worker purges the front then
    # (nashra.news.front.pins), so that no cached copy keeps showing an expired pin.
    front_pins_expire_at = models.DateTimeField(
        _("front pins expire at"), null=True, blank=True, editable=False
    )

    base_form_class = FrontPageForm

    # The footer's links to pages the editors choose (nashra.news.navigation.FooterLinks);
    # one left empty, or not live, is left out of the footer.
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    FOOTER_PAGES = ("about_page", "privacy_page", "contact_page")

    content_panels = NashraPage.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("lead_article"),
        FieldPanel("layout"),
        MultiFieldPanel(
            [FieldPanel(name) for name in FOOTER_PAGES],
            heading=_("Footer"),
            help_text=_(
                "Pages of this edition linked from the foot of every page. The corrections "
                "log, the comment policy, the feeds and the other edition are linked "
                "without being chosen here."
            ),
        ),
    ]

    # The edition's digits in dates and counters (nashra.core.digits): publishing the home
    # page purges the whole edition, so every cached page shows the new setting.
    digits = models.CharField(
        _("digits"),
        max_length=4,
        choices=DIGIT_CHOICES,
        default=WESTERN,
        help_text=_("How this edition writes numbers in dates, times and counts."),
    )
    settings_panels = NashraPage.settings_panels + [FieldPanel("digits")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.SectionPage",
        "news.AuthorIndexPage",
        "news.StandardPage",
        "engagement.CommentPolicyPage",
    ]
    max_count_per_parent = None

    template = "news/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def clean(self):
        super().clean()
        # Each edition's cached footer is purged with its own edition (a publish purges the
        # edition of the page published): a page of another edition would go stale.
        errors = {}
        for name in self.FOOTER_PAGES:
            chosen = getattr(self, name)
            if chosen is not None and self.locale_id and chosen.locale_id != self.locale_id:
                errors[name] = _("Choose a page in this edition's language.")
        if errors:
            raise ValidationError(errors)

    def route(self, request, path_components):
        # An article URL is found with one query on its path instead of a walk of the tree
        # (two queries per level); anything else falls back to Wagtail's routing.
        if len(path_components) >= 2:
            from nashra.images.models import NashraImage

            from .article import ArticlePage
            from .querysets import LEAD_RENDITIONS

            url_path = self.url_path + "/".join(path_components) + "/"
            article = (
                ArticlePage.objects.live()
                # The slug too: url_path has no index, slug has (SQLite scans the pages
                # for url_path alone when it has no statistics).
                .filter(slug=path_components[-1], url_path=url_path)
                # What the article page shows, loaded with it (and cached with it by
                # nashra.core.middleware.PageRouteCacheMiddleware).
                .select_related("locale", "section")
                .prefetch_related(
                    Prefetch(
                        "lead_image",
                        queryset=NashraImage.objects.prefetch_renditions(*LEAD_RENDITIONS),
                    )
                )
                .first()
            )
            if article is not None:
                if article.specific_class is not ArticlePage:
                    # A subtype (a live page) serves itself: its own fields and serve().
                    article = article.specific
                if article.lead_image:  # made now if missing, so that they are cached too
                    get_renditions_or_not_found(article.lead_image, LEAD_RENDITIONS)
                return RouteResult(article)
        return super().route(request, path_components)

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None or "layout" in fields:
            from nashra.news.front.layout import next_pin_expiry

            self.front_pins_expire_at = next_pin_expiry(self.layout.raw_data)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "front_pins_expire_at"}
        return super().save(*args, **kwargs)

    def front_pin_state(self):
        """Which of the layout's pins hold now (part of the cached front's key)."""
        from nashra.news.front.layout import pin_state

        return pin_state(self.layout.raw_data)

    def front_blocks(self, now=None):
        """The front's blocks with their stories (nashra.news.front.layout): the editors'
        layout, or when it is empty the automatic front: the lead story, the top stories and
        a block per section."""
        from nashra.news.front.layout import automatic_layout, build

        raw = list(self.layout.raw_data) or automatic_layout(self)
        return build(self, raw, now=now)

    def tag_url(self, tag, request=None):
        """The edition's page of a tag; None while the edition has no address (a home outside
        every site, or one made by another process since this one cached the site roots)."""
        home = self.get_url(request)
        return None if home is None else home + self.reverse_subpage("tag", args=[tag.slug])

    def corrections_url(self, request=None):
        from nashra.news.corrections_log import log_url

        return log_url(self.get_url(request))

    @path("corrections/", name="corrections")
    def corrections_view(self, request):
        """The edition's corrections log (nashra.news.corrections_log), paginated like the
        listings; the policy page, when the edition has one, is linked from it."""
        from nashra.news.corrections_log import public_corrections

        page_obj = self.paginate(request, public_corrections(self))
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "log_url": self.corrections_url(request)},
            template="news/corrections_log.html",
        )

    @path("tags/<str:slug>/", name="tag")
    def tag_view(self, request, slug):
        from .article import ArticlePage

        tag = get_object_or_404(Tag, slug=slug)
        articles = ArticlePage.objects.published().descendant_of(self).tagged(slug).for_cards()
        page_obj = self.paginate(request, articles)
        if not page_obj.object_list:
            raise Http404
        return self.render(
            request,
            context_overrides={"tag": tag, "page_obj": page_obj},
            template="news/tag_page.html",
        )
