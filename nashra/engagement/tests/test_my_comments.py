"""A reader's own comment that awaits moderation: its text comes back to them, in their
language, from the per-reader state endpoint, and never into the page everyone shares."""

import pytest
from django.core.cache import cache
from django.test import Client

from nashra.engagement.models import Comment

from .helpers import JSON, ORIGIN, article, comment_url, page_url, pow_for

pytestmark = pytest.mark.django_db

TEXT = {
    "en": "Who keeps the harbour footage, and for how long?",
    "ar": "من يحتفظ بتسجيلات الميناء، وإلى متى؟",
}
NOTE = {
    "en": ("Awaiting moderation.", "Only you can see this comment until a moderator approves it."),
    "ar": ("بانتظار المراجعة.", "لا يرى هذا التعليق أحد غيرك حتى يوافق عليه أحد المشرفين."),
}


def _state(client, a):
    lang = a.locale.language_code
    return client.get(f"/{lang}/engagement/articles/{a.pk}/state/").json()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_my_pending_comment_comes_back_with_its_text_only_to_me(client, lang):
    a = article(lang)
    page = page_url(a)
    client.get(page)  # the page is cached before the comment, as for every reader
    data = {"name": "Leila", "email": "leila@example.org", "body": TEXT[lang], "altcha": pow_for(a)}
    posted = client.post(comment_url(a), data, **ORIGIN, **JSON).json()
    assert posted["status"] == "pending"

    mine = _state(client, a)["my_comments"]
    assert [m["id"] for m in mine] == [posted["comment_id"]]
    assert mine[0]["body"] == TEXT[lang] and mine[0]["name"] == "Leila"
    assert (mine[0]["status_label"], mine[0]["reason"]) == NOTE[lang]
    assert mine[0]["created_at"] and mine[0]["created_label"]
    # With the time zone, as the published comments' times.
    assert ("GMT" if lang == "en" else "بتوقيت غرينتش") in mine[0]["created_label"]

    html = client.get(page).content.decode()
    assert TEXT[lang] not in html and "Leila" not in html
    other = Client()
    assert TEXT[lang] not in other.get(page).content.decode()
    assert _state(other, a)["my_comments"] == []


def test_a_published_comment_is_not_repeated_among_mine(client):
    a = article()
    data = {
        "name": "Omar",
        "email": "omar@example.org",
        "body": "A plain question.",
        "altcha": pow_for(a),
    }
    posted = client.post(comment_url(a), data, **ORIGIN, **JSON).json()
    Comment.objects.filter(pk=posted["comment_id"]).update(status="approved")
    (mine,) = _state(client, a)["my_comments"]
    assert mine["status"] == "approved" and "body" not in mine


def test_the_empty_thread_says_no_published_comments(client):
    for lang, words in (("en", "No published comments yet."), ("ar", "لا تعليقات منشورة بعد.")):
        a = article(lang)
        Comment.objects.filter(article=a).delete()
        cache.clear()
        assert words in client.get(page_url(a)).content.decode()
