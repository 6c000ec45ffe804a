from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .base import NashraPage


class SectionPage(NashraPage):
    """A desk of the newsroom (Security, Politics, ...) listing its articles, newest first."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)

    content_panels = NashraPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    template = "news/section_page.html"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        from .article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().in_section(self).for_cards()
        context["page_obj"] = self.paginate(request, articles)
        return context
