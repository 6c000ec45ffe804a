import pytest
from django.core.management import call_command

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage, HomePage
from nashra.news.tests.helpers import soup
from nashra.search import ranking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _index(django_db_blocker):
    call_command("update_index", verbosity=0)


def _english():
    return ArticlePage.objects.live().public().descendant_of(HomePage.objects.get(locale__language_code="en"))


def test_only_the_newest_matches_are_ranked_and_the_count_says_more(client, settings):
    everything, more = ranking.ranked_ids(_english(), query_terms("marsa"), size=100)
    assert len(everything) > 2 and not more
    settings.NASHRA_SEARCH_RANK_WINDOW = 2
    doc = soup(client.get("/en/search/?q=marsa"))
    assert doc.select_one(".search-count").get_text().startswith("2+ articles match")
    shown = {a.get_text() for a in doc.select(".search-result h2 a")}
    newest = ArticlePage.objects.filter(pk__in=everything).order_by("-first_published_at", "-pk")[:2]
    assert shown == {a.title for a in newest}


@pytest.mark.parametrize("query", ["marsa", "port council", "مستشفى"])
def test_the_page_side_and_index_side_searches_agree(monkeypatch, query):
    articles = ArticlePage.objects.live().public()
    from_index = ranking.ranked_ids(articles, query_terms(query), size=3)
    monkeypatch.setattr(ranking, "COMMON_MATCHES", 0)  # every word is "common"
    assert ranking.ranked_ids(articles, query_terms(query), size=3) == from_index
