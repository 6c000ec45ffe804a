"""A live page's entries are searchable as part of the page, in both languages: a word found
only in an entry finds the live page (with the entry's sentence as the excerpt), and once the
entry is deleted or changed, its words no longer do."""

import pytest

from nashra.live.models import LivePage
from nashra.news.tests.helpers import soup
from nashra.search.ranking import content_types, ranked_ids

from .distribution_support import HEADLINES, add_entry, change_entry, delete_entry, make_live_page

pytestmark = pytest.mark.django_db

# Words no demo article has, in each language, and a form of each that analysis folds onto it.
WORDS = {
    "en": ("A hovercraft ferried the stranded crews ashore.", "hovercrafts"),
    "ar": ("تزودت القاطرات بالوقود عند مدخل الميناء.", "قاطرة"),
}


def _results(client, lang, query):
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    doc = soup(response)
    titles = [a.get_text() for a in doc.select(".search-result h2 a")]
    marks = [m.get_text() for m in doc.select(".search-result mark")]
    return titles, marks


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_word_only_in_an_entry_finds_the_live_page(client, lang):
    page = make_live_page(lang)
    text, query = WORDS[lang]
    assert _results(client, lang, query) == ([], [])
    add_entry(page, text)
    titles, marks = _results(client, lang, query)
    assert titles == [HEADLINES[lang]]
    assert marks  # the excerpt is the entry's sentence, the word marked
    # Only in its own edition.
    other = "ar" if lang == "en" else "en"
    assert _results(client, other, query)[0] == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_deleted_entrys_words_no_longer_find_the_page(client, lang):
    page = make_live_page(lang)
    text, query = WORDS[lang]
    entry = add_entry(page, text)
    assert _results(client, lang, query)[0] == [HEADLINES[lang]]
    delete_entry(entry)
    assert _results(client, lang, query)[0] == []


def test_a_changed_entry_is_found_by_its_new_words_only(client):
    page = make_live_page("en")
    entry = add_entry(page, WORDS["en"][0])
    change_entry(entry, "Ferries resume their crossings.")
    assert _results(client, "en", "hovercraft")[0] == []
    assert _results(client, "en", "ferries")[0][0] == HEADLINES["en"]


def test_entry_titles_are_searchable(client):
    page = make_live_page("ar")
    add_entry(page, "نص قصير.", title="المنطاد يحلق فوق الميناء")
    assert _results(client, "ar", "منطاد")[0] == [HEADLINES["ar"]]


def test_the_page_is_found_with_the_articles_and_ranked_among_them(client):
    page = make_live_page("en")
    add_entry(page, "The harbour strike continues.")
    titles, _marks = _results(client, "en", "harbour")
    assert HEADLINES["en"] in titles and len(titles) > 1  # the demo's harbour articles too


def test_the_ranking_counts_live_pages_among_the_newest_matches():
    """The window of newest matches holds articles and live pages alike (each page type is
    walked on its own on SQLite, then merged by date)."""
    from nashra.news.models import ArticlePage, HomePage

    page = make_live_page("en")
    add_entry(page, "The harbour strike continues.")
    home = HomePage.objects.get(locale__language_code="en")
    articles = ArticlePage.objects.live().public().descendant_of(home)
    assert len(content_types(ArticlePage)) == 2
    everything, _more = ranked_ids(articles, ["harbour"], size=1000, language="en")
    assert page.pk in everything
    newest, more = ranked_ids(articles, ["harbour"], size=1, language="en")
    assert newest == [page.pk] and more  # the newest match of all is the live page
    assert LivePage.objects.filter(pk__in=everything).count() == 1
