"""A full-page cache in front of Django, at the WSGI layer.

Anonymous GETs of public pages are answered from the cache with stored, pre-compressed bytes
(gzip, and brotli when installed) without entering Django. Entries are never expired by time:
they are made unreachable by bumping a version (see `purge`), so a publish is visible on the
very next request and there is no index of keys to keep consistent across workers.

A key combines three versions: the language edition's (bumped when navigation may change),
the page group's (all feeds, all tag pages, all sitemaps of a language) and the path's own.
"""

import gzip
import uuid

from django.conf import settings
from django.core.cache import caches

try:
    import brotli
except ImportError:  # optional: gzip alone is fine
    brotli = None

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml",
                   "application/feed+json", "application/xml", "text/plain")
NEVER = ("/admin", "/api/", "/healthz", "/static/", "/media/", "/documents/")
PER_READER = ("/engagement/", "/search/")
TIMEOUT = 60 * 60 * 24 * 7


def _cache():
    return caches[getattr(settings, "NASHRA_PAGE_CACHE_ALIAS", "default")]


def _language(path):
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in {code for code, _ in settings.LANGUAGES} else "_"


def group_of(path):
    parts = [p for p in path.split("/") if p]
    if path.startswith("/sitemap") or path == "/robots.txt":
        return "sitemaps"
    if len(parts) >= 2 and parts[1] in ("feeds", "tags"):
        return f"{parts[0]}:{parts[1]}"
    return None


def _version_keys(path):
    keys = {"lang": f"pcv:lang:{_language(path)}", "path": f"pcv:path:{path}"}
    group = group_of(path)
    if group:
        keys["group"] = f"pcv:group:{group}"
    return keys


def cache_key(path, query):
    names = _version_keys(path)
    versions = _cache().get_many(list(names.values()))
    stamp = "|".join(str(versions.get(names[k], "0")) for k in sorted(names))
    return f"page:{path}?{query}|{stamp}"


def edition_cached(language, name, build):
    """Per-language data that changes only when a page of that edition is published (the
    masthead, the organization's policy links): cached under the edition's version, so the
    same purges that refresh cached pages refresh it."""
    version = _cache().get(f"pcv:lang:{language}", "0")
    key = f"edition:{language}:{name}:{version}"
    value = _cache().get(key)
    if value is None:
        value = build()
        _cache().set(key, value, timeout=TIMEOUT)
    return value


def purge(paths=(), groups=(), languages=()):
    """Make cached copies unreachable: exact paths, page groups, or whole language editions."""
    values = {}
    for path in paths:
        values[f"pcv:path:{path}"] = uuid.uuid4().hex
    for group in groups:
        values[f"pcv:group:{group}"] = uuid.uuid4().hex
    for language in languages:
        values[f"pcv:lang:{language}"] = uuid.uuid4().hex
    if values:
        _cache().set_many(values, timeout=None)


def _cacheable_request(environ):
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    path = environ.get("PATH_INFO", "")
    if path.startswith(NEVER) or any(part in path for part in PER_READER):
        return False
    query = environ.get("QUERY_STRING", "")
    if any(flag in query for flag in ("reacted=", "commented=", "flagged=")):
        return False  # a one-off thank-you for this reader
    cookies = environ.get("HTTP_COOKIE", "")
    # Logged-in editors see their own bar and previews: never serve or store for them.
    return settings.SESSION_COOKIE_NAME + "=" not in cookies


def _encoding(environ):
    accepted = environ.get("HTTP_ACCEPT_ENCODING", "")
    if brotli is not None and "br" in accepted:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return None


class PageCacheMiddleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if not getattr(settings, "NASHRA_PAGE_CACHE", False) or not _cacheable_request(environ):
            return self.app(environ, start_response)
        key = cache_key(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
        entry = _cache().get(key)
        if entry is not None:
            return self._serve(entry, environ, start_response, "HIT")
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else (lambda data: None)

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured["status"], captured["headers"]
        if self._storable(status, headers):
            entry = {
                "status": status,
                "headers": [(k, v) for k, v in headers
                            if k.lower() not in ("content-length", "set-cookie", "vary")],
                "identity": body,
                "gzip": gzip.compress(body, compresslevel=6),
                "br": brotli.compress(body, quality=5) if brotli is not None else None,
            }
            _cache().set(key, entry, timeout=TIMEOUT)
            return self._serve(entry, environ, start_response, "MISS")
        start_response(status, headers)
        return [body]

    @staticmethod
    def _storable(status, headers):
        if not status.startswith("200"):
            return False
        names = {k.lower(): v for k, v in headers}
        if "set-cookie" in names:
            return False
        control = names.get("cache-control", "")
        if any(word in control for word in ("private", "no-cache", "no-store")):
            return False
        return names.get("content-type", "").startswith(CACHEABLE_TYPES)

    @staticmethod
    def _serve(entry, environ, start_response, state):
        encoding = _encoding(environ)
        body = entry.get(encoding) if encoding else None
        headers = list(entry["headers"])
        if body is None:
            body, encoding = entry["identity"], None
        if encoding:
            headers.append(("Content-Encoding", encoding))
        headers += [("Vary", "Accept-Encoding"), ("Content-Length", str(len(body))),
                    ("X-Cache", state)]
        start_response(entry["status"], headers)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
