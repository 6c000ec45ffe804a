"""Purging the front cache (nginx, Varnish or a CDN) through Wagtail's frontend-cache backends.

The app's own page cache is purged by version bumps (`page_cache.purge`); a front cache only
understands URLs, so callers hand over the exact paths that changed. Purges are sent after
the transaction commits: a reader arriving in between would otherwise re-cache the old page.
"""

import http.client
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from . import pending_purges

logger = logging.getLogger("nashra.front_cache")
_failures_reported = 0  # batches with failures, in this process


class KeepAliveHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend over kept-alive connections: an article's purge is
    hundreds of URLs (every page of its listings) and an edition's thousands; a new TCP
    connection for each would take seconds. The pages readers look at (no query string: the
    article, first pages of listings, feeds) are purged first, in order, over one connection;
    then the further pages of listings over a few connections at once.

    Every URL is tried: one whose request fails is tried again over a new connection, and one
    that fails again is reported and kept for a later retry (`pending_purges`), while the
    rest of the batch goes on. After `GIVE_UP_AFTER` failures in a row the front cache is
    taken to be down and the rest of the batch is kept for the retry without being tried."""

    connections = 4
    attempts = 2  # per URL
    GIVE_UP_AFTER = 5

    def purge_batch(self, urls):
        self.failed, self.errors, self.lock = set(), [], threading.Lock()
        self.failures_in_a_row = 0
        first = iter([url for url in urls if "?" not in url])
        rest = [url for url in urls if "?" in url]
        self._purge_over_one_connection(lambda: next(first, None))
        if rest:
            pending = iter(rest)

            def take():
                with self.lock:
                    return next(pending, None)

            workers = min(self.connections, len(rest))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for _ in range(workers):
                    pool.submit(self._purge_over_one_connection, take)
        self._report(urls)
        return set(self.failed)

    def _report(self, urls):
        global _failures_reported
        if not self.failed:
            return
        _failures_reported += 1
        logger.error(
            "Front cache at %s did not purge %d of %d addresses (%s): %s. Kept for a retry "
            "(manage.py core_retry_purges).",
            self.cache_netloc,
            len(self.failed),
            len(urls),
            "; ".join(sorted(set(self.errors))[:3]),
            pending_purges.describe(self.failed),
        )
        pending_purges.record(
            pending_purges.PendingPurge.Kind.FRONT,
            self.failed,
            "; ".join(sorted(set(self.errors))[:3]),
        )

    def _connect(self):
        connection_class = (
            http.client.HTTPSConnection
            if self.cache_scheme == "https"
            else http.client.HTTPConnection
        )
        return connection_class(self.cache_netloc, timeout=5)

    def _purge_over_one_connection(self, take):
        """Purge URLs from `take()` until it gives None."""
        connection = self._connect()
        try:
            while (url := take()) is not None:
                if self.failures_in_a_row >= self.GIVE_UP_AFTER:
                    self._failed(url, None)  # down: kept for the retry, not tried again now
                    continue
                for _attempt in range(self.attempts):
                    try:
                        status = self._purge_one(connection, url)
                    except (OSError, http.client.HTTPException) as exc:
                        # The connection is no use after this: the next try gets a new one.
                        connection.close()
                        connection = self._connect()
                        error = f"{type(exc).__name__}: {exc}"
                        continue
                    # 404: that page was not cached, which is fine.
                    if status in (200, 404):
                        error = None
                        break
                    error = f"HTTP {status}"
                if error:
                    self._failed(url, error)
                else:
                    self._succeeded()
        finally:
            connection.close()

    def _purge_one(self, connection, url):
        parts = urlsplit(url)
        # Arabic slugs and tags: the request line must be percent-encoded ASCII.
        target = iri_to_uri(parts.path + (f"?{parts.query}" if parts.query else ""))
        connection.request("PURGE", target, headers={"Host": parts.netloc})
        response = connection.getresponse()
        response.read()
        return response.status

    def _failed(self, url, error):
        with self.lock:
            self.failed.add(url)
            if error:
                self.errors.append(error)
                self.failures_in_a_row += 1

    def _succeeded(self):
        with self.lock:
            self.failures_in_a_row = 0

    def purge(self, url):
        self.purge_batch([url])


def enabled():
    return bool(get_backends())


def public_root():
    root = getattr(settings, "NASHRA_PUBLIC_URL", "")
    if root:
        return root.rstrip("/")
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else "http://localhost"


def purge_paths(paths):
    """Purge site-relative paths (e.g. "/en/politics/?page=2") once the transaction commits."""
    # The pages readers see first (the article, first pages of listings, feeds) before the
    # further pages of listings, which every new article shifts.
    paths = sorted({p for p in paths if p}, key=lambda p: ("?" in p, p))
    if not paths or not enabled():
        return
    urls = absolute(paths)
    transaction.on_commit(lambda: _purge_now(urls))


def absolute(paths):
    root = public_root()
    return [p if p.startswith("http") else root + p for p in paths]


def _purge_now(urls):
    reported = _failures_reported
    purge_urls_from_cache(urls)
    # A front cache that has just taken a whole batch is up: retry the ones it missed.
    if _failures_reported == reported and pending_purges.count(
        pending_purges.PendingPurge.Kind.FRONT
    ):
        retry_failed_purges()


def retry_failed_purges(limit=10_000):
    """Purge again the URLs that failed before; returns how many are still pending."""
    kind = pending_purges.PendingPurge.Kind.FRONT
    rows = pending_purges.pending(kind, limit=limit)
    if rows:
        urls, failed = set(), set()
        for row in rows:
            if not pending_purges.is_marker(row.target):
                urls.add(row.target)
                continue
            try:  # "recompute ...": the addresses a purge could not work out, worked out now
                urls.update(absolute(pending_purges.expand(row.target)))
            except Exception:
                logger.exception("Could not work out the addresses of %s", row.target)
                failed.add(row.target)
        for backend in get_backends().values():
            # A recomputed address the front cache does not take is kept as its own row.
            result = backend.purge_batch(sorted(urls))
            failed |= result if isinstance(result, set) else set()
        pending_purges.settle(rows, failed)
    return pending_purges.count(kind)


# The breaking banner (nashra.news.breaking): nginx puts each edition's banner version in its
# cache keys (deploy/nginx/banner.js), so a banner change is one request to each front cache,
# not a purge of every page. A front cache that misses it is told again by the retry of
# failed purges, and every minute by the worker (news_banner_resend).
BANNER_STATE_PATH = "/_nashra_banner/"
BANNER_MARKER = "banner"  # pending_purges marker: "recompute:banner:<language>"


def send_banner_version(language, value, keep_failure=True):
    """PUT the edition's banner version to every HTTP front cache; True if all took it. Those
    that did not are kept as a pending purge, retried with whatever the version is then."""
    errors = []
    for backend in get_backends().values():
        if not isinstance(backend, HTTPBackend):
            continue  # a CDN API has no such request: see docs/operators/caching.md
        try:
            status = _put_banner_version(backend, language, value)
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{backend.cache_netloc}: {type(exc).__name__}: {exc}")
            continue
        if status != 200:
            errors.append(f"{backend.cache_netloc}: HTTP {status}")
    if errors and keep_failure:
        logger.error(
            "Front cache did not take the %s banner version (%s). Kept for a retry "
            "(manage.py core_retry_purges).",
            language,
            "; ".join(errors[:3]),
        )
        pending_purges.record(
            pending_purges.PendingPurge.Kind.FRONT,
            [pending_purges.marker(BANNER_MARKER, language)],
            "; ".join(errors[:3]),
        )
    return not errors


def _put_banner_version(backend, language, value):
    https = backend.cache_scheme == "https"
    connection_class = http.client.HTTPSConnection if https else http.client.HTTPConnection
    connection = connection_class(backend.cache_netloc, timeout=5)
    try:
        connection.request(
            "PUT",
            f"{BANNER_STATE_PATH}{language}?v={value}",
            headers={"Host": urlsplit(public_root()).netloc or "localhost"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


_banner_sender = None  # function(language) -> bool: sends the current version (news registers it)


def resend_banner_with(sender):
    global _banner_sender
    _banner_sender = sender


def _resend_banner(language):
    """The retry of a "recompute:banner:<language>" marker: no addresses to purge; the
    edition's current banner version is sent again, and a failure keeps the marker."""
    if _banner_sender is None or not _banner_sender(language, keep_failure=False):
        raise RuntimeError(f"the front cache did not take the {language} banner version")
    return []


pending_purges.recomputed_by(BANNER_MARKER, _resend_banner)
