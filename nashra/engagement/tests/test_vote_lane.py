"""The vote fast lane before Django (vote_lane.py): the answers it gives are the view's, in
the reader's language; whatever it cannot answer exactly goes on to Django."""

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signing
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from nashra.engagement import identity, vote_queue
from nashra.engagement.models import Reaction
from nashra.engagement.vote_lane import VoteLane
from tests.support import free_port

from .helpers import article, page_url, vote_url
from .test_votes_redis import redis_config, redis_votes  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def lane(redis_votes):  # noqa: F811
    # As Django's test client does: the test's connection stays open across "requests".
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Lane(VoteLane(WSGIHandler()))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


class Lane:
    def __init__(self, app):
        self.app = app
        self.cookie = ""

    def post(self, path, body="value=yes", *, json_reply=True, origin="http://testserver", **env):
        environ = {}
        setup_testing_defaults(environ)
        data = body.encode()
        environ.update(
            REQUEST_METHOD="POST",
            PATH_INFO=path,
            CONTENT_TYPE="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(len(data)),
            HTTP_HOST="testserver",
            SERVER_NAME="testserver",
            REMOTE_ADDR="127.0.0.1",
            **{"wsgi.input": io.BytesIO(data)},
        )
        if origin:
            environ["HTTP_ORIGIN"] = origin
        if json_reply:
            environ["HTTP_ACCEPT"] = "application/json"
        if self.cookie:
            environ["HTTP_COOKIE"] = self.cookie
        environ.update(env)
        got = {}

        def start_response(status, headers, exc_info=None):
            got["status"], got["headers"] = status, headers

        content = b"".join(self.app(environ, start_response))
        for name, value in got["headers"]:
            if name == "Set-Cookie" and value.startswith(identity.COOKIE_NAME + "="):
                self.cookie = value.split(";", 1)[0]
        return Reply(int(got["status"].split()[0]), got["headers"], content)


class Reply:
    def __init__(self, status, headers, content):
        self.status, self.headers, self.content = status, headers, content

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self):
        return json.loads(self.content)


class Refuse:
    """Stands for Django once the lane should answer alone."""

    def __call__(self, environ, start_response):
        raise AssertionError(f"Django was asked: {environ['PATH_INFO']}")


def test_the_lane_answers_as_the_view_does_once_it_knows_the_article(lane):
    a = article()
    first = lane.post(vote_url(a))  # Django: describes the article, teaches the lane
    assert first.status == 200 and lane.app.headers
    django_app, lane.app.app = lane.app.app, Refuse()
    lane.cookie = ""  # a second reader
    second = lane.post(vote_url(a), "value=no")
    assert second.status == 200
    assert second.json() == {
        "ok": True,
        "my_vote": "no",
        "message": "Thank you for your answer.",
        "tally": {
            "yes": 1,
            "no": 1,
            "total": 2,
            "yes_percent": 50,
            "sentence": "50% of 2 readers liked this article.",
        },
    }
    same = {"Content-Length", "Expires", "Set-Cookie"}
    assert sorted(h for h in first.headers if h[0] not in same) == sorted(
        h for h in second.headers if h[0] not in same
    )
    cookie = second.header("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    reader = signing.loads(lane.cookie.split("=", 1)[1], salt=identity.COOKIE_SALT)
    # The reader changes their mind, with their cookie: no new cookie, one vote.
    changed = lane.post(vote_url(a), "value=yes")
    assert changed.json()["tally"]["yes"] == 2 and changed.header("Set-Cookie") is None
    assert not Reaction.objects.filter(article=a).exists()
    vote_queue.flush_votes()
    assert Reaction.objects.get(article=a, reader_key=reader).liked
    lane.app.app = django_app


def test_without_javascript_the_lane_sends_the_reader_back_to_the_article(lane):
    a = article("ar")
    lane.post(vote_url(a))
    lane.app.app = Refuse()
    reply = lane.post(vote_url(a), "value=no", json_reply=False)
    assert reply.status == 302
    assert reply.header("Location") == f"{page_url(a)}?reacted=no#reaction"


def test_refusals_from_the_lane_are_in_the_readers_language(lane):
    a = article("ar")
    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY=1):
        lane.post(vote_url(a))
        lane.app.app = Refuse()
        lane.cookie = ""
        reply = lane.post(vote_url(a))
    assert reply.status == 429
    assert reply.json() == {
        "ok": False,
        "message": "احتسبنا اليوم أصواتًا كثيرة على هذا المقال من شبكتك.",
    }
    assert reply.header("Content-Language") == "ar"


