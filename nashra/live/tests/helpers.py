from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from nashra.live.models import LiveEntry, LivePage
from nashra.news.models import ArticleAuthor, AuthorPage
from nashra.news.tests.helpers import article_with_twin, soup, url_of  # noqa: F401


def live_page(lang="en", slug="live-test", **fields):
    """A published live page in the section of a demo article, bylined by its first author."""
    article = article_with_twin(lang)
    author = AuthorPage.objects.live().filter(locale=article.locale).first()
    page = LivePage(
        title=fields.pop("title", "Storm over the harbour: live"),
        slug=slug,
        locale=article.locale,
        standfirst="Updates as the storm reaches the coast.",
        body=[("paragraph", RichText("<p>What we know so far: the summary.</p>"))],
        **fields,
    )
    page.article_authors = [ArticleAuthor(author=author, sort_order=0)]
    article.section.add_child(instance=page)
    page.save_revision().publish()
    return LivePage.objects.get(pk=page.pk)


def add_entries(page, count, start=None, **fields):
    """`count` entries a minute apart, the last the newest; returned oldest first."""
    start = start or timezone.now() - timedelta(minutes=count + 1)
    author = page.article_authors.first().author
    made = []
    for i in range(count):
        entry = LiveEntry.objects.create(
            page=page,
            posted_at=start + timedelta(minutes=i),
            title=fields.get("title", f"Update {i}"),
            body=[("paragraph", RichText(f"<p>Entry number {i} text.</p>"))],
            key_event=fields.get("key_event", False),
            pinned=fields.get("pinned", False),
        )
        entry.authors.add(author)
        made.append(entry)
    return made


def entry_ids(response):
    return [int(a["data-entry-id"]) for a in soup(response).select(".live-entries .live-entry")]
