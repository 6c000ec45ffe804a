from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache

from nashra.core.i18n import base_language


def _language_from_path(request):
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    return prefix if prefix in ("en", "ar") else base_language(translation.get_language())


def page_not_found(request, exception=None):
    with translation.override(_language_from_path(request)):
        html = render_to_string("404.html", {"request_path": request.path}, request=request)
    return HttpResponse(html, status=404)


def server_error(request):
    # Rendered without touching the database, which may be why we are here.
    with translation.override(_language_from_path(request)):
        html = render_to_string("500.html", {}, request=None)
    return HttpResponseServerError(html)


@never_cache
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
