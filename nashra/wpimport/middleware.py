"""WordPress's own addresses by query (/?p=123, /?page_id=45, /?cat=3, ...), answered with the
301 the import recorded as a Wagtail Redirect with a page target.

Wagtail's RedirectMiddleware only looks at 404s, and "/" is not one here (it redirects to an
edition), nor is any page WordPress also answered with ?p= (WordPress reads the query at any
address). So this runs first, before the locale redirect; a request without one of these
keys in its query costs one regular expression. The site's own addresses that never serve a
page (the admin, which pages its listings with ?p=2, the API, files) are left alone."""

import re

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from nashra.core import cache_contract

LEGACY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag", "author")
_LEGACY = re.compile(r"(?:^|[&;])(?:" + "|".join(LEGACY_KEYS) + ")=")


def legacy_query(query):
    """The query with only WordPress's keys (utm_source and the like dropped), or ""."""
    if not _LEGACY.search(query):
        return ""
    kept = [part for part in query.split("&") if part.partition("=")[0] in LEGACY_KEYS]
    return "&".join(part for part in kept if part.partition("=")[2])


def legacy_redirect(request):
    query = legacy_query(request.META.get("QUERY_STRING", ""))
    if not query or request.path_info.startswith(cache_contract.contract().never_prefixes):
        return None
    paths = dict.fromkeys(
        Redirect.normalise_path(f"{path}?{query}", decode_unicode=False)
        for path in (request.path, "/")  # WordPress answered the query at any address
    )
    for path in paths:
        redirect = get_redirect(request, path)
        if redirect is not None and redirect.link:
            return redirect
    return None


class LegacyQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.META.get("QUERY_STRING"):
            redirect = legacy_redirect(request)
            if redirect is not None:
                if redirect.is_permanent:
                    return HttpResponsePermanentRedirect(redirect.link)
                return HttpResponseRedirect(redirect.link)
        return self.get_response(request)
