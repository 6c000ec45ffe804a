import pytest
from django.core.management import call_command
from django.db import connection

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage, HomePage
from nashra.news.tests.helpers import soup
from nashra.search import ranking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _index(django_db_blocker):
    call_command("update_index", verbosity=0)


def _english():
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(HomePage.objects.get(locale__language_code="en"))
    )


def test_only_the_newest_matches_are_ranked_and_the_count_says_more(client, settings):
    everything, more = ranking.ranked_ids(_english(), query_terms("marsa"), size=100)
    assert len(everything) > 2 and not more
    settings.NASHRA_SEARCH_RANK_WINDOW = 2
    doc = soup(client.get("/en/search/?q=marsa"))
    assert doc.select_one(".search-count").get_text().startswith("2+ articles match")
    shown = {a.get_text() for a in doc.select(".search-result h2 a")}
    newest = ArticlePage.objects.filter(pk__in=everything).order_by("-first_published_at", "-pk")[
        :2
    ]
    assert shown == {a.title for a in newest}


@pytest.mark.parametrize(
    ("language", "query", "beyond"),
    [
        ("en", "marsa", "2+ articles match “marsa”."),
        ("ar", "مرسى", "عدد المقالات التي تطابق «مرسى» يتجاوز 2."),
    ],
)
def test_the_count_says_in_each_language_when_more_match_than_are_ranked(
    client, settings, language, query, beyond
):
    url = f"/{language}/search/?q={query}"
    everything, _more = ranking.ranked_ids(_edition(language), query_terms(query), size=100)
    assert len(everything) > 2
    settings.NASHRA_SEARCH_RANK_WINDOW = len(everything)  # all of them ranked: an exact count
    exact = soup(client.get(url)).select_one(".search-count").get_text()
    assert str(len(everything)) in exact and "+" not in exact and "يتجاوز" not in exact
    settings.NASHRA_SEARCH_RANK_WINDOW = 2
    assert soup(client.get(url)).select_one(".search-count").get_text() == beyond


@pytest.mark.parametrize("query", ["marsa", "port council", "مستشفى"])
def test_the_page_side_and_index_side_searches_agree(monkeypatch, query):
    articles = ArticlePage.objects.live().public()
    _forbid_index_side(monkeypatch)  # a window wider than the demo: one chunk holds them all
    from_pages = ranking.ranked_ids(articles, query_terms(query), size=100)
    assert from_pages[0]
    monkeypatch.undo()
    monkeypatch.setattr(ranking, "SCAN_CHUNKS", 0)  # from the index side alone
    assert ranking.ranked_ids(articles, query_terms(query), size=100) == from_pages


def _forbid_index_side(monkeypatch):
    def index_side(self):
        raise AssertionError("the index side was taken")

    for index in (ranking._SQLiteIndex, ranking._PostgresIndex):
        monkeypatch.setattr(index, "object_ids", index_side)


def _edition(language):
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(HomePage.objects.get(locale__language_code=language))
    )


@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "marsa"), ("en", "port council"), ("ar", "مستشفى"), ("ar", "الانتخابات")],
)
def test_the_edition_term_keeps_the_same_results_and_order(monkeypatch, language, query):
    articles = _edition(language)
    plain = ranking.ranked_ids(articles, query_terms(query), size=5)
    assert plain[0]
    assert ranking.ranked_ids(articles, query_terms(query), size=5, language=language) == plain
    monkeypatch.setattr(ranking, "SCAN_CHUNKS", 0)  # the index side too
    assert ranking.ranked_ids(articles, query_terms(query), size=5, language=language) == plain


@pytest.mark.parametrize(
    ("language", "other", "query"), [("en", "ar", "مستشفى"), ("ar", "en", "marsa")]
)
def test_a_word_of_the_other_edition_is_looked_up_in_this_edition_only(
    django_assert_max_num_queries, language, other, query
):
    assert ranking.ranked_ids(_edition(other), query_terms(query), language=other)[0]
    articles = _edition(language)
    with django_assert_max_num_queries(4):  # one chunk of the newest and its scores
        assert ranking.ranked_ids(articles, query_terms(query), language=language) == ([], False)


def test_a_sparse_word_leaves_the_page_side_after_one_chunk(django_assert_num_queries):
    """Chunks of three (a window of two): the only match is the oldest article, so the first
    chunk finds none and the index side answers; scanning on would take a chunk per three."""
    articles = _edition("en")
    assert articles.count() > 3 * 4
    oldest = articles.order_by("first_published_at", "pk").first()
    oldest.title = "Zephyrine lighthouse restored"
    oldest.save_revision().publish()
    # A chunk, its scores, the index side, the scores of what it found; SQLite's scores take
    # two queries and its BM25 figures three more, and it walks the live pages (none here) on
    # their own, in one chunk; PostgreSQL's index side sets the planner.
    queries = 1 + 2 + 1 + 2 + 3 + 1 if connection.vendor == "sqlite" else 1 + 1 + 5 + 1
    with django_assert_num_queries(queries):
        assert ranking.ranked_ids(articles, query_terms("zephyrine"), size=2, language="en") == (
            [oldest.pk],
            False,
        )


def test_index_entries_hold_their_edition_term():
    from wagtail.search.models import IndexEntry

    from nashra.core.text_analysis import edition_term

    assert (edition_term("en"), edition_term("ar"), edition_term("ar-eg")) == (
        "nashraeditionen",
        "nashraeditionar",
        "nashraeditionar",
    )
    for article in ArticlePage.objects.live().select_related("locale")[:6]:
        entry = IndexEntry.objects.get(
            object_id=str(article.pk), content_type_id=article.content_type_id
        )
        body = entry.body if isinstance(entry.body, str) else str(entry.body)
        assert edition_term(article.locale.language_code) in body


@pytest.mark.parametrize(
    ("language", "query", "title", "once", "thrice"),
    [
        (
            "en",
            "volcano",
            "Volcano wakes above the northern hills",
            "A report on the volcano.",
            "The volcano, then the volcano again: the volcano goes on.",
        ),
        (
            "ar",
            "زلازل",
            "زلازل تهز الجبال الشمالية",
            "تقرير عن الزلازل.",
            "الزلازل ثم المزيد من الزلازل: الزلازل مستمرة.",
        ),
    ],
)
@pytest.mark.parametrize("common", [False, True])
def test_a_title_match_and_more_occurrences_rank_higher(
    monkeypatch, language, query, title, once, thrice, common
):
    # Each expected winner is the older of its pair: newest-first alone would rank it lower.
    older, newer, oldest_repeating, newest_single = _edition(language).order_by(
        "first_published_at", "pk"
    )[:4]
    for article, new_title, standfirst in (
        (older, title, None),
        (newer, None, once),
        (oldest_repeating, None, thrice),
        (newest_single, None, once),
    ):
        article.title = new_title or article.title
        article.standfirst = standfirst or article.standfirst
        article.save_revision().publish()
    if common:
        _forbid_index_side(monkeypatch)  # the page side: one chunk holds the demo edition
    else:
        monkeypatch.setattr(ranking, "SCAN_CHUNKS", 0)  # the index side
    ranked, _more = ranking.ranked_ids(_edition(language), query_terms(query), language=language)
    assert ranked.index(older.pk) < ranked.index(newer.pk)  # title above body only
    assert ranked.index(oldest_repeating.pk) < ranked.index(
        newest_single.pk
    )  # three times above once
