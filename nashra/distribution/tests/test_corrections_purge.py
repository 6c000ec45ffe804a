"""Adding a correction purges the article, every page of its edition's corrections log and the
feeds: in the app's page cache and in a front cache."""

import pytest

from nashra.distribution.purge_targets import edition_targets
from nashra.distribution.tests.test_page_cache import request
from nashra.news.models import ArticleCorrection, ArticlePage
from nashra.news.tests.helpers import article_with_twin, url_of
from nashra.news.tests.test_corrections_log import add_correction

pytestmark = pytest.mark.django_db

LOG_PAGES = ["/en/corrections/", "/en/corrections/?page=2"]
FEEDS = ["/en/feeds/corrections/rss/", "/en/feeds/corrections/atom/"]


def _published_corrections(lang="en"):
    published = ArticlePage.objects.published().filter(locale__language_code=lang)
    return ArticleCorrection.objects.filter(article__in=published).count()


def test_a_new_correction_reaches_the_page_cache(settings, django_capture_on_commit_callbacks):
    settings.NASHRA_PAGE_CACHE = True
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    article = article_with_twin("en")
    with django_capture_on_commit_callbacks(execute=True):
        add_correction(article, "First, to give the log a second page.")
    watched = [url_of(article), "/en/corrections/", "/en/feeds/corrections/rss/"]
    for path in watched + ["/en/corrections/?page=2"]:
        path, _sep, query = path.partition("?")
        request(path, query=query)
        assert request(path, query=query)[1]["X-Cache"] == "HIT", path
    ar_log = "/ar/corrections/"
    request(ar_log)
    with django_capture_on_commit_callbacks(execute=True):  # as a publish commits
        add_correction(article, "The ferry leaves at 7, not 8.")
    for path in watched:
        _status, headers, body = request(path)
        assert headers["X-Cache"] == "MISS", path
        assert b"The ferry leaves at 7, not 8." in body, path
    # Every ?page=N shares its path's version: page 2 now shows what page 1 showed.
    _status, headers, body = request("/en/corrections/", query="page=2")
    assert headers["X-Cache"] == "MISS"
    assert b"First, to give the log a second page." in body
    assert request(ar_log)[1]["X-Cache"] == "HIT"  # the other edition's log is untouched


def test_a_new_correction_purges_every_page_of_the_log_and_its_feeds_in_the_front_cache(
    front, settings, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    article = article_with_twin("en")
    for i in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            add_correction(article, f"Filler {i}")
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_correction(article, "Purged everywhere.")
    purged = {p for _m, p, _h, _port in front.seen}
    pages = -(-(_published_corrections() + 1) // 2)
    log = ["/en/corrections/"] + [f"/en/corrections/?page={n}" for n in range(2, pages + 1)]
    assert pages >= 3
    assert {url_of(article), *log, *FEEDS} <= purged
    assert not {p for p in purged if p.startswith("/ar/corrections")}


def test_unpublishing_a_corrected_article_purges_the_log(front, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = add_correction(article_with_twin("en"), "Soon unpublished.")
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    purged = {p for _m, p, _h, _port in front.seen}
    assert {"/en/corrections/", *FEEDS} <= purged


def test_an_edition_purge_includes_the_log():
    assert {"/en/corrections/", *FEEDS} <= edition_targets("en")
