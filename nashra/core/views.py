import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from nashra.core.i18n import base_language
from nashra.core.middleware import API_PREFIX

logger = logging.getLogger(__name__)


def _language_from_path(request):
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    return prefix if prefix in ("en", "ar") else base_language(translation.get_language())


def page_not_found(request, exception=None):
    if request.path_info.startswith(API_PREFIX):
        # As Wagtail's API answers its own 404s: machines read the status, people the message.
        return JsonResponse({"message": "not found"}, status=404)
    with translation.override(_language_from_path(request)):
        if "application/json" in request.headers.get("Accept", ""):  # the site's own scripts
            return JsonResponse({"ok": False, "message": gettext("We couldn’t find that page")},
                                status=404, json_dumps_params={"ensure_ascii": False})
        html = render_to_string("404.html", {"request_path": request.path}, request=request)
    return HttpResponse(html, status=404)


def server_error(request):
    # Rendered without touching the database, which may be why we are here.
    with translation.override(_language_from_path(request)):
        html = render_to_string("500.html", {}, request=None)
    return HttpResponseServerError(html)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    # A key of its own per request, so concurrent probes from several workers cannot mix.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=30)
    try:
        if cache.get(key) != 1:
            raise RuntimeError("the cache did not return the value just written to it")
    finally:
        cache.delete(key)


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache}


@never_cache
def health(request):
    """200 when the database and the shared cache both answer; 503 naming what does not.

    Errors are logged, not shown: the endpoint is public.
    """
    report = {}
    for part, check in HEALTH_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check: the %s is unavailable", part)
            report[part] = "unavailable"
        else:
            report[part] = "ok"
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **report}, status=200 if healthy else 503
    )
