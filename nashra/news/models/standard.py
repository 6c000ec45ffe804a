from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from nashra.news.blocks import ArticleBodyBlock

from .base import NashraPage


class StandardPage(NashraPage):
    """About us, editorial principles, policies: plain pages with a body."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = NashraPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["news.HomePage", "news.StandardPage"]
    subpage_types = ["news.StandardPage"]
    template = "news/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
