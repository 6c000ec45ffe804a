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
    assert "100% of 1 reader liked this article." in status(thanks)
    assert status(page_url(a)) == ""


def test_closing_comments_shows_at_once(client):
    a = article()
    assert "Comments on this article are closed." not in client.get(page_url(a)).content.decode()
    a.comments_mode = "closed"
    a.save_revision().publish()
    assert "Comments on this article are closed." in client.get(page_url(a)).content.decode()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_published_replies_show_under_their_comment_in_order(client, lang):
    from django.core.cache import cache

    from nashra.engagement.models import Comment

    a = article(lang)
    Comment.objects.filter(article=a).delete()

    def post(body, parent=None, status="approved"):
        return Comment.objects.create(
            article=a,
            parent=parent,
            name="R",
            email="r@example.org",
            body=body,
            status=status,
            language=lang,
        )

    first, second = post("first comment"), post("second comment")
    post("first reply", parent=first)
    post("hidden reply", parent=first, status="pending")
    post("second reply", parent=first)
    post("reply to the second", parent=second)
    post("held comment", status="pending")
    cache.clear()
    doc = soup(client.get(page_url(a)))
    threads = doc.select("ol.comment-list:not(.comment-list--replies) > li")
    replies = [
        [r.get_text(" ", strip=True) for r in t.select(".comment-list--replies > li")]
        for t in threads
    ]
    assert len(threads) == 2
    assert "first comment" in threads[0].get_text() and "second comment" in threads[1].get_text()
    assert [len(r) for r in replies] == [2, 1]
    assert "first reply" in replies[0][0] and "second reply" in replies[0][1]
    assert "reply to the second" in replies[1][0]
    assert "hidden reply" not in doc.get_text() and "held comment" not in doc.get_text()
