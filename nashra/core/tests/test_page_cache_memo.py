"""The pages each worker keeps in memory (page_cache._RecentEntries): a hit served from there
is the hit the shared cache would serve, byte for byte, and a purge made anywhere is seen by
the very next request, whether the versions are held in the worker (Redis, local_versions) or
read from the shared cache on every request (any other cache)."""

import gzip
import io
import os
import subprocess
import sys
import uuid
from wsgiref.util import setup_testing_defaults

import brotli
import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from nashra.core import page_cache
from nashra.core.page_cache import PageCacheMiddleware, _RecentEntries
from tests.support import redis_or_skip, redis_test_url

pytestmark = pytest.mark.django_db

REDIS_URL = redis_test_url(6)
PAGES = {"en": "/en/world/a-story/", "ar": "/ar/world/khabar/"}
TEXT = {"en": "A story", "ar": "خبر عاجل عن الزلزال"}


class Renderer:
    """A WSGI app standing for Django: each render says how many came before it."""

    def __init__(self, language):
        self.renders, self.text = 0, TEXT[language]

    def __call__(self, environ, start_response):
        self.renders += 1
        body = f"<p>{self.text} {self.renders}</p>".encode()
        start_response(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]


def _get(app, path, method="GET", **headers):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "wsgi.input": io.BytesIO(b"")}
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def _state(headers):
    return dict(headers).get("X-Cache")


class CountedGets:
    """Counts the shared cache's reads of stored pages (versions are read with get_many)."""

    def __init__(self, cache, monkeypatch):
        self.pages = 0
        real = cache.get

        def get(key, *args, **kwargs):
            self.pages += key.startswith("page:")
            return real(key, *args, **kwargs)

        monkeypatch.setattr(cache, "get", get)


@pytest.fixture
def locmem_page_cache():
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        NASHRA_PAGE_CACHE=True,
        NASHRA_PAGE_CACHE_VERSION_TTL=0,
    ):
        caches["default"].clear()
        yield caches["default"]


