from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .base import NashraPage


class CommentsMode(models.TextChoices):
    OPEN = "open", _("Open: comments appear at once")
    PREMODERATED = "premoderated", _("Pre-moderated: comments wait for approval")
    CLOSED = "closed", _("Closed")


class SectionPage(NashraPage):
    """A desk of the newsroom (Security, Politics, ...) listing its articles, newest first."""

    intro = models.TextField(_("introduction"), blank=True, max_length=400)

    comments_mode = models.CharField(
        _("comments"),
        max_length=16,
        choices=CommentsMode.choices,
        default=CommentsMode.PREMODERATED,
        help_text=_("For articles in this section that do not set their own."),
    )

    content_panels = NashraPage.content_panels + [FieldPanel("intro")]
    settings_panels = NashraPage.settings_panels + [FieldPanel("comments_mode")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage", "live.LivePage"]
    template = "news/section_page.html"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        from .article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        published = ArticlePage.objects.published()
        articles = published.newest_in_section(self).for_cards()
        context["page_obj"] = self.paginate(
            request, articles, count=published.in_section(self).count, counted=True
        )
        return context
