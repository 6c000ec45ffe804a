"""The engagement area's HTML is cached until the article's cached copies are purged; the
one-off thank-you pages render it afresh for their reader."""

import pytest

from nashra.news.tests.helpers import soup

from .helpers import ORIGIN, article, page_url, vote_url

pytestmark = pytest.mark.django_db


def test_a_thank_you_page_is_rendered_for_its_reader_after_the_area_is_cached(client):
    a = article()

    def status(url):
        return soup(client.get(url)).select_one(".reaction__status").get_text(strip=True)

    assert status(page_url(a)) == ""
    thanks = client.post(vote_url(a), {"value": "yes"}, **ORIGIN)["Location"]
    assert "100% of 1 readers liked this article." in status(thanks)
    assert status(page_url(a)) == ""


def test_closing_comments_shows_at_once(client):
    a = article()
    assert "Comments on this article are closed." not in client.get(page_url(a)).content.decode()
    a.comments_mode = "closed"
    a.save_revision().publish()
    assert "Comments on this article are closed." in client.get(page_url(a)).content.decode()
