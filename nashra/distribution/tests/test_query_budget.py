"""Pages render in a fixed number of queries, however many authors, tags, comments,
corrections or articles they show. An article renders in one query (the view-restriction
probe) while what it shows is cached, and in a fixed number when nothing is."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.engagement.models import Comment
from nashra.news.models import ArticleAuthor, ArticleCorrection, ArticlePage, AuthorPage
from nashra.news.tests.helpers import url_of

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm renditions and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _enrich(article, n):
    authors = (
        AuthorPage.objects.live()
        .filter(locale=article.locale)
        .exclude(pk__in=article.article_authors.values("author"))[:n]
    )
    for i, author in enumerate(authors, start=10):
        ArticleAuthor.objects.create(article=article, author=author, sort_order=i)
    for i in range(n):
        ArticleCorrection.objects.create(article=article, text=f"Correction {n}-{i}")
    article.tags.add(*[f"budget-{n}-{i}" for i in range(n)])
    article.save()
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()  # as editors do
    for i in range(n):
        parent = Comment.objects.create(
            article=article,
            name=f"R{i}",
            email=f"r{i}@example.org",
            body=f"Comment {i}",
            status="approved",
        )
        Comment.objects.create(
            article=article,
            parent=parent,
            name="Reply",
            email="x@example.org",
            body="A reply",
            status="approved",
        )


def _cold_and_warm(client, url):
    client.get(url)  # renditions exist from here on
    cache.clear()  # nothing cached: the route, links, byline, related articles, comments
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold.captured_queries), len(warm.captured_queries)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_article_page_query_count_is_fixed(client, lang):
    article = ArticlePage.objects.live().filter(locale__language_code=lang).order_by("pk").first()
    url = url_of(article)
    _enrich(article, 1)  # at least one of everything, so every query runs
    cold, warm = _cold_and_warm(client, url)
    _enrich(article, 4)
    assert _cold_and_warm(client, url) == (cold, warm)
    # Cold: 20 for the article, plus 2 for the edition's breaking banner (its version's expiry,
    # then the banner itself), read once per purge of the edition's banner.
    assert warm == 1 and cold <= 24


def test_home_and_section_query_counts_are_fixed(client):
    home_before = _cold_and_warm(client, "/en/")
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    section_url = url_of(article.section)
    section_before = _queries(client, section_url)
    for i in range(5):  # more articles in the section and on the front page
        copy = article.copy(update_attrs={"slug": f"budget-copy-{i}", "title": f"Budget copy {i}"})
        copy.save_revision().publish()
    assert _cold_and_warm(client, "/en/") == home_before
    assert home_before[1] == 3  # routing (the locale), the restriction probe, page.locale
    assert _queries(client, section_url) == section_before


def test_search_query_count_is_fixed(client, settings):
    call_command("update_index", verbosity=0)
    few = _queries(client, "/en/search/?q=port")
    many = _queries(client, "/en/search/?q=marsa")
    assert few == many
