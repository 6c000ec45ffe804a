"""Live pages in the feeds (RSS, Atom, JSON Feed) and sitemaps, as articles are, with their
updated time moving when an entry changes; an entry change purges the feeds listing the page
and the sitemaps, in the app's page cache and in a front cache."""

from datetime import timedelta
from xml.etree import ElementTree as ET

import feedparser
import pytest
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from nashra.distribution.scopes import FEED_SIZE
from nashra.distribution.tests import conftest as distribution_fixtures
from nashra.distribution.tests.test_page_cache import request
from nashra.live import distribution as live
from nashra.live.models import LivePage
from nashra.news.models import ArticlePage
from nashra.news.tests.helpers import url_of

from .distribution_support import add_entry, delete_entry, make_live_page

pytestmark = pytest.mark.django_db

front = distribution_fixtures.front  # the recording front cache

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def _entry_for(feed, page):
    link = f"http://testserver{url_of(page)}"
    found = [e for e in feed.entries if e.link == link]
    assert len(found) == 1, [e.link for e in feed.entries]
    return found[0]


def _feeds_of(page):
    lang = page.locale.language_code
    author = page.article_authors.first().author
    tag = page.tags.first()
    scopes = [
        f"/{lang}/feeds/",
        f"/{lang}/feeds/section/{page.section.slug}/",
        f"/{lang}/feeds/author/{author.slug}/",
        f"/{lang}/feeds/tag/{tag.slug}/",
    ]
    return scopes


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_live_page_is_an_item_of_every_feed_that_would_list_it_as_an_article(client, lang):
    page = make_live_page(lang)
    for scope in _feeds_of(page):
        for fmt in ("rss", "atom"):
            item = _entry_for(_feed(client, f"{scope}{fmt}/"), page)
            assert item.title == page.title and item.summary == page.standfirst
        data = client.get(f"{scope}json/").json()
        assert f"http://testserver{url_of(page)}" in [i["url"] for i in data["items"]]
    # Newest first, among the articles (it is the newest page of its edition).
    feed = _feed(client, f"/{lang}/feeds/rss/")
    assert feed.entries[0].link == f"http://testserver{url_of(page)}"
    articles = ArticlePage.objects.published().filter(locale__language_code=lang)
    assert [e.title for e in feed.entries[1:]] == list(
        articles.values_list("title", flat=True)[: len(feed.entries) - 1]
    )


def test_an_older_live_page_keeps_its_place_by_first_publication(client):
    page = make_live_page("en")
    when = timezone.now() - timedelta(days=400)
    LivePage.objects.filter(pk=page.pk).update(first_published_at=when)
    add_entry(page, "Still going after all this time.")  # its updated time is now
    feed = _feed(client, "/en/feeds/atom/")
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    links = [e.link for e in feed.entries]
    link = f"http://testserver{url_of(page)}"
    assert links[-1] == link if len(links) < FEED_SIZE else link not in links


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_items_updated_time_is_the_latest_entry_change(client, lang):
    page = make_live_page(lang)
    published = page.last_published_at
    item = _entry_for(_feed(client, f"/{lang}/feeds/atom/"), page)
    assert item.updated_parsed[:6] == published.utctimetuple()[:6]
    later = timezone.now() + timedelta(minutes=5)
    entry = add_entry(page, "An update.", posted_at=later)
    type(entry).objects.filter(pk=entry.pk).update(updated_at=later)
    item = _entry_for(_feed(client, f"/{lang}/feeds/atom/"), page)
    assert item.updated_parsed[:6] == later.utctimetuple()[:6]
    data = client.get(f"/{lang}/feeds/json/").json()
    (json_item,) = [i for i in data["items"] if i["url"].endswith(url_of(page))]
    assert json_item["date_modified"] == later.isoformat()
    # A deletion is a change too.
    delete_entry(entry)
    entry.refresh_from_db()
    assert live.last_changed(page) == max(entry.deleted_at, entry.updated_at)


def test_an_entry_change_reaches_the_cached_feeds_and_sitemaps(settings):
    settings.NASHRA_PAGE_CACHE = True
    page = make_live_page("en")
    watched = [*(f"{scope}atom/" for scope in _feeds_of(page)), "/sitemap-en.xml"]
    for path in [*watched, "/ar/feeds/atom/"]:
        request(path)
        assert request(path)[1]["X-Cache"] == "HIT", path
    entry = add_entry(page, "An update.")
    for path in watched:
        _status, headers, body = request(path)
        assert headers["X-Cache"] == "MISS", path
        assert entry.updated_at.isoformat().encode() in body, path  # its updated time, lastmod
    assert request("/ar/feeds/atom/")[1]["X-Cache"] == "HIT"  # the other edition's is kept


def test_an_entry_change_purges_the_feeds_and_sitemaps_in_the_front_cache(
    front, django_capture_on_commit_callbacks
):
    page = make_live_page("ar")
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction "commits"
        add_entry(page, "تحديث جديد من الميناء.")
    purged = {p for _m, p, _h, _port in front.seen}
    expected = {f"{scope}{fmt}/" for scope in _feeds_of(page) for fmt in ("rss", "atom", "json")}
    assert {"/sitemap.xml", "/sitemap-ar.xml", "/sitemap-news.xml"} <= purged
    assert {iri_to_uri(p) for p in expected} <= purged, (expected, purged)
    assert not {p for p in purged if p.startswith("/en/")}  # nothing of the other edition


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_language_sitemap_lastmod_is_the_latest_entry_change(client, lang):
    page = make_live_page(lang)
    later = timezone.now() + timedelta(minutes=5)
    entry = add_entry(page, "An update.")
    type(entry).objects.filter(pk=entry.pk).update(updated_at=later)
    root = _xml(client, f"/sitemap-{lang}.xml")
    urls = {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}
    assert urls[f"http://testserver{url_of(page)}"].find("s:lastmod", NS).text == (
        later.isoformat()
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_news_sitemap_lists_live_coverage_while_it_changes(client, lang):
    page = make_live_page(lang)
    loc = f"http://testserver{url_of(page)}"

    def listed():
        root = _xml(client, "/sitemap-news.xml")
        return {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}

    url = listed()[loc]
    assert url.find("n:news/n:title", NS).text == page.title
    assert url.find("n:news/n:publication/n:language", NS).text == lang
    assert url.find("s:lastmod", NS).text == live.last_changed(page).isoformat()
    # Started long ago, unchanged for three days: no longer news.
    long_ago = timezone.now() - timedelta(days=3)
    LivePage.objects.filter(pk=page.pk).update(
        first_published_at=long_ago - timedelta(days=2), last_published_at=long_ago
    )
    assert loc not in listed()
    # An entry today brings it back, with the entry's time as lastmod.
    entry = add_entry(page, "A new turn in the story.")
    url = listed()[loc]
    assert url.find("s:lastmod", NS).text == entry.updated_at.isoformat()
    assert url.find("n:news/n:publication_date", NS).text == (
        (long_ago - timedelta(days=2)).isoformat()
    )
    # A deletion today also counts as a change.
    type(entry).objects.filter(pk=entry.pk).update(updated_at=long_ago)
    assert loc not in listed()
    delete_entry(type(entry).objects.get(pk=entry.pk))
    assert loc in listed()
