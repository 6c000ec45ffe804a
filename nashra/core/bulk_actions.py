"""Wagtail's admin bulk actions (/admin/bulk/<app>/<model>/<action>/?id=...), refusing ids
that cannot be ids.

Wagtail looks the objects up with `pk__in=<every ?id=>`: "abc" raised ValueError, and a
20-digit id overflowed (OverflowError on SQLite, DataError on PostgreSQL), each a 500.
"""

import re

from django.http import Http404
from wagtail.admin import urls as wagtailadmin_urls

from .converters import IdConverter

_ID = re.compile(IdConverter.regex)


def _wagtail_view():
    # Wagtail's view as its admin URLconf serves it, with its decorators (admin access,
    # never_cache, the admin's 404 page).
    return next(
        p.callback
        for p in wagtailadmin_urls.urlpatterns
        if getattr(p, "name", None) == "wagtail_bulk_action"
    )


def bulk_action(request, *args, **kwargs):
    ids = request.GET.getlist("id")
    if not all(_ID.fullmatch(i) or i == "all" for i in ids):
        raise Http404
    return _wagtail_view()(request, *args, **kwargs)
