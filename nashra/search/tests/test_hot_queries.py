"""Hot queries: an anonymous results page is served from the page cache, keyed by the
canonical query, filters and page (nashra.search.query.page_key), purged with the edition's
search address on publish and unpublish, never stored for a signed-in reader, and never for a
request the page cannot answer as asked."""

from urllib.parse import quote

import pytest
from django.core.management import call_command

from nashra.distribution.tests.test_page_cache import request
from nashra.news.models import ArticlePage, SectionPage
from nashra.search import views

pytestmark = pytest.mark.django_db

QUERIES = {
    "en": ["marsa", "Marsa", "%20MARSA%20%20", "marsa+"],
    "ar": ["مستشفى", "مُسْتَشْفَى", "مستشـــفى", "%20مستشفى%20"],
}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.NASHRA_PAGE_CACHE = True
    call_command("update_index", verbosity=0)


def _get(language, query):
    q = quote(query, safe="%+&=")
    return request(f"/{language}/search/", query=q if "=" in q else f"q={q}")


def _titles(body):
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(body.decode(), "html.parser")
    return [a.get_text() for a in doc.select(".search-result h2 a")]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_repeated_query_is_a_hit_with_no_database_query(language, django_assert_num_queries):
    status, headers, first = _get(language, QUERIES[language][0])
    assert status.startswith("200") and headers["X-Cache"] == "MISS"
    assert _titles(first)  # the demo has matches: a hit of an empty page would prove little
    with django_assert_num_queries(0):
        status, headers, again = _get(language, QUERIES[language][0])
    assert status.startswith("200") and headers["X-Cache"] == "HIT" and again == first


@pytest.mark.parametrize("language", ["en", "ar"])
def test_spellings_of_one_query_share_one_entry(language, settings):
    first, *others = QUERIES[language]
    _status, headers, body = _get(language, first)
    assert headers["X-Cache"] == "MISS"
    for query in others:
        _status, headers, again = _get(language, query)
        assert headers["X-Cache"] == "HIT", query
        assert again == body
    # Rendered afresh, each spelling gives the very same page: sharing it shows no reader
    # another's words.
    settings.NASHRA_PAGE_CACHE = False
    pages = {_get(language, query)[2] for query in QUERIES[language]}
    assert len(pages) == 1


def test_queries_that_analyse_alike_share_the_ranking(monkeypatch):
    calls = []
    real = views.ranked_ids
    monkeypatch.setattr(views, "ranked_ids", lambda *a, **k: calls.append(1) or real(*a, **k))
    titles = _titles(_get("en", "hospital")[2])
    assert titles and calls == [1]
    _status, headers, body = _get("en", "hospitals")  # its own page: it shows its own words
    assert headers["X-Cache"] == "MISS" and calls == [1] and _titles(body) == titles


def test_filters_and_pages_are_keyed_apart():
    section = SectionPage.objects.get(locale__language_code="en", slug="politics")
    everything = _titles(_get("en", "q=elections")[2])
    _status, headers, body = _get("en", f"q=elections&section={section.pk}")
    assert headers["X-Cache"] == "MISS" and set(_titles(body)) < set(everything)
    # The same filters in another order and with empty ones: the same page.
    _status, headers, again = _get("en", f"type=&section={section.pk}&q=Elections&page=1")
    assert headers["X-Cache"] == "HIT" and again == body


@pytest.mark.parametrize(
    ("language", "word", "title"),
    [
        ("en", "zephyrine", "Zephyrine lighthouse restored"),
        ("ar", "الزفيرين", "ترميم منارة الزفيرين"),
    ],
)
def test_a_publish_or_unpublish_in_the_edition_purges_its_search_pages(language, word, title):
    assert _titles(_get(language, word)[2]) == []
    assert _get(language, word)[1]["X-Cache"] == "HIT"
    article = ArticlePage.objects.live().filter(locale__language_code=language).first()
    article.title = title
    article.save_revision().publish()
    status, headers, body = _get(language, word)
    assert headers["X-Cache"] == "MISS" and _titles(body) == [title]
    assert _get(language, word)[1]["X-Cache"] == "HIT"
    article.unpublish()
    status, headers, body = _get(language, word)
    assert headers["X-Cache"] == "MISS" and _titles(body) == []


def test_the_other_editions_search_pages_are_purged_too_and_other_pages_kept():
    """A results page may say how many articles match in the other edition."""
    _get("ar", "مستشفى")
    front = request("/ar/")
    assert request("/ar/")[1]["X-Cache"] == "HIT" and front[0].startswith("200")
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    article.save_revision().publish()
    assert _get("ar", "مستشفى")[1]["X-Cache"] == "MISS"
    assert request("/ar/")[1]["X-Cache"] == "HIT"  # an English publish leaves it alone


def test_a_signed_in_reader_is_neither_served_nor_stored(client, admin_user):
    client.force_login(admin_user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, _body = request("/en/search/", query="q=marsa", cookie=cookie)
    assert status.startswith("200") and "X-Cache" not in headers
    assert _get("en", "marsa")[1]["X-Cache"] == "MISS"  # the signed-in render was not stored
    status, headers, _body = request("/en/search/", query="q=marsa", cookie=cookie)
    assert "X-Cache" not in headers  # nor served the anonymous copy


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", "200"),
        ("q=", "200"),
        ("q=%20%20", "200"),
        ("q=%21%21%21", "200"),
        ("q=" + "a" * 201, "400"),
        ("q=marsa&page=abc", "400"),
        ("q=marsa&page=1.5", "400"),
        ("q=marsa&page=02", "400"),
        ("q=marsa&page=999", "404"),
        ("q=marsa&foo=1", "200"),
        ("q=marsa&q=port", "200"),
        ("q=marsa&section=abc", "400"),
        ("q=marsa&type=nothing", "400"),
        ("q=marsa&start=2024-13-45", "400"),
        ("q=marsa&start=2025-01-02&end=2024-01-01", "400"),
        ("q=%ff%fe", "200"),
        ("q=%D9%85", "200"),
    ],
)
def test_bad_input_gets_the_friendly_page_and_is_never_cached(language, query, status):
    word = quote(QUERIES[language][0])  # a word with matches in the edition
    for _ in range(2):
        got, headers, body = request(f"/{language}/search/", query=query.replace("marsa", word))
        assert got.startswith(status), (query, got)
        assert b"<form" in body and f'lang="{language}"'.encode() in body
        assert "X-Cache" not in headers, query  # neither served from the cache nor stored


@pytest.mark.parametrize(("language", "other"), [("ar", "en"), ("en", "ar")])
def test_a_live_entry_purges_the_other_editions_count_of_it(language, other):
    """A results page finding little says how many articles match in the other edition: an
    entry on a live page changes that count there too."""
    from nashra.live.tests.distribution_support import add_entry, make_live_page

    word = "qunfudhistan" if language == "en" else "قنفذستان"
    page = make_live_page(language, slug="live-hedgehog-land")
    assert b"search-other-edition" not in _get(other, word)[2]
    assert _get(other, word)[1]["X-Cache"] == "HIT"
    add_entry(page, f"Reports from {word} tonight" if language == "en" else f"أنباء من {word}")
    status, headers, body = _get(other, word)
    assert headers["X-Cache"] == "MISS"
    assert b'class="search-other-edition"><a href="/%s/search/' % language.encode() in body
