"""A full-page cache in front of Django, at the WSGI layer.

Anonymous GETs of public pages are answered from the cache with stored, pre-compressed bytes
(gzip, and brotli when installed) without entering Django. Entries are never expired by time:
they are made unreachable by bumping a version (see `purge`), so a publish is visible on the
very next request and there is no index of keys to keep consistent across workers.

A key combines three versions: the language edition's (bumped when navigation may change),
the page group's (all feeds, all tag pages, all sitemaps of a language) and the path's own.
What may be cached, and the groups, are declared by the apps (nashra.core.cache_contract).

Pages and values are stored under the namespace of the code that wrote them (code_version):
a deploy never reads entries another version pickled. The versions themselves are shared:
they are random names with no shape, and a purge by either version then reaches both.
"""

import gzip
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from functools import cache as memoize
from types import SimpleNamespace
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import get_path_info
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver

from . import cache_contract, local_versions, pending_purges, resilient_cache
from .code_version import code_version

try:
    import brotli
except ImportError:  # optional: gzip alone is fine
    brotli = None

CACHEABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/xml",
    "text/plain",
    # Polled JSON that is the same for every reader (live updates); per-reader JSON lives
    # under uncacheable sections (engagement) and prefixes (/api/).
    "application/json",
)
TIMEOUT = 60 * 60 * 24 * 7
# How many pages each worker keeps in memory (_RecentEntries), besides the bytes they may take
# (NASHRA_PAGE_CACHE_WORKER_BYTES): a crawl of one-off searches stores many small pages.
MAX_RECENT_ENTRIES = 4096

logger = logging.getLogger(__name__)


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def canonical_page_number(raw):
    """The listing page a ?page= value selects: canonical numbers only, anything else is 1,
    and the first ?page= when repeated, its name in lower case and its value as sent (not
    unquoted: see raw_argument and requested_page). The nginx front cache keys pages the same way
    (deploy/nginx/nashra.conf.template), so no query string can store one page's copy under
    another's key."""
    return int(raw) if raw and PAGE_NUMBER.fullmatch(raw) else 1


@memoize
def _config():
    """The settings a cache hit consults, read once: look-ups on Django's settings object
    would cost a hit several times its budget (docs/developers/decisions.md)."""
    alias = getattr(settings, "NASHRA_PAGE_CACHE_ALIAS", "default")
    contract = cache_contract.contract()
    return SimpleNamespace(
        group_of=contract.group_of,
        never=contract.never_prefixes,
        per_reader=contract.per_reader_parts,
        query_keys=contract.query_keys,
        flags=contract.flag_markers,
        namespace=code_version(),
        enabled=getattr(settings, "NASHRA_PAGE_CACHE", False),
        alias=alias,
        local=local_versions.for_cache(alias),
        languages=frozenset(code for code, _ in settings.LANGUAGES),
        ssl_redirect=getattr(settings, "SECURE_SSL_REDIRECT", False),
        proxy_ssl_header=getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
        session_cookie=settings.SESSION_COOKIE_NAME + "=",
    )


@receiver(setting_changed)
@cache_contract.on_change
def _forget_config(**kwargs):
    _config.cache_clear()


def _cache():
    return caches[_config().alias]


def _read_versions(names, also=()):
    """The current value of each version name, from this worker's memory where it holds them
    (see local_versions), else from the cache in one read, with the cache keys in `also`
    fetched in the same round trip. Returns (versions, also's)."""
    local = _config().local
    found, missing, token = local.known(names) if local else ({}, list(names), None)
    wanted = missing + [k for k in also if k not in missing]
    fetched = _cache().get_many(wanted) if wanted else {}
    read = {
        name: str(fetched[name]) if name in fetched else _start_version(name) for name in missing
    }
    if local and read:
        local.remember(read, token)
    found.update(read)
    return found, {k: fetched.get(k) for k in also}


def _start_version(name):
    """A version for a name the cache does not hold: never seen, expired, or evicted (Redis
    under memory pressure drops the least used keys, and versions held in workers' memory
    are seldom read there). A new value, never a fixed one, so that pages stored under an
    older value stay out of reach; the first worker's wins."""
    fresh = _new_value(name)
    if _cache().add(name, fresh, timeout=TIMEOUT):
        return fresh
    return str(_cache().get(name, fresh))


def _language(path):
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in _config().languages else "_"


def group_of(path):
    """The page group of an address, as the apps declared them (cache_contract)."""
    return _config().group_of(path)


def _path_version(path):
    """One name per address however it is spelt: page URLs come percent-encoded (Wagtail's
    `url`), request paths decoded."""
    return f"pcv:path:{path if '%' not in path else unquote(path)}"


