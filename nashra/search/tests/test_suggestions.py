""" "Did you mean" (nashra.search.suggestions) and the other edition's matches, on the results
page in both languages: only words of the edition's published articles are offered, the
vocabulary follows publish, edit, unpublish and delete (and two publishes at once)."""

import threading
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection, connections
from django.utils import translation

from nashra.news.models import ArticlePage
from nashra.news.tests.helpers import soup
from nashra.search import suggestions
from nashra.search.models import PageWords, Word

pytestmark = pytest.mark.django_db

_made = iter(range(10_000))


def _publish(lang, title, live=True):
    """A copy of one of the edition's demo articles, titled `title` (its body is the demo
    article's), published unless `live` is False."""
    source = ArticlePage.objects.live().filter(locale__language_code=lang).first()
    n = next(_made)
    copy = source.copy(
        update_attrs={"slug": f"dym-{lang}-{n}", "title": title, "standfirst": title},
        keep_live=False,
    )
    if live:
        copy.save_revision().publish()
    else:
        copy.save_revision()
    return ArticlePage.objects.get(pk=copy.pk)


@pytest.fixture(autouse=True)
def _fresh_copy():
    """Each test's rows are rolled back and their ids given again: the process's copy of the
    folded words (read by id) starts again with each test."""
    suggestions._folded.clear()
    yield
    suggestions._folded.clear()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """The vocabulary follows a save once its transaction commits: run those callbacks."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def _page(client, lang, **params):
    response = client.get(f"/{lang}/search/?" + urlencode(params))
    assert response.status_code == 200, response.status_code
    return soup(response)


def _suggested(doc):
    link = doc.select_one(".search-suggestion a")
    return (link.get_text(), link["href"]) if link else None


def _titles(doc):
    return [a.get_text() for a in doc.select(".search-result h2 a")]


def _follow(client, lang, href):
    assert href.startswith("?")
    return soup(client.get(f"/{lang}/search/{href}"))


def test_an_english_typo_suggests_the_published_word_as_a_link_that_finds_it(client, commits):
    with commits():
        article = _publish("en", "Quokkaville keepers relight the old lamp")
    doc = _page(client, "en", q="quokaville")
    assert not _titles(doc)
    text, href = _suggested(doc)
    assert text == "quokkaville"
    assert parse_qs(urlsplit(href).query) == {"q": ["quokkaville"]}
    assert "Did you mean" in doc.select_one(".search-suggestion").get_text()
    assert article.title in _titles(_follow(client, "en", href))
    # Only a correction that finds something with the reader's filters is offered.
    other_type = next(t for t in ("news", "opinion") if t != article.article_type)
    assert _suggested(_page(client, "en", q="quokaville", type=other_type)) is None


def test_an_arabic_word_with_two_letters_swapped_suggests_the_word_in_arabic(client, commits):
    with commits():
        article = _publish("ar", "سلحفاة نادرة تعود إلى الشاطئ")
    doc = _page(client, "ar", q="سلفحاة")  # ح and ف swapped
    text, href = _suggested(doc)
    assert text == "سلحفاة"
    sentence = doc.select_one(".search-suggestion").get_text()
    with translation.override("ar"):
        assert translation.gettext("Did you mean “%(query)s”?") % {"query": text} == sentence
    assert "هل تقصد" in sentence
    assert doc.select_one("html")["dir"] == "rtl"
    assert article.title in _titles(_follow(client, "ar", href))
    # Diacritics and a hamza spelling of the reader's are folded before comparing.
    assert _suggested(_page(client, "ar", q="سَلفحاة"))[0] == "سلحفاة"


def test_a_multi_word_query_corrects_the_unknown_word_keeps_the_known_and_the_filters(
    client, commits
):
    with commits():
        article = _publish("en", "Zebrafish aquarium opens in the harbour")
    kind = article.article_type
    doc = _page(client, "en", q="zebrafsh aquarium", type=kind)
    text, href = _suggested(doc)
    assert text == "zebrafish aquarium"
    assert parse_qs(urlsplit(href).query) == {"q": ["zebrafish aquarium"], "type": [kind]}
    assert article.title in _titles(_follow(client, "en", href))
    # Two misspelt words at once.
    assert _suggested(_page(client, "en", q="zebrafsh aquarim"))[0] == "zebrafish aquarium"


def test_only_words_of_published_articles_of_the_same_edition_are_suggested(client, commits):
    with commits():
        _publish("en", "Wombatorium plans shelved", live=False)  # a draft
        _publish("ar", "Numbatville مهرجان في")  # an English word in the Arabic edition
    assert not Word.objects.filter(word="wombatorium").exists()
    assert Word.objects.filter(word="numbatville", edition="ar").exists()
    assert _suggested(_page(client, "en", q="wombatorum")) is None
    assert _suggested(_page(client, "en", q="numbatvile")) is None
    assert _suggested(_page(client, "ar", q="numbatvile"))[0] == "numbatville"


def test_the_vocabulary_follows_publish_edit_unpublish_and_delete(client, commits):
    def counted(word):
        return Word.objects.filter(edition="en", word=word).values_list("documents", flat=True)

    with commits():
        first = _publish("en", "Kangarooville council meets")
        second = _publish("en", "Kangarooville floods")
    assert list(counted("kangarooville")) == [2]
    assert _suggested(_page(client, "en", q="kangaroovile"))[0] == "kangarooville"
    with commits():
        first.title = first.standfirst = "Dingotown council meets"
        revision = first.save_revision()  # a draft: readers still see the published words
    assert list(counted("kangarooville")) == [2] and not counted("dingotown")
    with commits():
        revision.publish()
    assert list(counted("kangarooville")) == [1] and list(counted("dingotown")) == [1]
    with commits():
        second.unpublish()
    assert not counted("kangarooville")
    assert _suggested(_page(client, "en", q="kangaroovile")) is None
    with commits():
        ArticlePage.objects.get(pk=first.pk).delete()
    assert not counted("dingotown") and not PageWords.objects.filter(page_id=first.pk).exists()
    assert _suggested(_page(client, "en", q="dingotwn")) is None
    _assert_same_as_rebuilt()


def test_an_article_made_private_takes_its_words_back(client, commits):
    from wagtail.models import PageViewRestriction

    with commits():
        article = _publish("en", "Bilbyburg lantern festival")
    assert Word.objects.filter(edition="en", word="bilbyburg").exists()
    with commits():
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.LOGIN
        )
    assert not Word.objects.filter(edition="en", word="bilbyburg").exists()
    assert _suggested(_page(client, "en", q="bilbyburgh")) is None
    with commits():
        restriction.delete()
    assert Word.objects.get(edition="en", word="bilbyburg").documents == 1
    assert _suggested(_page(client, "en", q="bilbyburgh"))[0] == "bilbyburg"


def test_a_live_page_s_entries_add_and_take_back_their_words(client, commits):
    from nashra.live.tests.distribution_support import add_entry, delete_entry, make_live_page

    with commits():
        page = make_live_page("en", slug="dym-live")
        entry = add_entry(page, "The Platypusford ferry resumes at noon.")
    assert Word.objects.get(edition="en", word="platypusford").documents == 1
    assert _suggested(_page(client, "en", q="platypusfrod"))[0] == "platypusford"
    with commits():
        delete_entry(entry)
    assert not Word.objects.filter(edition="en", word="platypusford").exists()
    _assert_same_as_rebuilt()


def _assert_same_as_rebuilt():
    kept = set(Word.objects.values_list("edition", "word", "documents"))
    suggestions.rebuild()
    assert kept == set(Word.objects.values_list("edition", "word", "documents"))


def test_the_other_edition_s_matches_are_counted_with_a_link(client, commits):
    with commits():
        for n in range(3):
            _publish("en", f"Dingoville harbour report {n}")
        arabic = _publish("ar", "سلحفاة خضراء في دينغوفيل")
    doc = _page(client, "ar", q="dingoville")
    link = doc.select_one(".search-other-edition a")
    assert link["href"] == "/en/search/?q=dingoville" and link["hreflang"] == "en"
    assert link.get_text(strip=True) == "3 نتائج في النسخة الإنجليزية"
    english = soup(client.get(link["href"]))
    assert len(_titles(english)) == 3
    # The other way, one result (Arabic's singular), with the type filter carried over.
    doc = _page(client, "en", q="سلحفاة خضراء", type=arabic.article_type)
    link = doc.select_one(".search-other-edition a")
    assert link.get_text(strip=True) == "1 result in the Arabic edition"
    assert parse_qs(urlsplit(link["href"]).query) == {
        "q": ["سلحفاة خضراء"],
        "type": [arabic.article_type],
    }
    assert urlsplit(link["href"]).path == "/ar/search/"
    assert arabic.title in _titles(soup(client.get(link["href"])))
    with translation.override("ar"):
        for n, expected in [
            (1, "نتيجة واحدة"),
            (2, "نتيجتان"),
            (11, "11 نتيجةً"),
            (100, "100 نتيجة "),
        ]:
            said = translation.ngettext(
                "%(num)s result in the English edition",
                "%(num)s results in the English edition",
                n,
            ) % {"num": n}
            assert said.startswith(expected)


def test_no_suggestion_or_other_edition_when_the_search_finds_plenty(client, commits):
    with commits():
        for n in range(suggestions.SUGGEST_BELOW):
            _publish("en", f"Wallaby sanctuary grows {n}")
        _publish("ar", "Wallaby في الحديقة")
    doc = _page(client, "en", q="wallaby")
    assert len(_titles(doc)) == suggestions.SUGGEST_BELOW
    assert not doc.select(".search-suggestion") and not doc.select(".search-other-edition")
    # One fewer article matching: the page offers the other edition's match.
    with commits():
        ArticlePage.objects.live().filter(title__startswith="Wallaby sanctuary").first().unpublish()
    doc = _page(client, "en", q="wallaby")
    assert doc.select_one(".search-other-edition a").get_text(strip=True) == (
        "1 result in the Arabic edition"
    )


def test_a_correct_word_the_analysis_finds_is_not_corrected(client, commits):
    with commits():
        _publish("en", "Capybaras swim across the bay")
    doc = _page(client, "en", q="capybara")  # written only in the plural, found by the stem
    assert _titles(doc) and _suggested(doc) is None


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_bad_input_never_fails(client, lang):
    for q in [
        "",
        " ",
        "\x00",
        "%",
        "ـــ",
        "\u200f\u200e",
        "a" * 200,
        "ب" * 200,
        "١٢٣ ٤٥",
        "🙂🙂",
        "lighthose " * 19,
        "'; DROP TABLE x; --",
        'q"uote',
    ]:
        response = client.get(f"/{lang}/search/?" + urlencode({"q": q}))
        assert response.status_code in (200, 400), q
    for extra in ["page=abc", "page=1.5", "section=x", "type=zzz", "start=2024-13-40"]:
        response = client.get(f"/{lang}/search/?q=lighthose&{extra}")
        assert response.status_code in (200, 400, 404), extra


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishes_at_once_neither_lose_nor_duplicate_a_count():
    """Several articles sharing words are published at the same moment, each on its own
    connection, and one is edited twice at once: the counts are what a rebuild finds."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite is one connection: no two saves at once")
    drafts = [_publish("en", f"Echidna census shared words {n}", live=False) for n in range(6)]
    start = threading.Barrier(len(drafts) + 1)
    errors = []

    def publish(pk):
        try:
            start.wait()
            page = ArticlePage.objects.get(pk=pk)
            page.get_latest_revision().publish()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def refresh(pk):
        try:
            start.wait()
            suggestions.refresh_page(pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(d.pk,)) for d in drafts]
    threads.append(threading.Thread(target=refresh, args=(drafts[0].pk,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert Word.objects.get(edition="en", word="echidna").documents == len(drafts)
    assert Word.objects.filter(edition="en", word="echidna").count() == 1
    _assert_same_as_rebuilt()
