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

logger = logging.getLogger("nashra.front_cache")


class KeepAliveHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend over kept-alive connections: an article's purge is
    hundreds of URLs (every page of its listings) and an edition's thousands; a new TCP
    connection for each would take seconds. The pages readers look at (no query string: the
    article, first pages of listings, feeds) are purged first, in order, over one connection;
    then the further pages of listings over a few connections at once."""

    connections = 4

    def purge_batch(self, urls):
        first = iter([url for url in urls if "?" not in url])
        rest = [url for url in urls if "?" in url]
        self._purge_over_one_connection(lambda: next(first, None))
        if not rest:
            return
        pending, lock = iter(rest), threading.Lock()

        def take():
            with lock:
                return next(pending, None)

        workers = min(self.connections, len(rest))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for _ in range(workers):
                pool.submit(self._purge_over_one_connection, take)

    def _purge_over_one_connection(self, take):
        """Purge URLs from `take()` until it gives None."""
        connection_class = (http.client.HTTPSConnection if self.cache_scheme == "https"
                            else http.client.HTTPConnection)
        connection = connection_class(self.cache_netloc, timeout=5)
        try:
            while (url := take()) is not None:
                parts = urlsplit(url)
                # Arabic slugs and tags: the request line must be percent-encoded ASCII.
                target = iri_to_uri(parts.path + (f"?{parts.query}" if parts.query else ""))
                connection.request("PURGE", target, headers={"Host": parts.netloc})
                response = connection.getresponse()
                response.read()
                # 404: that page was not cached, which is fine.
                if response.status not in (200, 404):
                    logger.error("Front cache refused to purge %s: HTTP %s", url, response.status)
        except Exception as exc:  # noqa: BLE001 - a purge failure must never fail a publish
            logger.error("Front cache at %s failed while purging: %s", self.cache_netloc, exc)
        finally:
            connection.close()

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
    root = public_root()
    urls = [p if p.startswith("http") else root + p for p in paths]
    transaction.on_commit(lambda: purge_urls_from_cache(urls))
