from wagtail.query import PageQuerySet


class ArticleQuerySet(PageQuerySet):
    """Article lookups in the newsroom's terms, loading what a listing card shows."""

    def published(self):
        return self.live().public().order_by("-first_published_at", "-pk")

    def for_cards(self):
        return self.select_related("lead_image", "section", "locale")

    def in_section(self, section):
        return self.filter(section=section)

    def by_author(self, author):
        return self.filter(article_authors__author=author).distinct()

    def tagged(self, slug):
        return self.filter(tags__slug=slug).distinct()
