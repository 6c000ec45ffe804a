import pytest
from django.core.management import call_command

from nashra.news.models import ArticlePage, SectionPage
from nashra.news.tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _index(django_db_blocker):
    call_command("update_index", verbosity=0)


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [a.get_text() for a in soup(response).select(".search-result h2 a")], soup(response)


def _ar_article_containing(word):
    return next(
        a
        for a in ArticlePage.objects.live().filter(locale__language_code="ar")
        if word in a.search_terms() or word in " ".join(a.plain_text_parts())
    )


@pytest.mark.parametrize(
    "query",
    ["المستشفيات", "مستشفى", "المستشفي", "مُسْتَشْفَى", "مستشـــفى", "للمستشفى"],
)
def test_arabic_variants_and_inflections_find_the_same_article(client, query):
    titles, _ = _titles(client, f"/ar/search/?q={query}")
    hospital = (
        ArticlePage.objects.live()
        .filter(locale__language_code="ar", title__contains="مستشفى")
        .first()
    )
    assert hospital.title in titles


@pytest.mark.parametrize("query", ["الانتخابات", "انتخابات", "الإنتخابات", "انتخاب"])
def test_hamza_and_plural_forms_match(client, query):
    titles, _ = _titles(client, f"/ar/search/?q={query}")
    election = (
        ArticlePage.objects.live()
        .filter(locale__language_code="ar", title__contains="الانتخابات")
        .first()
    )
    assert election.title in titles


def test_english_stemming_and_highlighted_excerpts(client):
    titles, doc = _titles(client, "/en/search/?q=elected")
    assert any("elections" in t.lower() for t in titles)
    marks = [m.get_text().lower() for m in doc.select(".search-result mark")]
    assert marks and all(m.startswith("elect") for m in marks)


def test_results_stay_in_the_reader_language(client):
    titles, _ = _titles(client, "/en/search/?q=مستشفى")
    assert titles == []
    titles, _ = _titles(client, "/ar/search/?q=hospital")
    assert titles == []


def test_filters_by_section_type_and_date(client):
    section = SectionPage.objects.get(locale__language_code="en", slug="politics")
    titles, _ = _titles(client, f"/en/search/?q=elections&section={section.pk}")
    assert titles and all(
        ArticlePage.objects.get(title=t, locale__language_code="en").section_id == section.pk
        for t in titles
    )
    titles, _ = _titles(client, "/en/search/?q=elections&type=analysis")
    assert titles and all(
        ArticlePage.objects.get(title=t, locale__language_code="en").article_type == "analysis"
        for t in titles
    )
    everything, _ = _titles(client, "/en/search/?q=elections")
    recent, _ = _titles(client, "/en/search/?q=elections&start=2026-11-20&end=2026-11-30")
    assert recent and len(recent) < len(everything)
    for title in recent:
        assert (
            ArticlePage.objects.get(title=title, locale__language_code="en")
            .first_published_at.date()
            .isoformat()
            >= "2026-11-20"
        )


def test_pagination_keeps_the_query(client, settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    _, doc = _titles(client, "/en/search/?q=marsa+zahra")
    link = doc.select_one(".pagination a[rel=next]")["href"]
    assert "q=marsa+zahra" in link and "page=2" in link
    second, _ = _titles(client, "/en/search/" + link.replace("&amp;", "&"))
    assert len(second) == 1


@pytest.mark.parametrize(
    "query,message",
    [
        ("", "اكتب كلمة أو أكثر"),
        ("!!! ؟؟", "لا يحتوي بحثك على كلمات"),
        ("zzzxqy", "لا نتائج"),
        ("x" * 201, "يُرجى اختصار بحثك"),
    ],
)
def test_empty_absurd_and_long_queries_get_a_friendly_page(client, query, message):
    response = client.get("/ar/search/", {"q": query})
    assert response.status_code in (200, 400)
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"; DROP TABLE wagtailcore_page; --',
        "elections OR 1=1",
        "NEAR(port camera)",
        "port*",
        "') OR ('a'='a",
    ],
)
def test_query_syntax_cannot_be_injected(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert ArticlePage.objects.live().exists()


def test_bad_dates_are_explained(client):
    response = client.get("/en/search/", {"q": "port", "start": "2026-13-45"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()
    response = client.get("/en/search/", {"q": "port", "start": "2026-11-20", "end": "2026-11-01"})
    assert "start date must be before" in response.content.decode()


def test_header_has_a_search_form_in_both_languages(client):
    for lang in ("en", "ar"):
        # The masthead's (wide screens) and the phone menu's: each labelled.
        forms = soup(client.get(f"/{lang}/")).select('header form[role="search"]')
        assert {f.input["id"] for f in forms} == {"site-search-q", "site-menu-q"}
        for form in forms:
            assert form["action"] == f"/{lang}/search/"
            assert form.select_one(f"label[for={form.input['id']}]")


def test_a_newly_published_article_is_found(client):
    article = ArticlePage.objects.live().filter(locale__language_code="ar").first()
    article.standfirst = "تقرير عن الزلازل في الجبال الشمالية"
    article.save_revision().publish()
    titles, _ = _titles(client, "/ar/search/?q=زلازل")
    assert article.title in titles
