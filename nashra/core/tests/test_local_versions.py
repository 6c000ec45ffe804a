"""Page-cache versions held in worker memory and told of purges over Redis pub/sub, against
the real Redis at 127.0.0.1 (a failure in CI if it is unreachable, a skip outside CI).

Each LocalVersions instance below plays one worker: its own subscription, its own memory."""

import time
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from nashra.core import local_versions, page_cache
from nashra.core.local_versions import LocalVersions
from tests.support import redis_or_skip, redis_test_url

REDIS_URL = redis_test_url(6)


@pytest.fixture
def redis_cache():
    """A django-redis cache with a key prefix of its own, so parallel runs never meet."""
    redis_or_skip(REDIS_URL)
    prefix = f"lv-test-{uuid.uuid4().hex[:8]}"
    config = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config, NASHRA_PAGE_CACHE_VERSION_TTL=30):
        cache = caches["default"]
        yield cache
        keys = cache.client.get_client().keys(f"{prefix}:*")
        if keys:
            cache.client.get_client().delete(*keys)


def _worker(cache, ttl=30):
    return LocalVersions(cache, ttl)


def _read(worker, cache, names):
    """What page_cache does with a worker's memory: held values, the rest from Redis."""
    found, missing, token = worker.known(names)
    fetched = cache.get_many(missing)
    read = {name: str(fetched.get(name, "0")) for name in missing}
    worker.remember(read, token)
    return {**found, **read}, missing


def _bump(cache, worker, names):
    """A purge as page_cache._bump does it: new values, then the announcement."""
    cache.set_many({name: uuid.uuid4().hex for name in names}, timeout=None)
    worker.announce(names)


def test_versions_are_read_from_redis_once_then_held(redis_cache):
    worker = _worker(redis_cache)
    first, missing = _read(worker, redis_cache, ["pcv:path:/en/a/", "pcv:lang:en"])
    assert missing == ["pcv:path:/en/a/", "pcv:lang:en"]
    again, missing = _read(worker, redis_cache, ["pcv:path:/en/a/", "pcv:lang:en"])
    assert (again, missing) == (first, [])


def test_a_purge_announced_by_another_worker_is_seen_on_the_very_next_read(redis_cache):
    reader, publisher = _worker(redis_cache), _worker(redis_cache)
    before, _ = _read(reader, redis_cache, ["pcv:path:/ar/b/", "pcv:lang:ar"])
    _bump(redis_cache, publisher, ["pcv:path:/ar/b/"])
    after, missing = _read(reader, redis_cache, ["pcv:path:/ar/b/", "pcv:lang:ar"])  # no sleep
    assert missing == ["pcv:path:/ar/b/"]  # the edition's version is still held
    assert after["pcv:path:/ar/b/"] != before["pcv:path:/ar/b/"]
    assert after["pcv:lang:ar"] == before["pcv:lang:ar"]


def test_a_value_read_across_a_purge_is_not_kept(redis_cache):
    reader, publisher = _worker(redis_cache), _worker(redis_cache)
    _found, missing, token = reader.known(["pcv:path:/en/c/"])
    stale = {name: str(redis_cache.get(name, "0")) for name in missing}  # read, then...
    _bump(redis_cache, publisher, ["pcv:path:/en/c/"])  # ...purged before it is kept
    reader.known(["pcv:lang:en"])  # another thread of the worker takes the purge in
    reader.remember(stale, token)
    _found, missing, _token = reader.known(["pcv:path:/en/c/"])
    assert missing == ["pcv:path:/en/c/"]


def test_a_purge_in_this_worker_is_forgotten_at_once(redis_cache):
    worker = _worker(redis_cache)
    _read(worker, redis_cache, ["pcv:group:en:tags"])
    _bump(redis_cache, worker, ["pcv:group:en:tags"])
    assert worker.known(["pcv:group:en:tags"])[1] == ["pcv:group:en:tags"]


def test_held_values_expire_after_the_ttl(redis_cache):
    worker = _worker(redis_cache, ttl=0.05)
    _read(worker, redis_cache, ["pcv:path:/en/d/"])
    time.sleep(0.1)
    assert worker.known(["pcv:path:/en/d/"])[1] == ["pcv:path:/en/d/"]


def test_a_lost_subscription_stops_holding_anything(redis_cache):
    worker = _worker(redis_cache)
    _read(worker, redis_cache, ["pcv:path:/en/e/"])
    host, port = worker.subscriber._sock.getsockname()[:2]
    redis_cache.client.get_client().client_kill(f"{host}:{port}")
    deadline = time.monotonic() + 5
    while not worker.poller.poll(0) and time.monotonic() < deadline:
        time.sleep(0.01)  # the kill reaches our socket
    found, missing, token = worker.known(["pcv:path:/en/e/"])
    assert (found, missing, token) == ({}, ["pcv:path:/en/e/"], None)
    assert worker.subscriber is None and worker.kept == {}
    worker.retry_at = 0  # the next attempt subscribes again
    _read(worker, redis_cache, ["pcv:path:/en/e/"])
    assert worker.known(["pcv:path:/en/e/"])[1] == []


def test_a_forked_worker_starts_with_nothing_held(redis_cache):
    worker = _worker(redis_cache)
    _read(worker, redis_cache, ["pcv:path:/en/f/"])
    parents = worker.subscriber
    worker.pid = -1  # as if this process were a child forked after the reads
    assert worker.known(["pcv:path:/en/f/"])[1] == ["pcv:path:/en/f/"]
    assert worker.subscriber is not parents


def test_an_unreachable_redis_falls_back_to_reading_every_time(redis_cache):
    config = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    with override_settings(CACHES=config):
        worker = _worker(caches["default"])
        assert worker.known(["pcv:lang:en"]) == ({}, ["pcv:lang:en"], None)


def test_only_a_redis_cache_gets_local_versions(redis_cache):
    assert isinstance(local_versions.for_cache("default"), LocalVersions)
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        assert local_versions.for_cache("default") is None
    with override_settings(NASHRA_PAGE_CACHE_VERSION_TTL=0):
        assert local_versions.for_cache("default") is None


def test_page_cache_keys_follow_purges_without_reading_redis_for_held_versions(
    redis_cache, monkeypatch
):
    reads = []
    real_get_many = redis_cache.get_many
    monkeypatch.setattr(
        redis_cache, "get_many", lambda keys: reads.append(keys) or real_get_many(keys)
    )
    first = page_cache.cache_key("/en/world/a-story/", "")
    assert page_cache.cache_key("/en/world/a-story/", "utm_source=x") == first
    assert len(reads) == 1  # the second key came from memory
    other_worker = _worker(redis_cache)
    redis_cache.set("pcv:path:/en/world/a-story/", "bumped", timeout=None)
    other_worker.announce(["pcv:path:/en/world/a-story/"])
    assert page_cache.cache_key("/en/world/a-story/", "") != first
    assert reads[-1] == ["pcv:path:/en/world/a-story/"]
