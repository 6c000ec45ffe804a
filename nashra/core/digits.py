"""Which digits an edition shows readers: Western (0123) or Arabic-Indic (٠١٢٣), an editor's
setting on each edition's home page (docs/operators/typography.md).

The setting reaches the `|digits` filter through a context variable that
`DigitsMiddleware` sets, per request, to a lookup that runs only when a template first asks
(and then once): `NASHRA_DIGITS_RESOLVER`, the news app's `edition_digits`, which reads the
edition the masthead has already loaded. Templates rendered outside a request show Western
digits. Machine-readable values (datetime attributes, JSON-LD, feeds) never pass through it.
"""

import re
from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from markupsafe import Markup

WESTERN, ARABIC_INDIC = "latn", "arab"  # the CLDR numbering system names

# With Arabic-Indic digits the percent sign is the Arabic one too (٪, U+066A).
_TABLES = {ARABIC_INDIC: str.maketrans("0123456789%", "٠١٢٣٤٥٦٧٨٩٪")}
# In HTML, only the text between tags and character references: never an attribute (a link's
# ?page=2) or a reference (&#39;).
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")

_current = ContextVar("nashra_digits", default=None)


def convert(text, system):
    """`text` with its ASCII digits written in `system`'s digits."""
    table = _TABLES.get(system)
    return str(text).translate(table) if table else str(text)


def digits(value):
    """The `|digits` filter: `value` (a number, text or HTML) in the current edition's
    digits."""
    system = current()
    if system not in _TABLES:
        return value
    if isinstance(value, Markup):
        parts = _MARKUP.split(value)
        return Markup(  # noqa: S704 - markup already escaped; only digits in its text change
            "".join(part if i % 2 else convert(part, system) for i, part in enumerate(parts))
        )
    return convert(value, system)


def current():
    """The digits of the request being rendered (WESTERN outside one)."""
    state = _current.get()
    if state is None:
        return WESTERN
    if callable(state):
        state = state() or WESTERN
        _current.set(state)
    return state


def use(system_or_lookup):
    """Set the current digits (a system name, or a callable giving it on first use); returns
    the token for `reset`."""
    return _current.set(system_or_lookup)


def reset(token):
    _current.reset(token)


@cache
def _resolver():
    dotted = getattr(settings, "NASHRA_DIGITS_RESOLVER", "")
    return import_string(dotted) if dotted else None


class DigitsMiddleware:
    """Makes the request's edition setting the current digits while its response renders
    (Wagtail and Jinja2 render inside the middleware chain)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        resolver = _resolver()
        token = use((lambda: resolver(request)) if resolver else WESTERN)
        try:
            return self.get_response(request)
        finally:
            reset(token)
