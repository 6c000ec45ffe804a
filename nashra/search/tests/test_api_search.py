"""The read API's `?search=` finds what the site search finds, in the same order: the same
analysis (inflections, Arabic spellings) and ranking, kept to `?locale=`'s edition; a search it
cannot run is a 400 in JSON, never a 500."""

from urllib.parse import quote

import pytest
from django.core.management import call_command

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage, HomePage, SectionPage
from nashra.search import ranking

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _index(django_db_blocker):
    call_command("update_index", verbosity=0)


API = "/api/v2/pages/"


def _edition(language):
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(HomePage.objects.get(locale__language_code=language))
    )


def _ids(client, **params):
    response = client.get(API, {"limit": 20, **params})
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("language", "query", "variant"),
    [("en", "hospitals", "hospital"), ("ar", "المستشفى", "مستشفيات")],
)
def test_inflections_and_spellings_find_what_the_site_search_finds(
    client, language, query, variant
):
    site, _more = ranking.ranked_ids(_edition(language), query_terms(query), language=language)
    assert site  # the demo has such articles: nothing here passes on an empty answer
    found = _ids(client, search=query, locale=language)
    assert found == site[:20]  # the same articles, best first
    assert _ids(client, search=variant, locale=language) == found
    assert all(ArticlePage.objects.get(pk=pk).locale.language_code == language for pk in found)


def test_a_headline_match_comes_first_as_on_the_site(client):
    articles = _edition("en").order_by("first_published_at", "pk")
    oldest, newer = articles[0], articles[1]
    oldest.title = "Eclipse darkens the cape at noon"
    oldest.save_revision().publish()
    newer.standfirst = "The eclipse was watched from the harbour."
    newer.save_revision().publish()
    assert _ids(client, search="eclipses", locale="en")[:2] == [oldest.pk, newer.pk]


@pytest.mark.parametrize(("language", "other", "query"), [("en", "ar", "المستشفى")])
def test_the_locale_keeps_to_its_edition(client, language, other, query):
    assert _ids(client, search=query, locale=other)
    assert _ids(client, search=query, locale=language) == []
    # Without ?locale= both editions are searched: an Arabic word finds Arabic articles.
    assert set(_ids(client, search=query)) == set(_ids(client, search=query, locale=other))


def test_filters_and_ordering_apply_to_the_search(client):
    everything = _ids(client, search="elections", locale="en")
    analysis = _ids(
        client, search="elections", locale="en", type="news.ArticlePage", article_type="analysis"
    )
    assert analysis and set(analysis) < set(everything)
    assert all(ArticlePage.objects.get(pk=pk).article_type == "analysis" for pk in analysis)
    section = SectionPage.objects.get(locale__language_code="en", slug="politics")
    in_section = _ids(client, search="elections", locale="en", descendant_of=section.pk)
    assert in_section and set(in_section) < set(everything)
    assert all(ArticlePage.objects.get(pk=pk).section_id == section.pk for pk in in_section)
    newest_first = _ids(client, search="elections", locale="en", order="-first_published_at")
    assert set(newest_first) == set(everything)
    dates = [ArticlePage.objects.get(pk=pk).first_published_at for pk in newest_first]
    assert dates == sorted(dates, reverse=True)
    # The meta count is the ranked matches' (the search page's count).
    response = client.get(API, {"search": "elections", "locale": "en", "limit": 1})
    assert response.json()["meta"]["total_count"] == len(everything)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"search": ""}, "no word"),
        ({"search": "   "}, "no word"),
        ({"search": "!!! ؟؟ ..."}, "no word"),
        ({"search": "\x00"}, "no word"),
        ({"search": "harbour " * 30}, "longer than 200"),
        ({"search": "harbour", "search_operator": "or"}, "search_operator"),
        ({"search": "harbour", "locale": "xx"}, None),  # Wagtail's own 404 for the locale
        ({"search": "harbour", "type": "news.Nothing"}, None),
        ({"search": "harbour", "order": "nothing"}, None),
        ({"search": "harbour", "offset": "abc"}, None),
    ],
)
def test_a_search_that_cannot_run_is_a_json_error(client, params, message):
    response = client.get(API + "?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()))
    assert response.status_code in (400, 404), response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
    if message:
        assert response.status_code == 400 and message in response.json()["message"]
