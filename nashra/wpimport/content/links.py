"""Where a link in imported content points now: an imported page, imported media, or the web."""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
UPLOADS = "/wp-content/uploads/"
INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def split(url):
    """urlsplit that answers an empty address for a malformed one ("http://[::1")."""
    try:
        return urlsplit(url or "")
    except ValueError:
        return urlsplit("")


def _host(netloc):
    host = netloc.lower().rsplit("@", 1)[-1].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def absolute(url, site_url):
    """`url` made absolute against the old site; None for what no link may keep (javascript:,
    data:, a bare #anchor, anything that is not http(s), mailto or tel)."""
    url = INVISIBLE.sub("", url or "")
    if not url or url.startswith("#"):
        return None
    if url.startswith("//"):
        url = "https:" + url
    try:
        scheme = urlsplit(url).scheme.lower()
        if not scheme:
            if not site_url:
                return None
            url = urljoin(site_url.rstrip("/") + "/", url)
            scheme = urlsplit(url).scheme.lower()
        urlsplit(url).port  # noqa: B018 - raises on a malformed host or port
    except ValueError:  # "http://[::1", a port that is not a number
        return None
    return url if scheme in SAFE_SCHEMES else None


def is_upload(url):
    return UPLOADS in split(url).path


def is_internal(url, site_url):
    """On the old site: its host (with or without www.), or a `?p=N` / `?page_id=N` link."""
    parts = split(url)
    if parts.scheme not in ("http", "https"):
        return False
    if site_url and _host(parts.netloc) == _host(split(site_url).netloc):
        return True
    query = parse_qs(parts.query)
    return not site_url and ("p" in query or "page_id" in query)


class LinkResolver:
    """Resolves links through the conversion context and counts the internal ones it cannot."""

    def __init__(self, ctx, result):
        self.ctx, self.result = ctx, result

    def resolve(self, href):
        """("page", id), ("url", url) or None when the link must go."""
        url = absolute(href, self.ctx.site_url)
        if url is None:
            return None
        if split(url).scheme not in ("http", "https"):
            return ("url", url)
        if is_upload(url):
            return ("url", self.media(url))
        page_id = self.ctx.resolve_link(url)
        if page_id:
            return ("page", page_id)
        if is_internal(url, self.ctx.site_url):
            self.result.unresolved_links += 1
        return ("url", url)

    def media(self, url):
        """The imported copy's address for a file under wp-content/uploads (else the old one)."""
        return (self.ctx.rewrite_media_url(url) if is_upload(url) else None) or url
