"""The page cache's versions kept in each worker's memory, told of purges over Redis pub/sub.

Every page-cache hit needs the current versions of its page (see `page_cache`). Reading them
from Redis costs a network round trip per request, most of what a hit costs. Instead each
worker keeps the versions it has read and subscribes to a channel on which every purge names
the versions it bumped. Before trusting what it holds, a worker takes in whatever the channel
has delivered: a poll of a socket, no round trip. A purge returns only once Redis has written
its message to every subscriber's socket (`announce`), so a request that follows a purge
(nginx fetching a page the app has just PURGEd from it, a reader reloading after a publish)
finds the new versions.

While the subscription is down nothing is kept: every look-up reads Redis, as before. What is
kept also expires after `NASHRA_PAGE_CACHE_VERSION_TTL` seconds, a bound on staleness should
a message ever be lost.
"""

import logging
import os
import select
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django_redis.cache import RedisCache

from . import resilient_cache

logger = logging.getLogger(__name__)

EVERYTHING = "*"
MAX_KEPT = 100_000  # names; a crawler walking the archive must not grow a worker unbounded
RETRY_AFTER = 5.0  # seconds between attempts to subscribe again after a failure


class LocalVersions:
    def __init__(self, cache, ttl):
        self.cache, self.ttl = cache, ttl
        self.channel = cache.make_key("page-cache-purges")
        self.lock = threading.Lock()
        self.kept = {}  # name -> (value, monotonic time it was read)
        self.generation = 0  # counts purges taken in, to refuse values read across one
        self.subscriber = None
        self.poller = None  # tells, without a round trip, whether the subscriber has news
        self.pid = None
        self.retry_at = 0.0

    def known(self, names):
        """The values held for these names, the names to read from the cache, and a token
        for `remember`."""
        now = time.monotonic()
        with self.lock:
            if not self._listening():
                return {}, list(names), None
            found, missing = {}, []
            for name in names:
                held = self.kept.get(name)
                if held is not None and now - held[1] < self.ttl:
                    found[name] = held[0]
                else:
                    missing.append(name)
            return found, missing, (self.generation, now)

    def remember(self, values, token):
        """Keep values read from the cache after `known` returned `token`, unless a purge
        was taken in meanwhile: what was read may predate it."""
        if token is None:
            return
        with self.lock:
            if self.subscriber is None or token[0] != self.generation:
                return
            if len(self.kept) + len(values) > MAX_KEPT:
                self.kept.clear()
            for name, value in values.items():
                self.kept[name] = (value, token[1])

    def announce(self, names):
        """Tell every worker these versions changed (after the cache holds the new ones)."""
        self.forget(names)
        try:
            client = self.cache.client.get_client(write=True)
            client.publish(self.channel, "\n".join(names))
            # Redis writes the message to every subscriber's socket when it answers PUBLISH,
            # but may answer us first: by its answer to the next command, they all have it.
            client.ping()
        except resilient_cache.ERRORS as exc:
            # The other workers lose their subscription with Redis and read versions afresh.
            resilient_cache.report_failure(self.cache, exc)

    def forget(self, names):
        with self.lock:
            self._forget(names)

    def _forget(self, names):
        self.generation += 1
        if EVERYTHING in names:
            self.kept.clear()
        for name in names:
            self.kept.pop(name, None)

    def _listening(self):
        """Take in the purges delivered so far; False while not subscribed. Holds the lock."""
        if self.pid != os.getpid():
            # A forked worker: the parent's connection and values are not this process's.
            self.pid, self.subscriber = os.getpid(), None
            self.kept.clear()
        if self.subscriber is None and not self._subscribe():
            return False
        if not self.poller.poll(0):
            return True  # nothing arrived (each drain below empties the parser's buffer)
        try:
            while self.subscriber.can_read(timeout=0):
                message = self.subscriber.read_response(push_request=True)
                if message[0] in (b"message", "message"):
                    data = message[2].decode() if isinstance(message[2], bytes) else message[2]
                    self._forget(data.split("\n"))
        except Exception as exc:  # noqa: BLE001 - any failure: stop trusting what is kept
            logger.warning("Page-cache purge channel lost (%s); reading versions from Redis", exc)
            self._drop_subscriber()
            return False
        return True

    def _subscribe(self):
        # While the cache is known to be down, not even a connect: it would cost its timeout.
        if time.monotonic() < self.retry_at or not resilient_cache.available(self.cache):
            return False
        pool = self.cache.client.get_client(write=True).connection_pool
        connection = pool.connection_class(**pool.connection_kwargs)
        try:
            connection.connect()
            connection.send_command("SUBSCRIBE", self.channel)
            # Only once Redis confirms is every later purge delivered to us.
            connection.read_response(push_request=True)
        except Exception as exc:  # noqa: BLE001
            logger.warning("Cannot subscribe to page-cache purges (%s)", exc)
            resilient_cache.report_failure(self.cache, exc)
            connection.disconnect()
            self.retry_at = time.monotonic() + RETRY_AFTER
            return False
        self.subscriber = connection
        self.poller = select.poll()
        self.poller.register(connection._sock, select.POLLIN | select.POLLERR | select.POLLHUP)
        self.kept.clear()  # what was read before subscribing may have missed a purge
        self.generation += 1
        return True

    def _drop_subscriber(self):
        try:
            self.subscriber.disconnect()
        finally:
            self.subscriber = None
            self.kept.clear()
            self.generation += 1
            self.retry_at = time.monotonic() + RETRY_AFTER


_instances = {}
_instances_lock = threading.Lock()


def for_cache(alias):
    """The worker's LocalVersions for this cache alias, or None when it does not apply: the
    cache is not django-redis (a file or memory cache is read locally anyway) or
    NASHRA_PAGE_CACHE_VERSION_TTL is 0."""
    ttl = getattr(settings, "NASHRA_PAGE_CACHE_VERSION_TTL", 0)
    if not ttl:
        return None
    key = (alias, repr(sorted(settings.CACHES[alias].items())), ttl)
    found = _instances.get(key)
    if found is None:
        cache = caches[alias]
        usable = isinstance(cache, RedisCache)
        with _instances_lock:
            found = _instances.setdefault(key, LocalVersions(cache, ttl) if usable else False)
    return found or None
