"""The safety net: with the worker down, what is due is published when someone asks for it.

- any admin page publishes what is overdue before it is drawn (so the dashboard is true);
- a reader's 404 does, then answers again (the page may now exist);
- a page past its expiry is taken down when requested (wagtail_hooks: before_serve_page).

A 404 costs one cache read (hint.py) unless something is overdue: an address nobody scheduled
never queries for it. One catch-up at a time per site (a cache lock): a burst of readers does
not publish in parallel; those not holding it get the answer they would have had.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import hint, jobs

LOCK_KEY = "newsroom:catching-up"


def catch_up(now=None, known_due=False):
    """Run the urgent jobs if something is overdue; returns their outcomes (empty if none)."""
    if not getattr(settings, "NASHRA_SAFETY_NET", True):
        return []
    now = now or timezone.now()
    if not known_due:
        soonest = hint.soonest_due()
        if soonest is None or soonest > now:
            return []
    if not cache.add(LOCK_KEY, 1, 60):
        return []
    try:
        outcomes = [job.run(now) for job in jobs.urgent_jobs()]
    finally:
        cache.delete(LOCK_KEY)
    hint.refresh()
    return [outcome for outcome in outcomes if outcome]


class SafetyNetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_prefix = None

    def _is_admin(self, path):
        if self._admin_prefix is None:
            self._admin_prefix = reverse("wagtailadmin_home")
        return path.startswith(self._admin_prefix)

    def __call__(self, request):
        if self._is_admin(request.path):
            request.newsroom_caught_up = catch_up()
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD") and catch_up():
            # Published just now: answer again, without the route Wagtail kept on the request.
            for found in ("_wagtail_route_for_request", "_wagtail_cached_site_root_paths"):
                request.__dict__.pop(found, None)
            response = self.get_response(request)
        return response