def _version_keys(path):
    language = _language(path)
    keys = {"lang": f"pcv:lang:{language}", "path": _path_version(path)}
    if language != "_":
        keys["banner"] = banner_version_name(language)
    group = group_of(path)
    if group:
        keys["group"] = f"pcv:group:{group}"
    return keys


# A response paged by ?before= says so with this header; any other response to a request
# carrying a canonical ?before= is served but never stored (in this cache or nginx), so the
# argument cannot store a copy of every other page under 10^18 keys.
PAGED_BY_BEFORE = ("X-Nashra-Paged-By", "before")


def canonical_before(raw):
    """The `?before=<entry id>` a live page's older updates are paged by: digits with no
    leading zero, else none (the first page); as the nginx front cache keys it."""
    return raw if raw and BEFORE.fullmatch(raw) else ""


def raw_argument(query, name):
    """The first `name=` value of a query string as sent, not unquoted, and the name matched
    case-sensitively: "%31" is not "1" and "BEFORE=" is not "before=". nginx's $arg_name would
    match names in any case, so deploy/nginx/nashra.conf.template keys pages by regexes over
    $args that apply exactly this rule; the app's cache and the views read arguments here."""
    prefix = name + "="
    for part in query.split("&"):
        if part.startswith(prefix):
            return part[len(prefix) :]
    return ""


BEFORE = re.compile(r"[1-9][0-9]{0,17}")


def requested_page(request):
    """The listing page a request asks for, read exactly as both caches key it."""
    return canonical_page_number(raw_argument(request.META.get("QUERY_STRING", ""), "page"))


def cache_key(path, query):
    """The key of a page, or None for a page no cache may serve or store (a section keyed
    by query, cache_contract.keyed_by_query, that refuses this query)."""
    # Only ?page=N and ?before=<id> change a cacheable page; other parameters (utm_*, ...)
    # share its entry, so they can neither fill the cache nor escape a purge.
    page, before = 1, ""
    keyed = _query_key(path, query) if _config().query_keys else None
    if keyed is not None:
        if not keyed:
            return None
        page = keyed
    elif query:
        page = canonical_page_number(raw_argument(query, "page"))
        before = canonical_before(raw_argument(query, "before"))
    names = _version_keys(path)
    versions, _ = _read_versions(list(names.values()))
    stamp = "|".join(effective(versions[names[k]]) for k in sorted(names))
    after = f"b{before}" if before else ""
    return f"page:{_config().namespace}:{path}?{page}{after}|{stamp}"


def _query_key(path, query):
    """For an address of a section keyed by query: "" when no cache may keep its page, else
    "q" and the section's canonical key of the query. None for any other address."""
    parts = path.split("/", 3)
    if len(parts) < 3 or parts[2] not in _config().query_keys:
        return None
    if len(parts) != 4 or parts[3] or parts[1] not in _config().languages:
        return ""  # not the section's own page (/en/search/x, /xx/search/)
    key = _config().query_keys[parts[2]](query)
    return "" if key is None else "q" + key


def _version_names(paths, languages):
    return [_path_version(p) for p in paths] + [f"pcv:lang:{code}" for code in languages]


def versions(request, paths=(), languages=()):
    """The versions of these paths and language editions, read once per request (in one
    round trip), so that everything one render caches under them agrees."""
    memo = request.__dict__.setdefault("_nashra_versions", {}) if request is not None else {}
    names = _version_names(paths, languages)
    missing = [k for k in names if k not in memo]
    if missing:
        memo.update(_read_versions(missing)[0])
    return "|".join(memo[k] for k in names)


def versioned(request, key, build, paths=(), languages=(), keep=None):
    """`build()`, cached until a purge of any of these paths or language editions: what a
    page shows that changes only when its cached copies are purged. `key` names the rest
    of what the value depends on (a page's id and live revision, say). Previews build.

    The value is stored with the versions it was built under and used only while they are
    current, so a purge leaves nothing behind and one read fetches values and versions.
    `keep(value)`, if given, says whether a newly built value is worth storing."""
    if getattr(request, "is_preview", False):
        return build()
    stamp = versions(request, paths, languages)
    name = data_key(key)
    prefetched = request.__dict__.get("_nashra_prefetched", {}) if request is not None else {}
    hit = prefetched[name] if name in prefetched else _cache().get(name)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = build()
    if keep is None or keep(value):
        _cache().set(name, (stamp, value), timeout=TIMEOUT)
    return value


def data_key(key):
    """Where `versioned` keeps the value it caches under `key`, in this code's namespace."""
    return f"data:{_config().namespace}:{key}"


