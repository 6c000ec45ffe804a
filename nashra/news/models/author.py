from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .base import NashraPage


class AuthorIndexPage(NashraPage):
    """Lists the newsroom's writers in one language edition."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = NashraPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.AuthorPage"]
    max_count_per_parent = 1
    template = "news/author_index_page.html"

    class Meta:
        verbose_name = _("authors index")
        verbose_name_plural = _("authors indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = (
            AuthorPage.objects.live().child_of(self).select_related("photo").order_by("title")
        )
        return context


class AuthorPage(NashraPage):
    """A writer's profile in one language; the page title is the name as printed in bylines."""

    role = models.CharField(_("role"), max_length=120, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "images.NashraImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = NashraPage.content_panels + [
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    parent_page_types = ["news.AuthorIndexPage"]
    subpage_types = []
    template = "news/author_page.html"

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    @property
    def name(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from .article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().by_author(self).for_cards()
        context["page_obj"] = self.paginate(request, articles, counted=True)
        return context
