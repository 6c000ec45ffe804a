"""Sliding-window rate limits: at most `limit` requests accepted in any `window_seconds`, so a
burst across a clock boundary gets the limit once, not twice (a fixed window would accept
`limit` just before the minute turns and `limit` again just after).

Each (scope, key) keeps the times of its accepted requests (at most `limit` of them); a request
is accepted when fewer than `limit` fall within the last `window_seconds`. Where that log lives
decides how far the guarantee reaches (docs/developers/concurrency.md):

- django-redis: a sorted set trimmed, counted and appended by one Lua script on Redis's own
  clock, so every worker on every machine shares one exact log.
- a file cache (production on one machine without Redis): an entry rewritten under an
  exclusive lock on a file in the cache directory: exact across the machine's processes.
- a memory cache (tests, development): rewritten under a process lock: exact in the process,
  which is all that cache is shared by.
- Redis unreachable: each process keeps its own log in memory and tries Redis again after
  RETRY_REDIS_AFTER seconds, so a request is never refused or failed for the outage; with N
  processes an address may get up to N x limit until Redis is back.
"""

import fcntl
import logging
import math
import os
import threading
import time
import uuid
from collections import deque

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

RETRY_REDIS_AFTER = 5.0
MEMORY_KEYS_BEFORE_SWEEP = 10_000

# KEYS[1]: the log; ARGV: window seconds, limit, a unique member. Redis's clock times every
# request, whichever app server sent it.
_SLIDING_LOG = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
    return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('EXPIRE', KEYS[1], math.ceil(window) + 1)
return 1
"""

_lock = threading.Lock()
_scripts = {}
_redis_retry_at = 0.0
_memory = {}
_lock_files = {}


def hit(scope, key, limit, window_seconds):
    """Count one request; True when it is within `limit` per sliding `window_seconds`."""
    name = f"nashra:rl:{scope}:{key}"
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        if time.monotonic() >= _redis_retry_at:
            try:
                return _redis_hit(cache, name, limit, window_seconds)
            except Exception:  # noqa: BLE001 - any Redis failure: count here instead
                _redis_failed()
        return _memory_hit(name, limit, window_seconds, time.monotonic())
    try:
        return _cache_hit(cache, name, limit, window_seconds, time.time())
    except Exception:
        logger.warning("Rate limit cache unusable; counting in this process", exc_info=True)
        return _memory_hit(name, limit, window_seconds, time.monotonic())


def _redis_hit(cache, name, limit, window_seconds):
    client = cache.client.get_client(write=True)
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(_SLIDING_LOG)
    return bool(script(keys=[cache.make_key(name)], args=[window_seconds, limit, uuid.uuid4().hex]))


def _redis_failed():
    global _redis_retry_at
    if time.monotonic() >= _redis_retry_at:
        logger.warning(
            "Redis unreachable for rate limits; each process counts alone for %ss",
            RETRY_REDIS_AFTER,
            exc_info=True,  # noqa: LOG014 - called from except blocks
        )
    _redis_retry_at = time.monotonic() + RETRY_REDIS_AFTER


def _accept(stamps, limit, window_seconds, now):
    """Drop the times that left the window; append `now` if there is room."""
    while stamps and stamps[0] <= now - window_seconds:
        stamps.popleft()
    if len(stamps) >= limit:
        return False
    stamps.append(now)
    return True


def _memory_hit(name, limit, window_seconds, now):
    with _lock:
        if len(_memory) > MEMORY_KEYS_BEFORE_SWEEP:
            for stale in [k for k, s in _memory.items() if not s or s[-1] <= now - 3600]:
                del _memory[stale]
        return _accept(_memory.setdefault(name, deque()), limit, window_seconds, now)


def _cache_hit(cache, name, limit, window_seconds, now):
    with _lock, _MachineLock(cache):
        stamps = deque(cache.get(name) or ())
        accepted = _accept(stamps, limit, window_seconds, now)
        if accepted:
            cache.set(name, list(stamps), timeout=math.ceil(window_seconds) + 1)
        return accepted


class _MachineLock:
    """With a file cache, an exclusive flock shared by every process using its directory.
    Opened per process: a descriptor inherited across fork would share its lock."""

    def __init__(self, cache):
        self.directory = cache._dir if isinstance(cache, FileBasedCache) else None

    def __enter__(self):
        self.file = None
        if self.directory:
            path = os.path.join(self.directory, "ratelimit.lock")
            self.file = _lock_files.get((os.getpid(), path))
            if self.file is None:
                os.makedirs(self.directory, exist_ok=True)
                self.file = _lock_files[(os.getpid(), path)] = open(path, "a")
            fcntl.flock(self.file, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        if self.file is not None:
            fcntl.flock(self.file, fcntl.LOCK_UN)
