from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from nashra.news.models.base import NashraPage


class CommentPolicyPage(NashraPage):
    """The comment policy: numbered clauses that moderators cite when they reject."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = NashraPage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("clauses", label=_("Clauses"), min_num=1),
    ]
    parent_page_types = ["news.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "engagement/comment_policy_page.html"

    class Meta:
        verbose_name = _("comment policy")
        verbose_name_plural = _("comment policies")


class PolicyClause(Orderable):
    page = ParentalKey(
        CommentPolicyPage,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("comment policy"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"))

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        return f"{self.page.locale.language_code.upper()} §{self.number} {self.title}"

    @property
    def anchor(self):
        return f"clause-{self.number}"

    def get_url(self, request=None):
        return f"{self.page.get_url(request)}#{self.anchor}"