@pytest.fixture
def redis_page_cache():
    """The production arrangement: Redis (failing open), versions held in the worker."""
    redis_or_skip(REDIS_URL)
    prefix = f"memo-test-{uuid.uuid4().hex[:8]}"
    config = {
        "default": {
            "BACKEND": "nashra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config, NASHRA_PAGE_CACHE=True, NASHRA_PAGE_CACHE_VERSION_TTL=30):
        cache = caches["default"]
        yield cache, config
        keys = cache.client.get_client().keys(f"{prefix}:*")
        if keys:
            cache.client.get_client().delete(*keys)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_hit_from_worker_memory_is_the_hit_from_the_shared_cache(
    language, locmem_page_cache, monkeypatch
):
    path, renderer = PAGES[language], Renderer(language)
    worker = PageCacheMiddleware(renderer)
    assert _state(_get(worker, path)[1]) == "MISS"
    gets = CountedGets(locmem_page_cache, monkeypatch)
    variants = [{}, {"accept_encoding": "gzip"}, {"accept_encoding": "gzip, br"}]
    from_memory = [_get(worker, path, **headers) for headers in variants]
    from_memory.append(_get(worker, path, method="HEAD", accept_encoding="gzip"))
    assert gets.pages == 0  # every one of them from the worker's memory
    fresh_worker = PageCacheMiddleware(renderer)  # nothing in memory: the shared cache's copy
    from_shared = [_get(fresh_worker, path, **headers) for headers in variants]
    from_shared.append(_get(fresh_worker, path, method="HEAD", accept_encoding="gzip"))
    assert gets.pages == 1  # then kept: the next three came from memory again
    assert renderer.renders == 1
    assert from_memory == from_shared
    (_s, plain_headers, plain), (_s, _h, zipped), (_s, br_headers, br), (_s, _h, head) = from_memory
    assert plain == f"<p>{TEXT[language]} 1</p>".encode() and _state(plain_headers) == "HIT"
    assert gzip.decompress(zipped) == plain and brotli.decompress(br) == plain
    assert dict(br_headers)["Content-Encoding"] == "br"
    assert dict(br_headers)["Content-Length"] == str(len(br)) and head == b""


def test_a_signed_in_reader_is_never_served_from_worker_memory(locmem_page_cache):
    renderer = Renderer("en")
    worker = PageCacheMiddleware(renderer)
    _get(worker, PAGES["en"])
    assert _state(_get(worker, PAGES["en"])[1]) == "HIT"
    _status, headers, body = _get(worker, PAGES["en"], cookie=f"{settings.SESSION_COOKIE_NAME}=x")
    assert _state(headers) is None and body.endswith(b" 2</p>") and renderer.renders == 2


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_purge_by_another_worker_is_seen_at_once_when_versions_are_read_every_time(
    language, locmem_page_cache
):
    """No local versions (a file or memory cache): every request reads them from the shared
    cache, so a version another process bumped there changes the key at once."""
    assert page_cache._config().local is None
    path, renderer = PAGES[language], Renderer(language)
    worker = PageCacheMiddleware(renderer)
    _get(worker, path)
    assert _state(_get(worker, path)[1]) == "HIT"
    assert len(worker.recent.entries) == 1
    # What another process's purge leaves in the shared cache: a new value for the version.
    locmem_page_cache.set(f"pcv:path:{path}", uuid.uuid4().hex, timeout=None)
    _status, headers, body = _get(worker, path)
    assert _state(headers) == "MISS" and body.endswith(b" 2</p>")
    assert _state(_get(worker, path)[1]) == "HIT"


PURGE_IN_ANOTHER_PROCESS = """
import django
django.setup()
from django.test import override_settings
from nashra.core import page_cache
with override_settings(CACHES={caches!r}, NASHRA_PAGE_CACHE=True, NASHRA_PAGE_CACHE_VERSION_TTL=30):
    page_cache.bump_now({names!r})
"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_purge_in_another_process_is_seen_by_the_very_next_request(
    language, redis_page_cache, monkeypatch
):
    """Versions held in the worker (told of purges over pub/sub) and pages kept in memory: a
    warm hit reads nothing from Redis, and a purge made by another process is taken in before
    the next request looks for its page."""
    cache, config = redis_page_cache
    assert page_cache._config().local is not None
    path, renderer = PAGES[language], Renderer(language)
    worker = PageCacheMiddleware(renderer)
    assert _state(_get(worker, path)[1]) == "MISS"
    reads = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *a, real=real, **k: reads.append(a) or real(*a, **k)
        )
    status, headers, body = _get(worker, path, accept_encoding="gzip")
    assert (status, _state(headers), reads) == ("200 OK", "HIT", [])
    assert gzip.decompress(body).endswith(b" 1</p>")
    script = PURGE_IN_ANOTHER_PROCESS.format(caches=config, names=[f"pcv:path:{path}"])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nashra.settings.test"}
    purge = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert purge.returncode == 0, purge.stderr
    _status, headers, body = _get(worker, path)  # no wait
    assert _state(headers) == "MISS" and body.endswith(b" 2</p>")
    assert renderer.renders == 2
    assert ([f"pcv:path:{path}"],) in reads  # the purged version, read again (the spy is live)


def test_worker_memory_is_not_served_while_the_shared_cache_is_down(locmem_page_cache, monkeypatch):
    """Purges made during an outage wait in the database (pending_purges): pages kept from
    before it may be stale, so the worker renders, as every page is rendered then."""
    renderer = Renderer("en")
    worker = PageCacheMiddleware(renderer)
    _get(worker, PAGES["en"])
    assert _state(_get(worker, PAGES["en"])[1]) == "HIT" and worker.recent.entries
    monkeypatch.setattr(page_cache.resilient_cache, "available", lambda cache=None: False)
    _status, headers, body = _get(worker, PAGES["en"])
    assert _state(headers) == "BYPASS" and body.endswith(b" 2</p>")


def _entry(size):
    return {"status": "200 OK", "headers": [], "identity": b"x" * size, "gzip": b"", "br": None}


def test_worker_memory_is_bounded_in_bytes_keeping_the_most_recently_served():
    recent = _RecentEntries(max_bytes=1000, max_entries=100)
    for n in range(4):
        recent.put(f"k{n}", _entry(300))
    assert list(recent.entries) == ["k1", "k2", "k3"] and recent.used == 900
    assert recent.get("k1") is not None  # served: now the most recent
    recent.put("k4", _entry(300))
    assert list(recent.entries) == ["k3", "k1", "k4"] and recent.used <= 1000
    recent.put("huge", _entry(1001))  # bigger than the whole budget: never kept
    assert recent.get("huge") is None and recent.used == 900


def test_worker_memory_is_bounded_in_number_of_pages():
    recent = _RecentEntries(max_bytes=1 << 20, max_entries=3)
    for n in range(10):
        recent.put(f"k{n}", _entry(10))
    assert list(recent.entries) == ["k7", "k8", "k9"] and recent.used == 30
    nothing = _RecentEntries(max_bytes=1 << 20, max_entries=0)
    nothing.put("k", _entry(10))
    assert not nothing.entries


def test_the_memory_budget_is_a_setting(settings):
    settings.NASHRA_PAGE_CACHE_WORKER_BYTES = 12345
    assert PageCacheMiddleware(Renderer("en")).recent.max_bytes == 12345
