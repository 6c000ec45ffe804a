"""The site's addresses, plus the reader's 404 page answered with status 200 at
/<language>/quality-not-found/, for Lighthouse only: it scores no page that answers 404 (a
runtime error, ERRORED_DOCUMENT_REQUEST), so this is how the 404's markup gets its scores.
The Nu checker and the screenshots take the real 404 (tests/quality/pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from nashra.core.views import page_not_found
from nashra.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


def not_found_as_200(request):
    return HttpResponse(page_not_found(request).content)


urlpatterns = [
    *i18n_patterns(path("quality-not-found/", not_found_as_200), prefix_default_language=True),
    *urlpatterns,
]
