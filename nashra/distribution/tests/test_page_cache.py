import gzip
import io
from urllib.parse import unquote_to_bytes
from wsgiref.util import setup_testing_defaults

import brotli
import pytest
from bs4 import BeautifulSoup
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from nashra.core.page_cache import PageCacheMiddleware
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage, HomePage, SectionPage
from nashra.news.tests.helpers import arabic_only_article, article_with_twin, section_with, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.NASHRA_PAGE_CACHE = True


def request(path, method="GET", query="", app=None, **headers):
    from nashra.wsgi import application

    application = app or application
    # As servers pass it: the URL's bytes, percent-decoded, as latin-1 text.
    environ = {
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
    }
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    setup_testing_defaults(environ)
    result = {}

    def start_response(status, response_headers, exc_info=None):
        result["status"], result["headers"] = status, dict(response_headers)

    # Like Django's test client: keep the test's database connection (and transaction) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return result["status"], result["headers"], body


def test_second_anonymous_get_is_served_from_the_cache_with_stored_compression():
    path = url_of(article_with_twin("en"))
    status, headers, body = request(path)
    assert status.startswith("200") and headers["X-Cache"] == "MISS"
    status, headers, again = request(path)
    assert headers["X-Cache"] == "HIT" and again == body
    _, headers, zipped = request(path, accept_encoding="gzip, deflate")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped) == body
    _, headers, br = request(path, accept_encoding="gzip, br")
    assert headers["Content-Encoding"] == "br" and brotli.decompress(br) == body
    assert headers["Vary"] == "Accept-Encoding" and int(headers["Content-Length"]) == len(br)
    assert "Set-Cookie" not in headers and b"csrfmiddlewaretoken" not in body