def test_what_the_lane_cannot_answer_goes_to_django(lane):
    a = article("ar")
    lane.post(vote_url(a))  # known, and the lane has learnt
    assert lane.post(vote_url(a), origin="https://evil.example").status == 403
    assert lane.post(vote_url(a), origin=None).status == 403
    bad = lane.post(vote_url(a), "value=maybe")
    assert bad.status == 400 and bad.json()["message"] == "يُرجى اختيار «نعم» أو «لا»."
    not_utf8 = lane.post(vote_url(a), "value=%FF")
    assert not_utf8.status == 400
    assert lane.post("/ar/engagement/articles/999999999/reaction/").status == 404
    forged = lane.post(vote_url(a), HTTP_COOKIE=f"{identity.COOKIE_NAME}=forged")
    assert forged.status == 200 and forged.header("Set-Cookie")  # a new reader


def test_an_unpublished_article_stops_taking_votes_at_once(lane):
    a = article()
    assert lane.post(vote_url(a)).status == 200
    a.unpublish()
    assert lane.post(vote_url(a), "value=no").status == 404


def test_with_redis_down_the_lane_hands_the_vote_to_the_database(lane):
    a = article()
    lane.post(vote_url(a))
    with override_settings(CACHES=redis_config(f"redis://127.0.0.1:{free_port()}/1")):
        lane.cookie = ""
        reply = lane.post(vote_url(a), "value=no")
    assert reply.status == 200 and reply.json()["ok"]
    assert Reaction.objects.filter(article=a, liked=False).count() == 1


def test_hsts_is_sent_on_https_votes_only_whichever_scheme_taught_the_lane(lane):
    with override_settings(SECURE_HSTS_SECONDS=3600):
        lane = Lane(VoteLane(WSGIHandler()))  # the fixture's, with HSTS in its middleware
        a = article()
        assert lane.post(vote_url(a)).header("Strict-Transport-Security") is None  # http
        https = {"wsgi.url_scheme": "https", "origin": "https://testserver"}
        lane.cookie = ""
        first = lane.post(vote_url(a), "value=no", **https)  # Django answers the first https
        assert first.header("Strict-Transport-Security") == "max-age=3600"
        lane.app.app = Refuse()
        lane.cookie = ""
        reply = lane.post(vote_url(a), **https)
        assert reply.status == 200 and reply.header("Strict-Transport-Security") == "max-age=3600"
        lane.cookie = ""
        reply = lane.post(vote_url(a))
        assert reply.status == 200 and reply.header("Strict-Transport-Security") is None


def test_a_description_written_back_before_an_unpublish_commits_is_forgotten_after(
    lane, django_capture_on_commit_callbacks
):
    a = article()
    assert lane.post(vote_url(a)).status == 200  # the lane knows the article
    store = vote_queue.store()
    described = store.client.get(store.article_key(a.pk))
    with django_capture_on_commit_callbacks(execute=True):
        a.unpublish()
        # A vote on another connection sees the committed (live) page and describes it again.
        store.remember_article(a.pk, json.loads(described))
    assert store.client.get(store.article_key(a.pk)) is None
    lane.app.app = Refuse()
    lane.cookie = ""
    with pytest.raises(AssertionError, match="Django was asked"):
        lane.post(vote_url(a), "value=no")  # the lane no longer answers for it
