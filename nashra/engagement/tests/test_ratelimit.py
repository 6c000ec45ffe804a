"""Sliding-window rate limits on each store they use: the memory cache of tests, the file
cache of production on one machine (several processes), the real Redis at 127.0.0.1 (a
failure in CI if unreachable), and Redis down (counted per process, never an error)."""

import multiprocessing
import threading
import time
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from nashra.engagement import ratelimit
from tests.support import free_port, redis_or_skip, redis_test_url

REDIS_URL = redis_test_url(12)


def _burst_across_a_minute(monkeypatch):
    """60 requests in 5 s, from 2.5 s before a minute turns to 2.5 s after, on a fake clock."""
    turn = (int(time.time()) // 60 + 1) * 60
    accepted = 0
    for i in range(60):
        monkeypatch.setattr(time, "time", lambda i=i: turn - 2.5 + i * 5 / 60)
        accepted += ratelimit.hit("vote", "one-address", 30, 60)
    return accepted, turn


def test_a_burst_across_a_window_boundary_gets_the_limit_once(monkeypatch):
    accepted, turn = _burst_across_a_minute(monkeypatch)
    assert accepted == 30
    # The window slides: a minute after the first accepted request, there is room again.
    monkeypatch.setattr(time, "time", lambda: turn - 2.5 + 60.01)
    assert ratelimit.hit("vote", "one-address", 30, 60)
    assert not ratelimit.hit("vote", "one-address", 30, 60)
    assert ratelimit.hit("vote", "another-address", 30, 60)


def _hammer(start, results, hits):
    start.wait()
    results.put(sum(ratelimit.hit("comment", "shared", 30, 600) for _ in range(hits)))


def test_a_file_cache_is_exact_across_processes(tmp_path):
    config = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    with override_settings(CACHES=config):
        context = multiprocessing.get_context("fork")  # each child: its own process, same cache
        start, results = context.Barrier(6), context.Queue()
        workers = [context.Process(target=_hammer, args=(start, results, 20)) for _ in range(6)]
        for worker in workers:
            worker.start()
        totals = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(10)
        assert sum(totals) == 30
        caches["default"].clear()


@pytest.fixture
def redis_cache():
    client = redis_or_skip(REDIS_URL)
    prefix = f"rl-test-{uuid.uuid4().hex[:8]}"
    config = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=config):
        yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_redis_counts_a_burst_across_a_window_boundary_once(redis_cache):
    # Redis times requests by its own clock: 60 requests in 0.5 s across a boundary of a
    # 2-second window (where a fixed window would reset) get 30.
    while not 1.7 < time.time() % 2 < 1.75:
        time.sleep(0.005)
    accepted = 0
    for _ in range(60):
        accepted += ratelimit.hit("vote", "one-address", 30, 2)
        time.sleep(0.5 / 60)
    assert accepted == 30
    (key,) = redis_cache.keys("*nashra:rl:vote:one-address")
    assert redis_cache.zcard(key) == 30 and 0 < redis_cache.ttl(key) <= 3


def test_redis_is_exact_under_twenty_threads(redis_cache):
    start, accepted = threading.Barrier(20), []

    def run():
        start.wait()
        accepted.extend(ratelimit.hit("vote", "shared", 30, 60) for _ in range(3))

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) == 60 and sum(accepted) == 30


def test_with_redis_down_requests_are_counted_per_process_and_never_fail(monkeypatch):
    down = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/12",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    monkeypatch.setattr(ratelimit, "_redis_retry_at", 0.0)
    monkeypatch.setattr(ratelimit, "_memory", {})
    with override_settings(CACHES=down):
        started = time.monotonic()
        results = [ratelimit.hit("vote", "one-address", 3, 60) for _ in range(5)]
        assert results == [True, True, True, False, False]
        assert time.monotonic() - started < 2  # one failed attempt, then no retry for a while
        assert ratelimit._redis_retry_at > time.monotonic()


@pytest.mark.django_db
def test_with_redis_down_votes_and_comments_are_taken_and_still_limited(client, monkeypatch):
    from nashra.engagement.models import Comment, Reaction

    from .helpers import JSON, ORIGIN, article, comment_url, pow_for, vote_url

    down = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/12",
        }
    }
    monkeypatch.setattr(ratelimit, "_redis_retry_at", 0.0)
    monkeypatch.setattr(ratelimit, "_memory", {})
    a = article()
    with override_settings(CACHES=down, NASHRA_VOTES_PER_ADDRESS_PER_MINUTE=2):
        codes = []
        for value in ("yes", "no", "yes"):
            client.cookies.clear()
            codes.append(client.post(vote_url(a), {"value": value}, **ORIGIN, **JSON).status_code)
        posted = client.post(
            comment_url(a),
            {
                "name": "Rania",
                "email": "rania@example.org",
                "body": "Posted while Redis was down.",
                "altcha": pow_for(a),
                "submission_token": "tok-redis-down",
            },
            **ORIGIN,
            **JSON,
        )
    assert codes == [200, 200, 429]
    assert Reaction.objects.filter(article=a).count() == 2
    assert posted.status_code == 200 and posted.json()["ok"]
    assert Comment.objects.filter(article=a, submission_token="tok-redis-down").exists()