def test_only_the_page_number_keys_a_cached_copy(settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    home = url_of(HomePage.objects.get(locale__language_code="en"))
    assert request(home)[1]["X-Cache"] == "MISS"
    # Tracking parameters and non-canonical page numbers show page 1: they share its entry,
    # so they can't fill the cache or escape a purge.
    for query in ("utm_source=newsletter", "page=1", "page=01", "page=abc"):
        assert request(home, query=query)[1]["X-Cache"] == "HIT", query
    section = url_of(article_with_twin("en").section)
    assert request(section, query="page=2")[1]["X-Cache"] == "MISS"
    assert request(section, query="page=2&utm_medium=x")[1]["X-Cache"] == "HIT"
    assert request(section, query="page=2&page=3")[1]["X-Cache"] == "HIT"  # the first counts


def test_ssl_redirect_is_never_skipped_by_a_cached_copy(settings):
    path = url_of(article_with_twin("en"))
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Django's middleware reads these settings when the application is built.
    app = PageCacheMiddleware(get_wsgi_application())
    assert request(path, app=app, x_forwarded_proto="https")[1]["X-Cache"] == "MISS"
    assert request(path, app=app, x_forwarded_proto="https")[1]["X-Cache"] == "HIT"
    status, headers, _ = request(path, app=app)
    assert status.startswith("301") and headers["Location"].startswith("https://")


@pytest.mark.parametrize(
    "path,kwargs",
    [
        ("/en/", {"cookie": "sessionid=abc"}),
        ("/admin/login/", {}),
        ("/en/search/", {}),
        ("/en/", {"query": "reacted=yes"}),
    ],
)
def test_editors_admin_search_and_thank_you_pages_are_never_cached(path, kwargs):
    query = kwargs.pop("query", "")
    request(path, query=query, **kwargs)
    _status, headers, _ = request(path, query=query, **kwargs)
    assert "X-Cache" not in headers


def test_posts_are_never_cached():
    article = article_with_twin("en")
    _s, headers, _b = request(f"/en/engagement/articles/{article.pk}/reaction/", method="POST")
    assert "X-Cache" not in headers


def test_publishing_purges_exactly_the_pages_that_show_the_article():
    article = article_with_twin("en")
    other = (
        ArticlePage.objects.live()
        .filter(locale__language_code="en")
        .exclude(section=article.section)
        .first()
    )
    ar_home = url_of(HomePage.objects.get(locale__language_code="ar"))
    watched = [
        url_of(article),
        url_of(article.section),
        "/en/",
        "/en/feeds/rss/",
        url_of(other),
        ar_home,
    ]
    for path in watched:
        request(path)
        assert request(path)[1]["X-Cache"] == "HIT"
    article.title = "A corrected headline for the port story"
    article.save_revision().publish()
    for path in watched[:4]:
        status, headers, body = request(path)
        assert headers["X-Cache"] == "MISS", path
        assert b"A corrected headline for the port story" in body, path
    assert request(url_of(other))[1]["X-Cache"] == "HIT"
    assert request(ar_home)[1]["X-Cache"] == "HIT"


def test_unpublishing_takes_the_page_down_at_once():
    article = article_with_twin("en")
    path = url_of(article)
    request(path)
    article.unpublish()
    status, headers, _ = request(path)
    assert status.startswith("404")


def test_approving_a_comment_shows_it_without_clearing_anything_by_hand():
    article = article_with_twin("en")
    path = url_of(article)
    comment = Comment.objects.create(
        article=article,
        name="Hind",
        email="h@example.org",
        body="Waiting for approval in the cache test",
    )
    request(path)
    assert b"Waiting for approval" not in request(path)[2]
    comment.status = "approved"
    comment.save()
    status, headers, body = request(path)
    assert headers["X-Cache"] == "MISS" and b"Waiting for approval" in body


def _warm(*paths):
    for path in paths:
        request(path)
        assert request(path)[1]["X-Cache"] == "HIT", path


def _doc(path):
    status, headers, body = request(path)
    return headers.get("X-Cache"), BeautifulSoup(body.decode(), "html.parser")


def _rail(path):
    """X-Cache, and the titles in the page's related rail."""
    state, doc = _doc(path)
    return state, {a.get_text() for a in doc.select("aside.related .card h3 a")}


def _switcher(path, language):
    state, doc = _doc(path)
    return state, doc.select_one(f".language-switcher a[hreflang={language}]")["href"]


def test_an_edit_refreshes_the_rails_that_show_the_article_and_no_other_page():
    articles = section_with(11)
    paths = [url_of(a) for a in articles]
    _warm(*paths)
    middle = articles[5]
    middle.title = "The ferry timetable, corrected"
    middle.save_revision().publish()
    for path in paths[6:10]:  # the four published just after it show it in their rail
        state, titles = _rail(path)
        assert state == "MISS" and "The ferry timetable, corrected" in titles, path
    for path in paths[:5] + paths[10:]:
        assert request(path)[1]["X-Cache"] == "HIT", path


def test_unpublishing_refreshes_the_rails_that_showed_the_article_and_no_other_page():
    articles = section_with(11)
    paths = [url_of(a) for a in articles]
    _warm(*paths)
    ArticlePage.objects.get(pk=articles[5].pk).unpublish()
    assert _rail(paths[6]) == ("MISS", {a.title for a in articles[1:5]})
    for path in paths[7:10]:
        state, titles = _rail(path)
        assert state == "MISS" and articles[5].title not in titles, path
    for path in paths[:5] + paths[10:]:
        assert request(path)[1]["X-Cache"] == "HIT", path


def test_an_article_published_with_an_earlier_date_shows_in_the_rails_after_it():
    articles = section_with(11)
    paths = [url_of(a) for a in articles]
    _warm(*paths)
    before, after = articles[4].first_published_at, articles[5].first_published_at
    imported = articles[5].copy(
        keep_live=False,
        update_attrs={
            "slug": "imported-story",
            "title": "An imported story",
            "first_published_at": before + (after - before) / 2,
        },
    )
    imported.save_revision().publish()
    for path in paths[5:9]:
        state, titles = _rail(path)
        assert state == "MISS" and "An imported story" in titles, path
    for path in paths[:5] + paths[9:]:
        assert request(path)[1]["X-Cache"] == "HIT", path


def test_an_article_moved_to_another_section_leaves_the_old_rails_and_joins_the_new():
    articles = section_with(8)
    moving = articles[5]
    other = (
        SectionPage.objects.live()
        .filter(locale=moving.locale)
        .exclude(pk=moving.section_id)
        .first()
    )
    neighbour = ArticlePage.objects.published().in_section(other).first()
    _warm(url_of(articles[6]), url_of(neighbour))
    moving.move(other, pos="last-child")
    state, titles = _rail(url_of(articles[6]))
    assert state == "MISS" and moving.title not in titles
    state, titles = _rail(url_of(neighbour))
    assert state == "MISS" and moving.title in titles  # the newest, in a small section


def test_a_section_published_or_unpublished_refreshes_its_twins_switcher():
    section = next(
        s
        for s in SectionPage.objects.live().filter(locale__language_code="en")
        if s.get_translations().live().exists()
    )
    twin = section.get_translations().live().get()
    others = [
        url_of(HomePage.objects.get(locale__language_code="ar")),
        url_of(ArticlePage.objects.live().filter(section=twin).first()),
    ]
    _warm(url_of(twin), *others)
    SectionPage.objects.get(pk=section.pk).unpublish()
    assert _switcher(url_of(twin), "en") == ("MISS", "/en/")
    for path in others:  # their switchers link to their own twins
        assert request(path)[1]["X-Cache"] == "HIT", path
    SectionPage.objects.get(pk=section.pk).save_revision().publish()
    assert _switcher(url_of(twin), "en") == ("MISS", url_of(section))
    for path in others:
        assert request(path)[1]["X-Cache"] == "HIT", path


def test_a_section_given_a_new_address_refreshes_the_switchers_of_its_articles_twins():
    article = article_with_twin("en")
    twin = article.get_translations().live().get()
    elsewhere = next(
        a
        for a in ArticlePage.objects.live()
        .filter(locale__language_code="ar")
        .exclude(section=twin.section)
        if a.get_translations().live().exists()
    )
    _warm(url_of(twin), url_of(elsewhere))
    section = SectionPage.objects.get(pk=article.section_id)
    section.slug = "coast-and-harbour"
    section.save_revision().publish()
    moved = url_of(ArticlePage.objects.get(pk=article.pk))
    assert "/coast-and-harbour/" in moved
    assert _switcher(url_of(twin), "en") == ("MISS", moved)
    assert request(url_of(elsewhere))[1]["X-Cache"] == "HIT"


def test_a_moved_article_is_linked_at_its_new_address_from_its_twins_cached_page():
    article = article_with_twin("en")
    twin = url_of(article.get_translations().live().get())
    _warm(twin)
    other = (
        SectionPage.objects.live()
        .filter(locale=article.locale)
        .exclude(pk=article.section_id)
        .first()
    )
    article.move(other, pos="last-child")
    assert _switcher(twin, "en") == ("MISS", url_of(ArticlePage.objects.get(pk=article.pk)))


def test_making_a_page_private_takes_its_cached_copies_down_at_once():
    from wagtail.models import PageViewRestriction

    article = article_with_twin("en")
    section, home = article.section, HomePage.objects.get(locale__language_code="en")
    watched = [url_of(article), url_of(section), url_of(home)]
    for path in watched:
        request(path)
        assert request(path)[1]["X-Cache"] == "HIT"
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    status, headers, body = request(url_of(article))
    assert article.title.encode() not in body and headers.get("X-Cache") != "HIT"
    # Listings no longer show what is now private.
    assert article.title.encode() not in request(url_of(home))[2]
    restriction.delete()
    assert article.title.encode() in request(url_of(article))[2]
    assert article.title.encode() in request(url_of(home))[2]


def test_a_version_the_cache_dropped_never_brings_back_an_older_page():
    """Redis under memory pressure evicts the least used keys, and the versions workers hold
    in memory are seldom read there: a dropped version must not lead back to old copies."""
    from django.core.cache import cache

    article = article_with_twin("en")
    path = url_of(article)
    request(path)
    assert request(path)[1]["X-Cache"] == "HIT"  # stored under the path's first version
    article.title = "Harbour dredging resumes after the storm"
    article.save_revision().publish()
    assert b"Harbour dredging resumes after the storm" in request(path)[2]
    assert request(path)[1]["X-Cache"] == "HIT"
    cache.delete(f"pcv:path:{path}")  # evicted
    status, headers, body = request(path)
    assert headers["X-Cache"] == "MISS" and b"Harbour dredging resumes after the storm" in body
    assert request(path)[1]["X-Cache"] == "HIT"  # the new version sticks


def test_an_edit_in_place_refreshes_the_listing_page_showing_it(settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    articles = section_with(11)
    edited = ArticlePage.objects.get(pk=articles[5].pk)  # five newer: the third page
    section = url_of(edited.section)
    request(section, query="page=3")
    assert request(section, query="page=3")[1]["X-Cache"] == "HIT"
    edited.title = "Ferry timetable corrected for the third page"
    edited.save_revision().publish()
    status, headers, body = request(section, query="page=3")
    assert headers["X-Cache"] == "MISS" and b"Ferry timetable corrected for the third page" in body


def test_a_page_purged_while_it_rendered_is_kept_by_no_cache():
    """A front cache must not store a render that began before a purge: the PURGE may reach
    it before the response does, and nothing would purge the stale copy after."""
    from nashra.core import page_cache
    from nashra.wsgi import django_application

    path = url_of(article_with_twin("en"))

    def purged_meanwhile(environ, start_response):
        page_cache.purge(paths=[path])  # a publish commits while this page renders
        return django_application(environ, start_response)

    status, headers, _ = request(path, app=PageCacheMiddleware(purged_meanwhile))
    assert status.startswith("200") and headers["Cache-Control"] == "no-store"
    assert headers["X-Cache"] == "STALE"
    assert request(path)[1]["X-Cache"] == "MISS"  # nothing was kept
    assert request(path)[1]["X-Cache"] == "HIT"


def test_an_arabic_address_is_purged_like_any_other():
    """Servers hand Arabic paths over as latin-1 mojibake; the page is kept and purged under
    the path Django and the purges name."""
    article = arabic_only_article()
    article.slug = "خفر-السواحل-يضبط-شحنة"
    article.save_revision().publish()
    article = ArticlePage.objects.get(pk=article.pk)
    path = url_of(article)
    assert "%D8" in path and request(path)[1]["X-Cache"] == "MISS"
    assert request(path)[1]["X-Cache"] == "HIT"
    article.title = "خفر السواحل يضبط شحنة ثانية"
    article.save_revision().publish()
    status, headers, body = request(path)
    assert headers["X-Cache"] == "MISS" and "خفر السواحل يضبط شحنة ثانية".encode() in body
