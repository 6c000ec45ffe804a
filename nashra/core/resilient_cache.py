"""A Redis cache that fails open: with Redis unreachable the site reads and writes without it.

Every call that cannot reach Redis answers as an empty cache would (reads miss, writes are
not kept) instead of raising, because the cache only ever holds what can be rebuilt from the
database. After a failure the cache is not tried again for `RETRY_AFTER` seconds (a circuit
breaker), so a dead Redis costs no connect timeout per call; then one call tries again, and
the cache is back by itself when that succeeds.

What each call gives while Redis is unavailable:
    get -> default, get_many -> {}, add/set/touch/delete/has_key -> False,
    set_many -> every key (the keys not stored), delete_many/clear -> None,
    incr/decr -> raise CacheUnavailable (a ValueError, as for a missing key).
`available(cache)` says whether Redis is in use right now; code that talks to the Redis
client directly (`cache.client`) reports its failures with `report_failure(cache, exc)`.
"""

import functools
import logging
import threading
import time

from django.core.cache import caches
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("nashra.cache")

RETRY_AFTER = 5.0  # seconds without trying Redis after a failure
# Failures are logged once per outage, and at most every LOG_EVERY seconds while it lasts.
LOG_EVERY = 60.0
ERRORS = (RedisError, OSError)


class CacheUnavailable(ValueError):
    """Raised by incr/decr while Redis is unavailable. A ValueError, as for a missing key, so
    callers that already handle a missing counter fall back the same way."""


class Breaker:
    """Whether to try Redis now: closed (yes), or open until a time (no), after which one
    caller at a time is let through to try again."""

    def __init__(self, retry_after=RETRY_AFTER):
        self.retry_after = retry_after
        self.open_until = 0.0  # 0: closed
        self.down_since = None
        self.last_logged = 0.0
        self.skipped = 0  # calls answered without Redis since the last log line
        self.recoveries = 0  # counts outages that ended, for callers that catch up after one
        self.lock = threading.Lock()

    def allows(self):
        if not self.open_until:
            return True
        now = time.monotonic()
        with self.lock:
            if now < self.open_until:
                self.skipped += 1
                return False
            self.open_until = now + self.retry_after  # this caller tries; the rest keep waiting
            return True

    def failed(self, exc):
        now = time.monotonic()
        with self.lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            self.open_until = now + self.retry_after
            if first or now - self.last_logged >= LOG_EVERY:
                self.last_logged = now
                skipped, self.skipped = self.skipped, 0
                logger.error(
                    "Redis cache unavailable (%s: %s); serving without it, retrying every %ss "
                    "(%d calls answered without Redis since the last report)",
                    type(exc).__name__,
                    exc,
                    self.retry_after,
                    skipped,
                )

    def succeeded(self):
        if not self.open_until and self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning(
                    "Redis cache is back after %.1f s", time.monotonic() - self.down_since
                )
                self.recoveries += 1
            self.open_until, self.down_since, self.skipped = 0.0, None, 0

    @property
    def is_open(self):
        return bool(self.open_until) and self.down_since is not None


def _missing_counter(*args, **kwargs):
    raise CacheUnavailable("the cache is unavailable")


FALLBACKS = {
    "get": lambda key, default=None, *a, **k: default,
    "get_many": lambda *a, **k: {},
    "add": lambda *a, **k: False,
    "set": lambda *a, **k: False,
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "has_key": lambda *a, **k: False,
    "set_many": lambda data, *a, **k: list(data),
    "delete_many": lambda *a, **k: None,
    "clear": lambda *a, **k: None,
    "incr": _missing_counter,
    "decr": _missing_counter,
}


def _guarded(name, fallback):
    original = getattr(RedisCache, name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        if not self.breaker.allows():
            return fallback(*args, **kwargs)
        try:
            result = original(self, *args, **kwargs)
        except ERRORS as exc:
            self.breaker.failed(exc)
            return fallback(*args, **kwargs)
        self.breaker.succeeded()
        return [] if name == "set_many" and result is None else result

    return method


_breakers = {}
_breakers_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    """django-redis, failing open (see the module docstring). OPTIONS may set RETRY_AFTER."""

    def __init__(self, server, params):
        super().__init__(server, params)
        # One breaker per Redis for the whole process: Django makes a cache object per thread.
        options = params.get("OPTIONS", {})
        key = (repr(server), params.get("KEY_PREFIX", ""))
        with _breakers_lock:
            self.breaker = _breakers.setdefault(
                key, Breaker(float(options.get("RETRY_AFTER", RETRY_AFTER)))
            )


for _name, _fallback in FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _guarded(_name, _fallback))


def available(cache=None):
    """False while `cache` (default: the default cache) is known to be unreachable."""
    cache = caches["default"] if cache is None else cache
    breaker = getattr(cache, "breaker", None)
    return breaker is None or not breaker.is_open


def report_failure(cache, exc):
    """For code that used the Redis client directly: count the failure like a cache call's."""
    breaker = getattr(cache, "breaker", None)
    if breaker is not None:
        breaker.failed(exc)


def allows(cache):
    """Whether code using the Redis client directly should try it now."""
    breaker = getattr(cache, "breaker", None)
    return breaker is None or breaker.allows()


def report_success(cache):
    breaker = getattr(cache, "breaker", None)
    if breaker is not None:
        breaker.succeeded()