def prefetch(request, *wanted):
    """Read several values that `versioned` calls will ask for, with the versions they need
    that were not read yet, in one round trip. Each of `wanted` holds the keyword arguments
    of its call: `key`, and `paths` and `languages` if any."""
    if request is None or getattr(request, "is_preview", False):
        return
    memo = request.__dict__.setdefault("_nashra_versions", {})
    names = [data_key(w["key"]) for w in wanted]
    missing = [
        k
        for w in wanted
        for k in _version_names(w.get("paths", ()), w.get("languages", ()))
        if k not in memo
    ]
    found, values = _read_versions(list(dict.fromkeys(missing)), also=names)
    memo.update(found)
    request.__dict__.setdefault("_nashra_prefetched", {}).update(values)


def purge(paths=(), groups=(), languages=()):
    """Make cached copies unreachable: exact paths, page groups, or whole language editions.

    At once, and again when the transaction commits: a render that read the new versions
    before the change was visible to it may have cached what it saw then."""
    names = version_names(paths, groups, languages)
    if names:
        _bump(names)
        transaction.on_commit(lambda: bump_committed(names))


def version_names(paths=(), groups=(), languages=()):
    """The version names `purge` bumps for these paths, page groups and language editions."""
    names = (
        [_path_version(path) for path in paths]
        + [f"pcv:group:{group}" for group in groups]
        + [f"pcv:lang:{language}" for language in languages]
    )
    return list(dict.fromkeys(names))


def bump_now(names):
    """Bump these versions at once, and only now: for a caller that bumps them again once
    its transaction commits (with `bump_committed`), as `purge` does."""
    if names:
        _bump(names)


def bump_committed(names):
    """Bump these versions after a commit; the cache took them: bump what it missed too."""
    return _bump(names) and retry_missed_purges()


def _bump(names, keep_failures=True):
    """Give these versions new values; True if the cache took them. Versions the cache
    could not take (Redis unreachable) are kept in the database and bumped when it is back:
    Redis may come back holding the pages they should have made unreachable."""
    failed = _cache().set_many({name: _new_value(name) for name in names}, timeout=None)
    if failed:
        if keep_failures:
            pending_purges.record(
                pending_purges.PendingPurge.Kind.PAGE,
                failed,
                "the cache did not take the new versions",
            )
        return False
    local = _config().local
    if local:
        local.announce(names)
    return True


def retry_missed_purges():
    """Bump the versions that purges could not bump while the cache was unreachable.
    Returns how many are still pending."""
    rows = pending_purges.pending(pending_purges.PendingPurge.Kind.PAGE)
    if rows:
        names = [row.target for row in rows]
        pending_purges.settle(rows, failed=() if _bump(names, keep_failures=False) else names)
    return pending_purges.count(pending_purges.PendingPurge.Kind.PAGE) if rows else 0


# The breaking banner (nashra.news.breaking): each edition's pages are keyed by its banner
# version too, so a banner change reaches every cached page of the edition at once. The value
# may carry the banner's expiry, "<token>@<unix time>": past it, `effective` gives another
# value, and every key that includes it changes by itself, with no purge and no job.
BANNER_VERSION = "pcv:banner:"
clock = time.time  # what expiries are compared with (tests move it)
_value_makers = {}  # prefix of version names -> function(name) giving a new value


def banner_version_name(language):
    return f"{BANNER_VERSION}{language}"


def values_made_by(prefix, make):
    """New values of the version names starting with `prefix` come from `make(name)` (which
    may read the database): a bump, or a start after Redis lost the name, then keeps what
    the value must carry (an expiry)."""
    _value_makers[prefix] = make


def _new_value(name):
    for prefix, make in _value_makers.items():
        if name.startswith(prefix):
            try:
                return make(name)
            except Exception:
                logger.exception("Could not make a value for %s; a plain one instead", name)
    return uuid.uuid4().hex


def effective(value):
    """A version's value as cache keys use it: another value once the expiry it carries
    ("<token>@<unix time>") has passed."""
    token, at, until = value.partition("@")
    if at and until.isdigit() and clock() >= int(until):
        return value + "~"
    return value


def current_versions(names, request=None):
    """The values of these version names (read once per request when given one)."""
    memo = request.__dict__.setdefault("_nashra_versions", {}) if request is not None else {}
    missing = [name for name in names if name not in memo]
    if missing:
        memo.update(_read_versions(missing)[0])
    return {name: memo[name] for name in names}


def _secure(environ):
    header = _config().proxy_ssl_header
    if header and environ.get(header[0]) == header[1]:
        return True
    return environ.get("wsgi.url_scheme") == "https"


def _cacheable_request(environ):
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    config = _config()
    if config.ssl_redirect and not _secure(environ):
        return False  # Django's SecurityMiddleware answers with the redirect to https
    path = environ.get("PATH_INFO", "")
    if path.startswith(config.never) or any(part in path for part in config.per_reader):
        return False
    query = environ.get("QUERY_STRING", "")
    if query and any(flag in query for flag in config.flags):
        return False  # a one-off page for this reader (a thank-you)
    cookies = environ.get("HTTP_COOKIE", "")
    # Logged-in editors see their own bar and previews: never serve or store for them.
    return config.session_cookie not in cookies


