from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Prefetch, Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

# The renditions listing cards use (see news/includes/article_card.html).
CARD_RENDITIONS = ("fill-640x360", "fill-1200x675")
# The lead image's renditions on its article: the social card (base.html), the figure's
# srcset (news/article_page.html) and the NewsArticle JSON-LD (distribution/presenters.py).
LEAD_RENDITIONS = ("fill-1200x630", "width-640", "width-1200", "fill-1200x675")


def path_range_q(page, *, depth=None):
    """Pages under `page` (and `page`) as a range of the unique, indexed path column, to add to
    Wagtail's tree filters on SQLite where few pages are wanted (an edition's sections): those
    test the path with LIKE, which SQLite answers by reading every row of the page table (~70 ms
    at 100,000 articles), a range from the index. Not for article listings: there the range
    would tempt SQLite, once it has statistics, to sort the whole edition instead of walking
    the date index (published()).
    Tree paths are digits and capitals, so every path under `page` sorts before its path
    followed by "~" in SQLite's byte order. PostgreSQL plans its LIKE well: nothing is added."""
    if connection.vendor != "sqlite":
        return Q()
    q = Q(path__gte=page.path, path__lt=page.path + "~")
    return q & Q(depth=depth) if depth is not None else q


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
        # Naming the page type (true of every row anyway) lets the database walk the
        # (content type, first published) index of migration 0003 newest-first and stop at
        # the listing's LIMIT; ties are broken by the page table's own id for the same reason.
        article_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        return (
            self.live()
            .public()
            .filter(content_type=article_type)
            .order_by("-first_published_at", "-id")
        )

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
        id, as listings order them), the nearest first. The plain bound lets the date index
        start at the article's place instead of walking from the newest (or oldest) article."""
        earlier = Q(first_published_at__lt=when) | Q(first_published_at=when, pk__lt=pk)
        earlier &= Q(first_published_at__lte=when)
        return self.filter(earlier).order_by("-first_published_at", "-id")

    def published_after(self, when, pk):
        """Those first published after it, the nearest first."""
        later = Q(first_published_at__gt=when) | Q(first_published_at=when, pk__gt=pk)
        later &= Q(first_published_at__gte=when)
        return self.filter(later).order_by("first_published_at", "id")
