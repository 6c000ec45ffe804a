import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from nashra.core import pending_purges
from nashra.core.i18n import base_language
from nashra.core.middleware import API_PREFIX
from nashra.core.models import OutboxMail, PendingPurge

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
            return JsonResponse(
                {"ok": False, "message": _("We couldn’t find that page")},
                status=404,
                json_dumps_params={"ensure_ascii": False},
            )
        html = _not_found_page(request)
    return HttpResponse(html, status=404)


def _not_found_page(request):
    """The 404 with the edition's masthead, a search box and its latest stories; when that
    cannot be rendered (the database down), the self-contained one with the search box."""
    description = _(
        "This address is not on %(site)s. Search the site or start from the front page."
    ) % {"site": _("Nashra")}
    context = {"request_path": request.path, "page_description": description}
    try:
        return render_to_string("404.html", context, request=request)
    except Exception:
        logger.exception("The 404 page could not be rendered in full: the plain one is served")
        return render_to_string("404_plain.html", context, request=None)


def _bad_request_message(exception):
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        return _(
            "What you sent is larger than we can read (%(size)s KB at most), so nothing was "
            "saved. A comment can be up to %(length)s characters."
        ) % {"size": limit // 1024, "length": settings.NASHRA_COMMENT_MAX_LENGTH}
    if isinstance(exception, (TooManyFieldsSent, TooManyFilesSent)):
        return _("What you sent has more fields than any of our forms, so nothing was saved.")
    return _(
        "We could not understand what your browser sent, so nothing was saved. "
        "Please go back and try again."
    )


def bad_request(request, exception=None):
    """Requests Django refuses before a view runs (a body over DATA_UPLOAD_MAX_MEMORY_SIZE,
    too many fields, a malformed header): said in the language of the URL, as JSON to our
    script."""
    with translation.override(_language_from_path(request)):
        message = _bad_request_message(exception)
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(
                {"ok": False, "message": message},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        html = render_to_string("400.html", {"message": message}, request=None)
    return HttpResponseBadRequest(html)


def server_error(request):
    # Rendered without touching the database, which may be why we are here.
    with translation.override(_language_from_path(request)):
        html = render_to_string("500.html", {}, request=None)
    return HttpResponseServerError(html)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


class Unavailable(Exception):
    """A part that does not answer, already reported in the log where it failed."""


def _check_cache():
    # A key of its own per request, so concurrent probes from several workers cannot mix.
    # The Redis cache fails open (nashra.core.resilient_cache): a miss here is the sign,
    # and the cache logs its own failures, at most once a minute.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=30)
    try:
        if cache.get(key) != 1:
            raise Unavailable("the cache did not return the value just written to it")
    finally:
        cache.delete(key)


def _backlog():
    return {
        "front_cache_purges_pending": pending_purges.count(PendingPurge.Kind.FRONT),
        "page_cache_purges_pending": pending_purges.count(PendingPurge.Kind.PAGE),
        "mail_outbox": OutboxMail.objects.count(),
    }


HEALTH_CHECKS = {"database": _check_database, "cache": _check_cache}


@never_cache
def health(request):
    """What is down, as JSON: 503 when the database does not answer (nothing works without
    it), else 200 with `"status": "degraded"` while the site serves without a part: the
    cache (pages are rendered uncached), or with purges or mail waiting for a retry. A load
    balancer should take a server out only on 503: every server shares one Redis, so
    taking them out for it would take the whole site down (docs/operators/degraded-mode.md).

    Errors are logged, not shown: the endpoint is public.
    """
    report = {}
    for part, check in HEALTH_CHECKS.items():
        try:
            check()
        except Unavailable:
            report[part] = "unavailable"
        except Exception:
            logger.exception("Health check: the %s is unavailable", part)
            report[part] = "unavailable"
        else:
            report[part] = "ok"
    if report["database"] == "ok":
        try:
            report.update(_backlog())
        except Exception:
            logger.exception("Health check: could not count the purges and mail waiting")
    if report["database"] != "ok":
        status = "unavailable"
    elif any(state != "ok" for state in report.values() if isinstance(state, str)) or any(
        count for count in report.values() if isinstance(count, int)
    ):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, **report}, status=503 if status == "unavailable" else 200
    )
