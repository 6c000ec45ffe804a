"""RSS 2.0, Atom and JSON Feed for each edition, section, author and tag."""

import mimetypes
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from nashra.live import distribution as live
from nashra.live.models import LivePage
from nashra.news.corrections_log import public_corrections
from nashra.news.models import HomePage

from .scopes import FEED_SIZE, corrections_feed_urls, feed_urls, resolve

LEAD_RENDITION = "width-1200"


def _newest(scope):
    """The scope's newest articles and live pages, each with `feed_updated`: when it last
    changed for its readers (for a live page, an entry added, changed or deleted counts)."""
    items = scope.newest(FEED_SIZE)
    changed = live.changed_at(item for item in items if isinstance(item, LivePage))
    for item in items:
        item.feed_updated = changed.get(item.pk) or (
            item.updated_at or item.last_published_at or item.first_published_at
        )
    return items


def _rendition(article):
    if not article.lead_image_id:
        return None
    return article.lead_image.get_rendition(LEAD_RENDITION)


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, kind="edition", slug=None):
        scope = resolve(request, translation.get_language(), kind, slug)
        scope.request = request
        return scope

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.link

    def description(self, scope):
        return scope.description or _("Independent news in Arabic and English.")

    def feed_url(self, scope):
        key = "atom" if self.feed_type is Atom1Feed else "rss"
        return feed_urls(scope.language, scope.kind, scope.slug)[key]

    def items(self, scope):
        items = _newest(scope)
        for item in items:  # item methods get only the item; enclosures need absolute URLs
            item.feed_request = scope.request
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_url()

    def item_guid(self, item):
        return f"urn:nashra:article:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.feed_updated

    def item_author_name(self, item):
        return ", ".join(b.author.title for b in item.article_authors.all())

    def item_categories(self, item):
        return [item.section.title] if item.section_id else []

    def item_enclosure_url(self, item):
        rendition = _rendition(item)
        return item.feed_request.build_absolute_uri(rendition.url) if rendition else None

    def item_enclosure_length(self, item):
        rendition = _rendition(item)
        return rendition.file.size if rendition else None

    def item_enclosure_mime_type(self, item):
        rendition = _rendition(item)
        return (mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg") if rendition else None


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


def json_feed(request, kind="edition", slug=None):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    scope = resolve(request, translation.get_language(), kind, slug)
    absolute = request.build_absolute_uri
    items = []
    for article in _newest(scope):
        item = {
            "id": f"urn:nashra:article:{article.translation_key}:{article.locale.language_code}",
            "url": absolute(article.get_url(request)),
            "title": article.title,
            "summary": article.standfirst,
            "content_text": article.standfirst,
            "date_published": article.first_published_at.isoformat(),
            "date_modified": article.feed_updated.isoformat(),
            "language": scope.language,
            "authors": [
                {"name": b.author.title, "url": absolute(b.author.get_url(request))}
                for b in article.article_authors.all()
            ],
            "tags": [t.name for t in article.tags.all()],
        }
        rendition = _rendition(article)
        if rendition:
            item["image"] = absolute(rendition.url)
        items.append(item)
    urls = feed_urls(scope.language, kind, slug)
    return JsonResponse(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": scope.title,
            "home_page_url": absolute(scope.link),
            "feed_url": absolute(urls["json"]),
            "description": scope.description,
            "language": scope.language,
            "items": items,
        },
        content_type="application/feed+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )


class CorrectionsFeed(Feed):
    """An edition's corrections log (nashra.news.corrections_log) as a feed: one item per
    correction or clarification, newest first, linking to the corrected article."""

    feed_type = Rss201rev2Feed

    def get_object(self, request):
        language = translation.get_language()
        home = HomePage.objects.live().filter(locale__language_code=language).first()
        if home is None:
            raise Http404
        home.feed_request = request
        return home

    def title(self, home):
        return _("Corrections and clarifications · %(site)s") % {"site": _("Nashra")}

    def link(self, home):
        return home.corrections_url(home.feed_request)

    def description(self, home):
        return _("Every correction and clarification to our articles, newest first.")

    def feed_url(self, home):
        key = "atom" if self.feed_type is Atom1Feed else "rss"
        return corrections_feed_urls(home.locale.language_code)[key]

    def items(self, home):
        items = list(public_corrections(home)[:FEED_SIZE])
        for item in items:
            item.feed_request = home.feed_request
        return items

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.title}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.article.get_url(item.feed_request) + "#corrections-title"

    def item_guid(self, item):
        return f"urn:nashra:correction:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        # A correction is dated by the day: the start of that day in the newsroom's zone.
        return timezone.make_aware(datetime.combine(item.date, time.min))


class AtomCorrectionsFeed(CorrectionsFeed):
    feed_type = Atom1Feed
    subtitle = CorrectionsFeed.description
