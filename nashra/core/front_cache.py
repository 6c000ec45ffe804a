"""Purging the front cache (nginx, Varnish or a CDN) through Wagtail's frontend-cache backends.

The app's own page cache is purged by version bumps (`page_cache.purge`); a front cache only
understands URLs, so callers hand over the exact paths that changed. Purges are sent after
the transaction commits: a reader arriving in between would otherwise re-cache the old page.
"""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

logger = logging.getLogger("nashra.front_cache")


class KeepAliveHTTPBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend over one kept-alive connection per batch: an edition-wide
    purge is thousands of URLs, and a new TCP connection for each would take seconds."""

    def purge_batch(self, urls):
        connection_class = (http.client.HTTPSConnection if self.cache_scheme == "https"
                            else http.client.HTTPConnection)
        connection = connection_class(self.cache_netloc, timeout=5)
        try:
            for url in urls:
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
    paths = sorted({p for p in paths if p})
    if not paths or not enabled():
        return
    root = public_root()
    urls = [p if p.startswith("http") else root + p for p in paths]
    transaction.on_commit(lambda: purge_urls_from_cache(urls))
