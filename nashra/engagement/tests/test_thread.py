"""An article's comments come in pages of top-level comments with their replies, at the
article's address with ?page=N, each cached whole and purged when a comment changes it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nashra.distribution.purge_targets import article_targets
from nashra.engagement.models import Comment
from nashra.engagement.thread import page_of
from nashra.news.tests.helpers import soup

from .helpers import ORIGIN, article, comment_url, page_url, pow_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _three_a_page(settings):
    settings.NASHRA_COMMENTS_PER_PAGE = 3


def _thread(a, top_level=7, replies=2):
    """`top_level` approved comments an hour apart, oldest "Comment 0", each with replies."""
    Comment.objects.filter(article=a).delete()
    start = timezone.now() - timedelta(days=2)
    made = []
    for n in range(top_level):
        top = Comment.objects.create(
            article=a,
            name=f"Reader {n}",
            email="r@example.org",
            body=f"Comment {n}",
            status="approved",
            language=a.locale.language_code,
        )
        Comment.objects.filter(pk=top.pk).update(created_at=start + timedelta(hours=n))
        for r in range(replies):
            reply = Comment.objects.create(
                article=a,
                parent=top,
                name="Replier",
                email="p@example.org",
                body=f"Reply {n}.{r}",
                status="approved",
            )
            Comment.objects.filter(pk=reply.pk).update(
                created_at=start + timedelta(hours=n, minutes=r + 1)
            )
        made.append(top)
    return made


def _shown(response):
    doc = soup(response)
    threads = doc.select("[data-comment-list] > li")
    return [t.select_one(".comment__body").get_text(strip=True) for t in threads], doc


@pytest.mark.parametrize(
    "lang,more,earlier,of",
    [
        ("en", "More comments", "Earlier comments", "Page 2 of 3"),
        ("ar", "مزيد من التعليقات", "التعليقات السابقة", "الصفحة 2 من 3"),
    ],
)
def test_the_thread_comes_in_pages_oldest_first(client, lang, more, earlier, of):
    a = article(lang)
    _thread(a)
    url = page_url(a)
    first, doc = _shown(client.get(url))
    assert first == ["Comment 0", "Comment 1", "Comment 2"]
    assert doc.select_one(".comments__count").get_text() == "(21)"  # every comment, replies too
    assert [
        r.get_text(strip=True)
        for r in doc.select("[data-comment-list] > li")[0].select(
            ".comment-list--replies .comment__body"
        )
    ] == ["Reply 0.0", "Reply 0.1"]
    link = doc.select_one("a[data-more-comments]")
    assert link.get_text() == more and link["href"] == f"{url}?page=2#comments"
    assert doc.select_one('[data-comment-pages] a[rel="prev"]') is None
    second, doc = _shown(client.get(url, {"page": "2"}))
    assert second == ["Comment 3", "Comment 4", "Comment 5"]
    nav = doc.select_one("[data-comment-pages]")
    assert of in nav.get_text() and nav.select_one('a[rel="prev"]').get_text() == earlier
    assert nav.select_one('a[rel="prev"]')["href"] == f"{url}#comments"  # page 1 is the article
    last, doc = _shown(client.get(url, {"page": "3"}))
    assert last == ["Comment 6"] and doc.select_one("a[data-more-comments]") is None
    assert client.get(url, {"page": "4"}).status_code == 404
    # As the caches read ?page=: anything but a canonical number is page 1.
    assert _shown(client.get(url, {"page": "02"}))[0] == first
    assert _shown(client.get(url, {"page": "abc"}))[0] == first


def test_a_short_thread_has_no_pages(client):
    a = article()
    _thread(a, top_level=3)
    doc = soup(client.get(page_url(a)))
    assert (
        len(doc.select("[data-comment-list] > li")) == 3
        and doc.select_one("[data-comment-pages]") is None
    )
    assert client.get(page_url(a), {"page": "2"}).status_code == 404


def test_a_published_comment_takes_its_reader_to_its_page(client, settings):
    a = article()
    a.comments_mode = "open"
    a.save_revision().publish()
    tops = _thread(a)
    data = client.post(
        comment_url(a),
        {
            "name": "Rania",
            "email": "rania@example.org",
            "body": "A late reply",
            "altcha": pow_for(a),
            "parent": tops[4].pk,
        },
        **ORIGIN,
        HTTP_ACCEPT="application/json",
    ).json()
    assert data["status"] == "published" and data["page"] == 2
    no_js = client.post(
        comment_url(a),
        {
            "name": "Rania",
            "email": "rania@example.org",
            "body": "A new comment",
            "altcha": pow_for(a),
        },
        **ORIGIN,
    )
    assert no_js["Location"].endswith("?page=3&commented=published#comments")
    shown, _doc = _shown(client.get(no_js["Location"]))
    assert shown == ["Comment 6", "A new comment"]
    assert page_of(Comment.objects.get(body="A late reply")) == 2


def test_approving_a_comment_shows_it_on_its_page_and_purges_every_page(
    client, settings, django_capture_on_commit_callbacks
):
    a = article()
    _thread(a, top_level=6)
    url = page_url(a)
    assert _shown(client.get(url, {"page": "2"}))[0] == [
        "Comment 3",
        "Comment 4",
        "Comment 5",
    ]  # now cached
    held = Comment.objects.create(
        article=a, name="Late", email="l@example.org", body="Held, then approved"
    )
    assert client.get(url, {"page": "3"}).status_code == 404
    # The front cache is told of every page, and of one past the end (a shrinking thread).
    assert {url, f"{url}?page=2", f"{url}?page=3"} <= article_targets(a, in_place=True)
    held.status = "approved"
    held.save()
    assert _shown(client.get(url, {"page": "3"}))[0] == ["Held, then approved"]
    assert {f"{url}?page=3", f"{url}?page=4"} <= article_targets(a, in_place=True)
    doc = soup(client.get(url, {"page": "2"}))  # its count and its "More comments" changed too
    assert doc.select_one(".comments__count").get_text() == "(19)"
    assert doc.select_one("a[data-more-comments]")["href"].endswith("?page=3#comments")
