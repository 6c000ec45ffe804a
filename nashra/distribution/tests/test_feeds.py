import feedparser
import pytest

from nashra.news.models import ArticlePage, AuthorPage, SectionPage
from nashra.news.tests.helpers import soup, url_of

pytestmark = pytest.mark.django_db


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_edition_feeds_parse_cleanly_in_both_languages(client, lang, fmt):
    feed = _parse(client, f"/{lang}/feeds/{fmt}/")
    assert feed.feed.language == lang
    expected = list(
        ArticlePage.objects.published()
        .filter(locale__language_code=lang)
        .values_list("title", flat=True)
    )
    assert [e.title for e in feed.entries] == expected[: len(feed.entries)]
    first = feed.entries[0]
    assert first.published_parsed and first.updated_parsed
    enclosure = first.enclosures[0]
    assert enclosure.href.startswith("http://testserver/media/") and enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 1000
    assert first.link.startswith(f"http://testserver/{lang}/")


def test_section_author_and_tag_feeds(client):
    section = SectionPage.objects.filter(locale__language_code="ar").first()
    feed = _parse(client, f"/ar/feeds/section/{section.slug}/rss/")
    titles = {e.title for e in feed.entries}
    assert titles == set(
        ArticlePage.objects.published().filter(section=section).values_list("title", flat=True)
    )
    author = next(
        a
        for a in AuthorPage.objects.live().filter(locale__language_code="en")
        if a.bylines.exists()
    )
    feed = _parse(client, f"/en/feeds/author/{author.slug}/atom/")
    assert feed.entries and all(author.title in e.author for e in feed.entries)
    article = next(
        a for a in ArticlePage.objects.live().filter(locale__language_code="ar") if a.tags.exists()
    )
    tag = article.tags.first()
    feed = _parse(client, f"/ar/feeds/tag/{tag.slug}/rss/")
    assert article.title in {e.title for e in feed.entries}


def test_json_feed(client):
    data = client.get("/ar/feeds/json/").json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["language"] == "ar" and data["items"]
    item = data["items"][0]
    assert item["url"].startswith("http://testserver/ar/") and item["image"].startswith("http://")
    assert item["authors"][0]["name"]


def test_unknown_scopes_404(client):
    assert client.get("/en/feeds/section/no-such-desk/rss/").status_code == 404
    assert client.get("/en/feeds/planet/x/rss/").status_code == 404


def test_feeds_are_advertised_on_their_pages(client):
    section = SectionPage.objects.filter(locale__language_code="en").first()
    links = {
        link["href"]
        for link in soup(client.get(url_of(section))).select('link[rel="alternate"][type]')
    }
    assert f"/en/feeds/section/{section.slug}/rss/" in links
    assert "/en/feeds/atom/" in links and "/en/feeds/json/" in links
    home = {link["href"] for link in soup(client.get("/ar/")).select('link[rel="alternate"][type]')}
    assert "/ar/feeds/rss/" in home
