from django.db.models import Prefetch
from wagtail.query import PageQuerySet

# The renditions listing cards use (see news/includes/article_card.html).
CARD_RENDITIONS = ("fill-640x360", "fill-1200x675")


class ArticleQuerySet(PageQuerySet):
    """Article lookups in the newsroom's terms, loading what a listing card shows."""

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
