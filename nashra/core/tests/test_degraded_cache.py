"""Redis killed and restarted under the production cache backend (nashra.core.resilient_cache)
and the WSGI stack as deployed (nashra.wsgi): reads miss, writes are skipped, pages are served
by Django marked BYPASS, purges missed meanwhile are made when Redis is back, and nothing
outside Django answers an empty 500. Each test runs a redis-server of its own (bench/faults.py)
so that killing it touches nobody else's Redis."""

import io
import logging
import os
import shutil
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

from bench.faults import RedisServer
from nashra.core import page_cache, resilient_cache
from nashra.core.last_resort import LastResort
from nashra.core.models import PendingPurge

RETRY_AFTER = 0.2


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        message = "redis-server is missing (apt-get install redis-server)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + ". CI requires it.")
        pytest.skip(message + "; skipped outside CI")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()


def _caches(server):
    return {
        "default": {
            "BACKEND": "nashra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "degraded-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1,
                "RETRY_AFTER": RETRY_AFTER,
            },
        }
    }


def _wait_for_retry():
    time.sleep(RETRY_AFTER * 1.5)


def test_reads_miss_and_writes_are_skipped_while_redis_is_down_then_it_comes_back(
    redis_server, caplog
):
    caplog.set_level(logging.WARNING, logger="nashra.cache")
    with override_settings(CACHES=_caches(redis_server)):
        cache = caches["default"]
        assert cache.set("kept", 1) is not False
        assert cache.get("kept") == 1
        redis_server.kill()

        assert cache.get("kept", "default") == "default"
        assert resilient_cache.available(cache) is False
        assert cache.add("new", 1) is False
        assert cache.set("new", 1) is False
        assert cache.get_many(["kept", "new"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        with pytest.raises(resilient_cache.CacheUnavailable):
            cache.incr("counter")
        with pytest.raises(ValueError):  # what callers of a missing counter already handle
            cache.incr("counter")
        started = time.monotonic()
        for _ in range(200):
            cache.get("kept")
        assert time.monotonic() - started < 0.1  # no connect attempt per call while open

        redis_server.start()  # empty: it was killed
        _wait_for_retry()
        assert cache.get("kept") is None  # the call that tries again, and succeeds
        assert resilient_cache.available(cache) is True
        assert cache.set("kept", 2) is not False and cache.get("kept") == 2
    failures = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(failures) == 1, [r.getMessage() for r in failures]  # one line, not a flood
    assert any("Redis cache is back" in r.getMessage() for r in caplog.records)


def _wsgi(app, path, headers=None):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "SERVER_PROTOCOL": "HTTP/1.1",
        **(headers or {}),
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(app(environ, start_response))
    return int(answer["status"].split()[0]), answer["headers"], body.decode()


def _deployed_stack():
    return LastResort(page_cache.PageCacheMiddleware(WSGIHandler()))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a finished request must not close the connection that
    holds the test's transaction (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _page_cache_on(server):
    return override_settings(
        CACHES=_caches(server), NASHRA_PAGE_CACHE=True, NASHRA_PAGE_CACHE_VERSION_TTL=10
    )


@pytest.mark.django_db
def test_pages_are_rendered_uncached_and_marked_while_redis_is_down(redis_server):
    from nashra.engagement.tests.helpers import article, page_url

    path = page_url(article())
    with _page_cache_on(redis_server):
        app = _deployed_stack()
        assert _wsgi(app, path)[1]["X-Cache"] == "MISS"
        status, headers, cached = _wsgi(app, path)
        assert (status, headers["X-Cache"]) == (200, "HIT")

        redis_server.kill()
        for page in (path, "/en/", "/ar/"):
            status, headers, body = _wsgi(app, page)
            assert (status, headers["X-Cache"]) == (200, "BYPASS"), page
            assert body.rstrip().endswith("</html>")
        assert _wsgi(app, path)[2] == cached  # the same page, rendered afresh
        status, _headers, health = _wsgi(app, "/healthz")
        assert status == 200 and '"cache": "unavailable"' in health and '"degraded"' in health

        redis_server.start()
        _wait_for_retry()
        states = [_wsgi(app, path)[1]["X-Cache"] for _ in range(4)]
        assert states[-2:] == ["MISS", "HIT"] or states[-1] == "HIT", states


@pytest.mark.django_db
def test_a_purge_missed_while_redis_was_down_is_made_when_it_is_back(redis_server):
    """Redis may come back holding its data (a network cut, a restart from its dump): the
    page a publish purged meanwhile must not be served from it."""
    from nashra.engagement.tests.helpers import article, page_url

    path = page_url(article())
    with _page_cache_on(redis_server):
        app = _deployed_stack()
        _wsgi(app, path)
        assert _wsgi(app, path)[1]["X-Cache"] == "HIT"
        redis_server.stop_saving()

        page_cache.purge(paths=[path])  # a publish while Redis is away
        assert PendingPurge.objects.filter(kind="page", target=f"pcv:path:{path}").exists()

        redis_server.start()  # with the versions and the page from before the purge
        _wait_for_retry()
        states = [_wsgi(app, path)[1]["X-Cache"] for _ in range(4)]
        # The first answer may still be BYPASS (the call that finds Redis back); after it,
        # the old copy must be out of reach: rendered again (MISS), never the stale HIT.
        first_cached = next(state for state in states if state != "BYPASS")
        assert first_cached == "MISS", states
        assert not PendingPurge.objects.filter(kind="page").exists()


def test_an_error_outside_django_answers_the_500_page_in_the_reader_language():
    def broken(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        raise RuntimeError("the page cache fell over")

    app = LastResort(broken)
    arabic_reader = {"HTTP_ACCEPT_LANGUAGE": "ar,en;q=0.5"}
    for path, headers, expected in (
        ("/en/", {}, "Something went wrong"),
        ("/ar/x/", {}, "حدث خطأ ما"),
        ("/healthz", arabic_reader, "حدث خطأ ما"),
    ):
        status, headers, body = _wsgi(app, path, headers)
        assert status == 500
        assert expected in body and "<html" in body
        assert headers["Content-Length"] == str(len(body.encode()))
        assert headers["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_cache_failing_in_an_unforeseen_way_still_gets_a_500_page():
    """A cache backend raising what the breaker does not know (a bug, a bad pickle): the page
    cache raises outside Django, and the last resort answers with the page, not nothing."""
    broken = {"default": {"BACKEND": "nashra.core.tests.test_degraded_cache.ExplodingCache"}}
    with override_settings(CACHES=broken, NASHRA_PAGE_CACHE=True):
        status, _headers, body = _wsgi(_deployed_stack(), "/en/")
    assert status == 500 and "Something went wrong" in body


class ExplodingCache(LocMemCache):
    def get_many(self, *args, **kwargs):
        raise RuntimeError("an unforeseen cache failure")

    get = get_many
