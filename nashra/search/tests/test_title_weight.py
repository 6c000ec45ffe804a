"""A headline match ranks above body matches on both databases: the index's title holds the
analysed title (the query's terms are analysed, so a raw title met them only when a word was
its own stem: `lighthouse` is stored as `lighthous`)."""

import re

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from nashra.core.text_analysis import index_text, query_terms
from nashra.news.models import ArticlePage, HomePage
from nashra.search import ranking

pytestmark = pytest.mark.django_db

CASES = {
    "en": (
        "eclipse",
        "Eclipse darkens the cape at noon",
        [
            "Eclipses along the coast were counted.",
            "The eclipse, then the eclipse again.",
            "A report about an eclipse.",
            "Two eclipses and one more eclipse.",
            "The eclipse was watched from the harbour.",
        ],
    ),
    "ar": (
        "الكسوف",
        "الكسوف يظلم الساحل عند الظهر",
        [
            "أحصى التقرير حالات كسوف الساحل.",
            "الكسوف ثم الكسوف مرة أخرى.",
            "تقرير عن الكسوف.",
            "كسوف آخر بعد الكسوف.",
            "شاهد الناس الكسوف من الميناء.",
        ],
    ),
}


def _edition(language):
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(HomePage.objects.get(locale__language_code=language))
    )


def _headline_and_bodies(language):
    """Six articles of the edition: the oldest with the word in its headline only, the five
    newer with it in their standfirst only (some of them twice)."""
    query, title, standfirsts = CASES[language]
    oldest, *newer = _edition(language).order_by("first_published_at", "pk")[:6]
    assert query_terms(query)[0] not in index_text(*oldest.plain_text_parts()).split()
    oldest.title = title
    oldest.save_revision().publish()
    for article, standfirst in zip(newer, standfirsts, strict=True):
        assert query_terms(query)[0] not in index_text(article.title).split()
        article.standfirst = standfirst
        article.save_revision().publish()
    return oldest, newer


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("side", ["pages", "index"])
def test_the_headline_match_ranks_first(monkeypatch, language, side):
    oldest, newer = _headline_and_bodies(language)
    if side == "index":
        monkeypatch.setattr(ranking, "SCAN_CHUNKS", 0)
    query = CASES[language][0]
    ranked, _more = ranking.ranked_ids(_edition(language), query_terms(query), language=language)
    assert set(ranked) >= {oldest.pk, *(a.pk for a in newer)}  # every one of the six found
    assert ranked[0] == oldest.pk


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_search_page_shows_the_headline_match_first(client, language):
    oldest, _newer = _headline_and_bodies(language)
    from nashra.news.tests.helpers import soup

    response = client.get(f"/{language}/search/", {"q": CASES[language][0]})
    titles = [a.get_text() for a in soup(response).select(".search-result h2 a")]
    assert len(titles) >= 6 and titles[0] == oldest.title


def _lexemes(value):
    if connection.vendor == "sqlite":
        return set(value.split())
    return set(re.findall(r"'([^']+)'", str(value)))  # a tsvector: 'lighthous':1A ...


def test_the_index_holds_the_analysed_title_and_the_admin_search_the_title_as_written():
    article = _edition("en").first()
    article.title = "Lighthouse keepers return to the cape"
    article.save_revision().publish()
    entry = IndexEntry.objects.get(
        object_id=str(article.pk), content_type_id=article.content_type_id
    )
    assert _lexemes(entry.title) >= {"lighthous", "keeper", "return", "cape"}
    assert "lighthouse" not in _lexemes(entry.title)
    # The admin's page search autocompletes on its own column, which keeps the written title.
    found = get_search_backend().autocomplete("Lighthou", ArticlePage)
    assert article.pk in [page.pk for page in found]
