"""What a live page sends out besides its own page: its entries' words in the search index,
its newest entries in the API, ninjs and JSON-LD, and the time of its latest change for feeds
and sitemaps (nashra.distribution reads these; docs/developers/outputs.md).

Deleted entries (tombstones) are left out of everything but the time of the latest change:
a deletion changes the page too."""

import html
from types import SimpleNamespace

from django.db.models import Max
from django.utils.html import strip_tags
from django.utils.text import Truncator
from rest_framework.fields import Field
from wagtail.api import APIField

from nashra.core.text_analysis import index_text
from nashra.news.models import ArticlePage
from nashra.news.plain_text import text_parts

# The newest entries the API and ninjs carry (older ones are on the page, `?before=<id>`).
API_ENTRIES = 50
# The newest entries in the LiveBlogPosting JSON-LD's liveBlogUpdate.
JSON_LD_UPDATES = 10
# Google shows headlines of up to 110 characters; an entry with no title is named by its
# first words.
HEADLINE_LENGTH = 110
EXCERPT_LENGTH = 500


def entry_parts(entry, paragraph_text=strip_tags):
    """An entry's words as plain text, in reading order: its title, then each block's."""
    return text_parts(
        SimpleNamespace(title=entry.title, standfirst="", body=entry.body), paragraph_text
    )


def entry_passages(page_ids, paragraph_text):
    """{live page id: its shown entries' words, newest entry first}, for search excerpts."""
    from .models import LiveEntry

    passages = {}
    entries = LiveEntry.objects.shown().filter(page_id__in=page_ids).newest_first()
    for entry in entries.only("page_id", "title", "body"):
        passages.setdefault(entry.page_id, []).extend(entry_parts(entry, paragraph_text))
    return passages


def _plain(source):
    return html.unescape(strip_tags(source))


def entry_text(entry):
    """An entry's body as one line of plain text (entities decoded), without its title."""
    parts = entry_parts(entry, _plain)
    if entry.title:
        parts = parts[1:]
    return " ".join(" ".join(parts).split())


def entry_headline(entry):
    return entry.title or Truncator(entry_text(entry)).chars(HEADLINE_LENGTH)


def entry_excerpt(entry):
    return Truncator(entry_text(entry)).chars(EXCERPT_LENGTH)


def entry_url(page_url, entry):
    """The entry's permalink on its page (an absolute page address gives an absolute one)."""
    return f"{page_url}#{entry.anchor}"


def newest_entries(page, count):
    """The page's newest `count` shown entries, newest first, their authors loaded."""
    return list(page.entries.shown().newest_first().prefetch_related("authors")[:count])


def changed_at(pages):
    """{page id: when each live page last changed for its readers}: its own "Updated" time
    or last publish, or the latest entry added, changed or deleted, whichever is later."""
    pages = list(pages)
    if not pages:
        return {}
    from .models import LiveEntry

    latest = {}
    rows = (
        LiveEntry.objects.filter(page_id__in=[p.pk for p in pages])
        .order_by()
        .values("page_id")
        .annotate(updated=Max("updated_at"), deleted=Max("deleted_at"))
    )
    for row in rows:
        latest[row["page_id"]] = max(t for t in (row["updated"], row["deleted"]) if t)
    result = {}
    for page in pages:
        own = page.updated_at or page.last_published_at or page.first_published_at
        times = [t for t in (own, latest.get(page.pk)) if t]
        result[page.pk] = max(times) if times else None
    return result


def last_changed(page):
    return changed_at([page])[page.pk]


def entry_author(author):
    return {"id": author.pk, "name": author.title, "role": author.role}


class LiveEntriesField(Field):
    """The API's `entries` of a live page: the newest API_ENTRIES shown, newest first, each
    body in the representation the article's `body` has (Wagtail's StreamField JSON)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        page_url = page.get_full_url(request)
        return [
            {
                "id": entry.pk,
                "url": entry_url(page_url, entry) if page_url else None,
                "posted_at": entry.posted_at.isoformat(),
                "updated_at": entry.updated_at.isoformat(),
                "title": entry.title,
                "body": entry.body.stream_block.get_api_representation(entry.body, self.context),
                "authors": [entry_author(a) for a in entry.authors.all()],
                "key_event": entry.key_event,
                "pinned": entry.pinned,
            }
            for entry in newest_entries(page, API_ENTRIES)
        ]


class LiveOutputsMixin:
    """A live page's entries in the search index and the API (mixed into LivePage)."""

    api_fields = ArticlePage.api_fields + [
        APIField("status"),
        APIField("coverage_start"),
        APIField("coverage_end"),
        APIField("entries", serializer=LiveEntriesField()),
    ]

    def search_terms(self):
        # The article's terms, then every shown entry's (worked out once per save, as the
        # article's are: save() forgets them).
        if self.__dict__.get("_search_terms") is None:
            article = super().search_terms()
            entries = self.entries.shown().newest_first().only("title", "body")
            self._search_terms = " ".join(
                filter(None, [article, *(index_text(*entry_parts(e)) for e in entries)])
            )
        return self._search_terms
