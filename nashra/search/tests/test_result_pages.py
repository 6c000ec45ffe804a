"""Which page of results a search shows: only a page number as the pager writes it, and a
page past the last is a 404 that says how many there are."""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from nashra.core.arabic import contains_arabic
from nashra.news.tests.helpers import soup

pytestmark = pytest.mark.django_db

QUERY = {"en": "elections", "ar": "الانتخابات"}


@pytest.fixture(autouse=True)
def _index(django_db_blocker):
    call_command("update_index", verbosity=0)


def _titles(doc):
    return [a.get_text() for a in doc.select(".search-result h2 a")]


NOT_PAGE_NUMBERS = [
    "abc",
    "1e3",
    "%00",
    "2x",
    "0",
    "-1",
    "02",
    "%D9%A3",
    "1.0",
    "%201",
    "+1",
    "99999999999999999999",
]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_page_that_is_no_number_is_a_400_in_the_readers_language(client, lang):
    with translation.override(lang):
        expected = translation.gettext(
            "There is no such page of results: page numbers are whole numbers such as 2."
        )
    for page in NOT_PAGE_NUMBERS:
        response = client.get(f"/{lang}/search/?q={QUERY[lang]}&page={page}")
        assert response.status_code == 400, page
        doc = soup(response)
        alert = doc.select_one(".search-form [role=alert]")
        assert expected in alert.get_text()
        assert contains_arabic(alert.get_text()) == (lang == "ar")
        assert alert.select_one("a")["href"] == "?" + urlencode({"q": QUERY[lang]})  # page 1
        assert not doc.select(".search-result")


@pytest.mark.parametrize("lang", ["en", "ar"])
@override_settings(NASHRA_ARTICLES_PER_PAGE=1)
def test_pages_of_results_and_past_the_last(client, lang):
    first = soup(client.get(f"/{lang}/search/?q={QUERY[lang]}"))
    pages = _count(first)
    assert pages >= 2
    second = client.get(f"/{lang}/search/?q={QUERY[lang]}&page=2")
    assert second.status_code == 200
    assert _titles(soup(second)) and _titles(soup(second)) != _titles(first)
    past = client.get(f"/{lang}/search/?q={QUERY[lang]}&page={pages + 1}")
    assert past.status_code == 404
    notice = soup(past).select_one(".notice[role=alert]")
    assert str(pages) in notice.get_text()
    assert contains_arabic(notice.get_text()) == (lang == "ar")
    assert notice.select_one("a")["href"] == "?" + urlencode({"q": QUERY[lang]})


def _count(doc):
    # "Page 1 of N" in either language ends with N.
    return int(doc.select_one(".pagination [aria-current=page]").get_text().split()[-1])


def test_a_page_of_a_search_with_no_results_says_nothing_matches(client):
    response = client.get("/en/search/?q=zzzyyyxxx&page=3")
    assert response.status_code == 200
    assert "Nothing matches" in soup(response).select_one(".notice").get_text()


@pytest.mark.parametrize("zone", ["UTC", "Asia/Beirut", "America/New_York", "Pacific/Kiritimati"])
def test_the_first_and_last_dates_there_are_filter_without_error(client, zone):
    with override_settings(TIME_ZONE=zone):
        everything = _titles(soup(client.get(f"/en/search/?q={QUERY['en']}")))
        for dates in ("start=0001-01-01", "end=9999-12-31", "start=0001-01-01&end=9999-12-31"):
            response = client.get(f"/en/search/?q={QUERY['en']}&{dates}")
            assert response.status_code == 200, (zone, dates)
            assert _titles(soup(response)) == everything
