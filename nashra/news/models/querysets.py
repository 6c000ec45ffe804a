from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import ExpressionWrapper, F, IntegerField, Prefetch, Q
from django.db.models.expressions import RawSQL
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from nashra.images.presenters import JSON_LD_RATIOS, SOCIAL_CARD, placement_specs

# The renditions listing cards use (news/includes/article_card.html: the "lead" placement for
# a lead-sized card, "card" for the others), every width and format of both.
CARD_RENDITIONS = placement_specs("card", "lead")
# The lead image's renditions on its article: the social card (base.html), the figure's
# <picture> (news/article_page.html) and the NewsArticle JSON-LD's three ratios
# (distribution/presenters.py).
LEAD_RENDITIONS = (*placement_specs("lead"), SOCIAL_CARD, *JSON_LD_RATIOS)


def children_q(page):
    """The children of `page` (an edition's sections and pages), to add to Wagtail's child_of.
    Wagtail tests the path with LIKE, which SQLite answers by reading every page of the table,
    and a range of the path index still reads every page under `page` (every article, all of
    them below the sections; docs/developers/decisions.md). Here each child is found by one seek
    from the one before, past all of its descendants: their paths extend its own, and tree paths
    are digits and capitals, so all of them sort before its path followed by "~" in SQLite's
    byte order, and in the "C" collation Wagtail gives the column on PostgreSQL, whose planner
    read the whole table for the LIKE too."""
    table = connection.ops.quote_name(Page._meta.db_table)
    seek = f"SELECT path FROM {table} WHERE path > {{after}} AND path < %s ORDER BY path LIMIT 1"
    sql = (
        f"WITH RECURSIVE child(path) AS (SELECT ({seek.format(after='%s')}) UNION ALL "
        f"SELECT ({seek.format(after='child.path || %s')}) FROM child "
        "WHERE child.path IS NOT NULL) SELECT path FROM child WHERE path IS NOT NULL"
    )
    end = page.path + "~"
    return Q(path__in=RawSQL(sql, [page.path, end, "~", end]))


def any_view_restrictions():
    """Whether any page is private (password, login or groups). Most sites have none, and one
    bare probe of the table then spares Wagtail's own check its two queries per page view."""
    table = connection.ops.quote_name(PageViewRestriction._meta.db_table)
    with connection.cursor() as cursor:  # raw: it runs on every view; .exists() costs ~5x
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
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

    def newest_in_section(self, section):
        """in_section() for taking the newest few (rails, a listing's pages, feeds). SQLite,
        once it has statistics, reads the section's every article from its index and sorts
        them (a cost growing with the section); the section compared as `section_id + 0`
        is out of that index's reach, so it walks the date index newest-first and stops at
        the LIMIT (docs/developers/decisions.md). Counts keep in_section(): the index
        counts a section best."""
        if connection.vendor != "sqlite":
            return self.in_section(section)
        section_id = getattr(section, "pk", section)
        shifted = ExpressionWrapper(F("section_id") + 0, output_field=IntegerField())
        return self.alias(_section_unindexed=shifted).filter(_section_unindexed=section_id)

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
