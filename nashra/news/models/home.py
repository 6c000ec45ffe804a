from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.url_routing import RouteResult

from nashra.core.digits import ARABIC_INDIC, WESTERN

from .base import NashraPage
from .querysets import children_q

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
        help_text=_("Pinned at the top of the front page. Empty: the latest article leads."),
    )

    content_panels = NashraPage.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("lead_article"),
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
    top_story_count = 4
    rail_size = 4

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

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
                if article.lead_image:  # made now if missing, so that they are cached too
                    get_renditions_or_not_found(article.lead_image, LEAD_RENDITIONS)
                return RouteResult(article)
        return super().route(request, path_components)

    def front_page(self):
        """The lead story, the top stories and a rail per section. The template caches what it
        renders from them until an article of the edition is published (which purges this
        page) or the edition is."""
        from .article import ArticlePage
        from .section import SectionPage

        published = ArticlePage.objects.published().descendant_of(self)
        articles = published.for_cards()
        lead = self.lead_article
        if lead is None or not lead.live:
            lead = articles.first()
        latest = articles.exclude(pk=lead.pk) if lead else articles
        top_stories = list(latest[: self.top_story_count])
        shown = {a.pk for a in top_stories} | ({lead.pk} if lead else set())
        # Rail cards show no image: no lead images or renditions to load.
        in_rails = published.select_related("section", "locale").defer("body")
        rails = []
        for section in SectionPage.objects.live().child_of(self).filter(children_q(self)):
            rail = list(in_rails.newest_in_section(section)[: self.rail_size + len(shown)])
            rail = [a for a in rail if a.pk not in shown][: self.rail_size]
            if rail:
                rails.append((section, rail))
        return {"lead": lead, "top_stories": top_stories, "rails": rails}

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
