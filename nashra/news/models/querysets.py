from django.db import connection
from django.db.models import Prefetch, Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

# The renditions listing cards use (see news/includes/article_card.html).
CARD_RENDITIONS = ("fill-640x360", "fill-1200x675")
# The lead image's renditions on its article: the social card (base.html), the figure's
# srcset (news/article_page.html) and the NewsArticle JSON-LD (distribution/presenters.py).
LEAD_RENDITIONS = ("fill-1200x630", "width-640", "width-1200", "fill-1200x675")


def any_view_restrictions():
    """Whether any page is private (password, login or groups). Most sites have none, and one
    bare probe of the table then spares Wagtail's own check its two queries per page view."""
    table = connection.ops.quote_name(PageViewRestriction._meta.db_table)
    with connection.cursor() as cursor:  # raw: it runs on every view; .exists() costs ~5x
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 - a quoted table name
        return cursor.fetchone() is not None


class ArticleQuerySet(PageQuerySet):
    """Article lookups in the newsroom's terms, loading what a listing card shows."""

    def public(self):
        return super().public() if any_view_restrictions() else self

    def published(self):
        return self.live().public().order_by("-first_published_at", "-pk")

    def for_cards(self):
        """Load what a card shows in a fixed number of queries, whatever the list's length."""
        from nashra.images.models import NashraImage

        images = NashraImage.objects.prefetch_renditions(*CARD_RENDITIONS)
        return self.select_related("section", "locale").prefetch_related(
            Prefetch("lead_image", queryset=images)
        )

    def in_section(self, section):
        return self.filter(section=section)

    def by_author(self, author):
        return self.filter(article_authors__author=author).distinct()

    def tagged(self, slug):
        return self.filter(tags__slug=slug).distinct()

    def published_before(self, when, pk):
        """Those first published before an article first published `when` (ties broken by
        id, as listings order them), the nearest first."""
        earlier = Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk)
        return self.filter(earlier).order_by("-first_published_at", "-pk")

    def published_after(self, when, pk):
        """Those first published after it, the nearest first."""
        later = Q(first_published_at__gt=when) | Q(first_published_at=when, pk__gt=pk)
        return self.filter(later).order_by("first_published_at", "pk")
