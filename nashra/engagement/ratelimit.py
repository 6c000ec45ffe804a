"""Fixed-window request counters in the cache (Redis in production, shared by workers)."""

import time

from django.core.cache import cache


def hit(scope, key, limit, window_seconds):
    """Count one request; return True while the caller is within `limit` per window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"nashra:rl:{scope}:{key}:{bucket}"
    if cache.add(cache_key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
