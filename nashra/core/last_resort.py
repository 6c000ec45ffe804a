"""The outermost WSGI layer: whatever fails outside Django's own error handling (the page
cache, or Django's 500 view itself) is answered with the 500 page, never an empty body.

The page is rendered once per language when the app starts, while nothing is failing; if even
that fails, a plain bilingual page written here is used.
"""

import logging
import sys

from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("nashra.errors")

PLAIN = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>حدث خطأ ما · Something went wrong · نشرة Nashra</title></head>
<body>
<main>
<h1>حدث خطأ ما</h1>
<p>واجه موقع غرفة أخبارنا خطأً. يُرجى المحاولة مجددًا بعد دقائق.</p>
<div lang="en" dir="ltr">
<h1>Something went wrong</h1>
<p>Our newsroom’s website hit an error. Please try again in a few minutes.</p>
</div>
</main>
</body>
</html>
""".encode()


def _rendered(language):
    try:
        with translation.override(language):
            return render_to_string("500.html", {}, request=None).encode()
    except Exception:
        logger.exception("Could not render the %s 500 page; the plain one will be used", language)
        return PLAIN


class LastResort:
    def __init__(self, app, languages=("en", "ar")):
        self.app = app
        self.pages = {language: _rendered(language) for language in languages}

    def __call__(self, environ, start_response):
        started = []

        def tracked(status, headers, exc_info=None):
            started.append(status)
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, tracked)
        except Exception:
            logger.exception(
                "Unhandled error outside Django for %s %s",
                environ.get("REQUEST_METHOD"),
                environ.get("PATH_INFO"),
            )
            body = self.pages.get(self._language(environ), PLAIN)
            headers = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ]
            # Headers set before the failure are replaced (none of the body was sent).
            start_response(
                "500 Internal Server Error", headers, sys.exc_info() if started else None
            )
            return [body]

    def _language(self, environ):
        first = environ.get("PATH_INFO", "").lstrip("/").split("/", 1)[0]
        if first in self.pages:
            return first
        return "ar" if environ.get("HTTP_ACCEPT_LANGUAGE", "").startswith("ar") else "en"