def _path(environ):
    """The request path as Django and every purge name it: WSGI hands over the URL's bytes
    as latin-1 (Arabic slugs arrive as mojibake), and Django rewrites PATH_INFO in place
    while it handles the request."""
    raw = environ.get("PATH_INFO", "")
    return raw if raw.isascii() else get_path_info(environ)


def _encoding(environ):
    accepted = environ.get("HTTP_ACCEPT_ENCODING", "")
    if brotli is not None and "br" in accepted:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return None


class _RecentEntries:
    """The most recently served entries, kept in this worker, bounded in bytes and in number.
    An entry never changes under its key, and the key carries the page's current versions,
    read for every request (from this worker's memory while local_versions listens, else from
    the shared cache): a purge anywhere changes the key, so what is kept here is never served
    after it. A hit then skips fetching and unpickling the page from the shared cache, one
    Redis GET of the body: in a spike most readers ask for the same few pages."""

    def __init__(self, max_bytes, max_entries=MAX_RECENT_ENTRIES):
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self.used, self.entries = 0, OrderedDict()
        self.lock = threading.Lock()  # threaded workers share it

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            self.entries.move_to_end(key)
            return found[0]

    def put(self, key, entry):
        size = sum(len(entry[k] or b"") for k in ("identity", "gzip", "br"))
        with self.lock:
            if size > self.max_bytes or key in self.entries or not self.max_entries:
                return
            self.entries[key] = (entry, size)
            self.used += size
            while self.used > self.max_bytes or len(self.entries) > self.max_entries:
                _key, (_old, old_size) = self.entries.popitem(last=False)
                self.used -= old_size


class PageCacheMiddleware:
    def __init__(self, app):
        self.app = app
        self.recent = _RecentEntries(getattr(settings, "NASHRA_PAGE_CACHE_WORKER_BYTES", 8 << 20))
        self.recoveries_seen = 0
        # Read at start-up, not by the first reader: every app's declarations, and the code
        # version, which reads the installed code's files.
        cache_contract.contract()
        code_version()

    def __call__(self, environ, start_response):
        if not _config().enabled or not _cacheable_request(environ):
            return self.app(environ, start_response)
        cache = _cache()
        if not resilient_cache.available(cache):
            return self._bypass(environ, start_response)
        self._catch_up(cache)
        path, query = _path(environ), environ.get("QUERY_STRING", "")
        key = cache_key(path, query)
        if key is None:
            return self.app(environ, start_response)
        entry = self.recent.get(key)
        if entry is None:
            entry = _cache().get(key)
            if entry is not None:
                self.recent.put(key, entry)
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
        if not resilient_cache.available(cache):
            start_response(status, headers + [("X-Cache", "BYPASS")])  # rendered without it
            return [body]
        storable = self._storable(status, headers)
        if storable and query and canonical_before(raw_argument(query, "before")):
            storable = PAGED_BY_BEFORE in headers
        if storable and cache_key(path, query) != key:
            # Purged while it rendered: it may show what the purge replaced. This reader gets
            # it, but no cache may keep it: a front cache told to PURGE the page before this
            # response reached it would otherwise store it after the purge, and keep it.
            headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
            start_response(status, headers + [("Cache-Control", "no-store"), ("X-Cache", "STALE")])
            return [body]
        if storable:
            entry = {
                "status": status,
                "headers": [
                    (k, v)
                    for k, v in headers
                    if k.lower() not in ("content-length", "set-cookie", "vary")
                ],
                "identity": body,
                "gzip": gzip.compress(body, compresslevel=6),
                "br": brotli.compress(body, quality=5) if brotli is not None else None,
            }
            _cache().set(key, entry, timeout=TIMEOUT)
            self.recent.put(key, entry)
            return self._serve(entry, environ, start_response, "MISS")
        start_response(status, headers)
        return [body]

    def _bypass(self, environ, start_response):
        """The cache is unreachable: Django answers, marked so (X-Cache: BYPASS)."""

        def marked(status, headers, exc_info=None):
            return start_response(status, headers + [("X-Cache", "BYPASS")], exc_info)

        return self.app(environ, marked)

    def _catch_up(self, cache):
        """Once after each outage of the cache, in each worker: the purges it missed."""
        breaker = getattr(cache, "breaker", None)
        if breaker is None or breaker.recoveries == self.recoveries_seen:
            return
        self.recoveries_seen = breaker.recoveries
        try:
            retry_missed_purges()
        except Exception:
            logger.exception("Could not bump the page-cache versions missed during an outage")

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
        headers += [
            ("Vary", "Accept-Encoding"),
            ("Content-Length", str(len(body))),
            ("X-Cache", state),
        ]
        start_response(entry["status"], headers)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
