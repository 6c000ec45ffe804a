"""Each listing page names itself as canonical: a tag page its own address, page N of a
listing its ?page=N, page 1 its address without ?page=."""

from collections import Counter

import pytest
from django.test import override_settings
from django.utils.encoding import iri_to_uri
from taggit.models import Tag

from nashra.news.models import ArticlePage, HomePage, SectionPage
from nashra.news.tests.helpers import soup, url_of

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def _meta(response):
    assert response.status_code == 200
    doc = soup(response)
    return (
        doc.select_one('link[rel="canonical"]')["href"],
        doc.select_one('meta[property="og:url"]')["content"],
        doc,
    )


def _busiest_tag(lang):
    counts = Counter(
        slug
        for article in ArticlePage.objects.published().filter(locale__language_code=lang)
        for slug in article.tags.values_list("slug", flat=True)
    )
    return Tag.objects.get(slug=counts.most_common(1)[0][0])


@pytest.mark.parametrize("lang", ["en", "ar"])
@override_settings(NASHRA_ARTICLES_PER_PAGE=1)
def test_tag_pages_declare_their_own_address(client, lang):
    tag = _busiest_tag(lang)
    home = HomePage.objects.live().get(locale__language_code=lang)
    url = iri_to_uri(url_of(home) + f"tags/{tag.slug}/")  # Arabic slugs are percent-encoded
    canonical, og_url, doc = _meta(client.get(url))
    assert canonical == og_url == BASE + url
    assert doc.select_one('meta[property="og:title"]')["content"].endswith(tag.name)
    # The home page's translation is not a translation of the tag page.
    assert not doc.select('link[rel="alternate"][hreflang]')
    canonical, og_url, _doc = _meta(client.get(url + "?page=2"))
    assert canonical == og_url == BASE + url + "?page=2"


@pytest.mark.parametrize("lang", ["en", "ar"])
@override_settings(NASHRA_ARTICLES_PER_PAGE=1)
def test_listing_pages_past_the_first_declare_their_page_number(client, lang):
    section = max(
        SectionPage.objects.live().filter(locale__language_code=lang),
        key=lambda s: ArticlePage.objects.published().in_section(s).count(),
    )
    url = url_of(section)
    assert _meta(client.get(url))[:2] == (BASE + url, BASE + url)
    assert _meta(client.get(url + "?page=2"))[:2] == (BASE + url + "?page=2",) * 2
    # What shows page 1 names page 1 without ?page= (the page cache keys them alike).
    for same in ("?page=1", "?page=abc", "?page=02", "?utm_source=x"):
        assert _meta(client.get(url + same))[:2] == (BASE + url, BASE + url)


def test_article_canonical_is_unchanged_by_query_strings(client):
    article = ArticlePage.objects.live().first()
    url = url_of(article)
    # ?page=N of an article pages its comments (past the last is a 404): still the article.
    for query in ("?page=1", "?utm_source=x", "?page=abc"):
        assert _meta(client.get(url + query))[:2] == (BASE + url, BASE + url)
