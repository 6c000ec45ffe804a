"""A comment post under a flood (nashra.engagement.admission): accepted and stored, or refused
with a sentence in the reader's language, 503 and Retry-After, the reader's text given back and
nothing stored; a refused form sent again is accepted. The real server and a held database
lock: tests/concurrency/test_comment_flood.py."""

import html
import threading
import uuid

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from nashra.engagement import admission, comments
from nashra.engagement.captcha import new_image_challenge
from nashra.engagement.models import Comment, CommentStatus
from nashra.news.models import ArticlePage

from .helpers import JSON, ORIGIN, article, comment_url, pow_for

pytestmark = pytest.mark.django_db

BUSY = {
    "en": "Many readers are commenting right now",
    "ar": "يعلّق كثير من القرّاء في هذه اللحظة",
}


def _form(a, **fields):
    return {
        "name": "Rania",
        "email": f"rania-{uuid.uuid4().hex[:6]}@example.org",
        "body": f"What happened at the harbour <tonight>? {uuid.uuid4().hex}",
        "submission_token": uuid.uuid4().hex,
        "altcha": pow_for(a),
        **fields,
    }


class TurnHolder:
    """Another request deciding a comment: it holds the process's only turn until released,
    or, with `until_someone_waits`, until a post stands in line behind it."""

    def __init__(self, until_someone_waits=False):
        self.until_someone_waits = until_someone_waits
        self.holding, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with admission.comment_turn():
                self.holding.set()
                while not self.release.wait(0.01):
                    if self.until_someone_waits and admission._state["waiting"]:
                        break
        finally:
            self.holding.set()
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.holding.wait(30)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(30)


@pytest.fixture
def one_turn_no_line():
    with override_settings(NASHRA_COMMENT_WRITERS=1, NASHRA_COMMENT_WAITING=0):
        yield


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_post_finding_no_turn_is_refused_in_its_language_and_sent_again(
    client, lang, one_turn_no_line
):
    a = article(lang)
    data = _form(a)
    with TurnHolder():
        response = client.post(comment_url(a), data, **ORIGIN, **JSON)
    body = response.json()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert body["ok"] is False and body["busy"] is True
    assert BUSY[lang] in body["message"]
    assert body["captcha"]["challenge"]  # a fresh one too, should the page want it
    assert not Comment.objects.filter(body=data["body"]).exists()
    # The same form again (its captcha was not spent): accepted, stored once.
    again = client.post(comment_url(a), data, **ORIGIN, **JSON)
    assert again.status_code == 200 and again.json()["ok"], again.content
    assert Comment.objects.filter(body=data["body"]).count() == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_form_without_javascript_comes_back_with_the_text_and_its_captcha(
    client, lang, one_turn_no_line
):
    a = article(lang)
    challenge = new_image_challenge(f"comment:{a.pk}")
    data = _form(a, altcha=None, captcha_id=str(challenge.pk), captcha_answer=challenge.answer)
    data = {k: v for k, v in data.items() if v is not None}
    with TurnHolder():
        response = client.post(comment_url(a), data, **ORIGIN)
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert BUSY[lang] in page
    assert html.escape(data["body"], quote=False) in page  # the textarea holds their text
    assert html.escape(data["email"]) in page and html.escape(data["name"]) in page
    assert data["submission_token"] in page  # a resend is the same comment, never two
    assert f'name="captcha_id" value="{challenge.pk}"' in page  # its captcha, still unused
    assert not Comment.objects.filter(body=data["body"]).exists()
    again = client.post(comment_url(a), data, **ORIGIN)
    assert again.status_code == 302 and "commented=" in again["Location"]
    assert Comment.objects.filter(body=data["body"]).count() == 1


def test_a_post_waits_in_line_for_its_turn_and_is_accepted(client):
    a = article()
    data = _form(a)
    with (
        override_settings(NASHRA_COMMENT_WRITERS=1, NASHRA_COMMENT_WAITING=1),
        TurnHolder(until_someone_waits=True),
    ):
        response = client.post(comment_url(a), data, **ORIGIN, **JSON)
    assert response.status_code == 200 and response.json()["ok"], response.content
    assert Comment.objects.filter(body=data["body"]).count() == 1


def test_a_database_failure_is_tried_once_more_then_refused(client, monkeypatch):
    """A dropped connection may pass on a second try (the first left nothing behind); a
    second failure is refused as busy, never a 500."""
    a = article()
    real = comments.submit_comment
    failures = []

    def flaky(**kwargs):
        if len(failures) < kwargs.pop("_fail", 1):
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr("nashra.engagement.views.submit_comment", flaky)
    data = _form(a)
    response = client.post(comment_url(a), data, **ORIGIN, **JSON)
    assert response.status_code == 200 and response.json()["ok"], response.content
    assert len(failures) == 1 and Comment.objects.filter(body=data["body"]).count() == 1

    failures.clear()
    monkeypatch.setattr("nashra.engagement.views.submit_comment", lambda **kw: flaky(_fail=2, **kw))
    data = _form(a)
    response = client.post(comment_url(a), data, **ORIGIN, **JSON)
    assert response.status_code == 503 and BUSY["en"] in response.json()["message"]
    assert len(failures) == 2 and not Comment.objects.filter(body=data["body"]).exists()


def test_a_lock_wait_that_runs_out_is_refused_without_a_second_try(client, monkeypatch):
    a = article()
    calls = []

    def locked(**kwargs):
        calls.append(1)
        raise OperationalError("database is locked")

    monkeypatch.setattr("nashra.engagement.views.submit_comment", locked)
    response = client.post(comment_url(a), _form(a), **ORIGIN, **JSON)
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert len(calls) == 1  # waiting again would only double the reader's wait


def test_the_comment_queue_costs_the_same_queries_for_5_or_50_comments(client, django_user_model):
    moderator = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(moderator)
    articles = list(ArticlePage.objects.live().order_by("pk")[:10])
    url = "/admin/snippets/engagement/comment/?status=pending"

    def add(n):
        Comment.objects.bulk_create(
            Comment(
                article=articles[i % len(articles)],
                name=f"Reader {i}",
                email="r@example.org",
                body=f"Held {uuid.uuid4().hex}",
                status=CommentStatus.PENDING,
            )
            for i in range(n)
        )

    add(5)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
