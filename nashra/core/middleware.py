from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from nashra.core import caching, page_cache
from nashra.core.i18n import base_language

API_PREFIX = "/api/"


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a 404 answered by a view stays that 404.

    Django redirects a 404 at an address without a language prefix to /<language>/<address>
    whenever that would match a URL, and Wagtail's page URLs match any address: the API's
    JSON 404 for /api/v2/pages/9999/ became a redirect to an HTML page. Addresses that match
    no URL at all are still redirected (/about/ to /en/about/), except under /api/, which
    answers in JSON (nashra.core.views.page_not_found).
    """

    def process_response(self, request, response):
        answer = super().process_response(request, response)
        if (
            answer is not response
            and response.status_code == 404
            and (request.resolver_match is not None or request.path_info.startswith(API_PREFIX))
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return answer


class PageRouteCacheMiddleware:
    """Remembers which site a request is for and which page its URL serves, page included.

    Wagtail finds both on every request: the site for the host (one query, and every
    `page.get_url(request)` needs it), then the locale, the home page and the page (three
    more), and it reads the sites' root paths from the cache. Which page a URL serves, and
    what the page holds, change only when something is published, unpublished or moved
    there, and that purges the URL's cached copies (see `page_cache.purge`); a change to the
    sites purges everything. Until then all three come from the cache, in one round trip.
    View restrictions are still checked on every request, and pages with their own
    sub-routes (RoutablePageMixin: the front page and its tag pages) are routed by Wagtail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        route_cache = caching.ROUTE(
            host=request.get_host(),
            path=request.path,
            language=base_language(translation.get_language()),
        )
        # What page.get_url() needs: Wagtail's list of the sites' root paths, which changes
        # with the sites or a home page (that purges its edition).
        roots_cache = caching.SITE_ROOT_PATHS()
        # One round trip, with every edition's version: the page's links need them too.
        page_cache.prefetch(request, route_cache, roots_cache)
        # Not kept for an address that serves no page: any URL could fill the cache.
        found = page_cache.versioned(
            request, build=lambda: _route(request, path), keep=bool, **route_cache
        )
        if found is None:
            return None  # Wagtail answers 404 (it found no page while building)
        # Where Wagtail looks first: Site.find_for_request(), Page.route_for_request() and
        # Page.get_url(request).
        site, route = found
        request._wagtail_site = site
        if route is not None:
            request._wagtail_route_for_request = route
        request._wagtail_cached_site_root_paths = page_cache.versioned(
            request, build=Site.get_site_root_paths, **roots_cache
        )
        return None


def _route(request, path):
    route = Page.route_for_request(request, path)
    if route is None:
        return None
    if isinstance(route[0], RoutablePageMixin) or route[1] or route[2]:
        route = None  # sub-routes are resolved on the request: leave them to Wagtail
    return Site.find_for_request(request), route
