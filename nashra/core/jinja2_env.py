"""The Jinja2 environment for the public site.

Globals here are the only helpers templates need; each is cheap and does no hidden queries.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from jinja2 import Environment
from markupsafe import Markup

from nashra.core import cache_contract, page_cache
from nashra.core.i18n import language_direction, language_name


def localized_date(value, fmt="j F Y"):
    """Format an aware datetime in the site time zone with month names in the active language."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, fmt, use_l10n=True)


def iso_datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def hostname(url):
    return urlsplit(url).hostname or ""


def cached(request, key, paths=(), languages=(), live=False, caller=None):
    """`{% call cached(request, key, paths, languages) %}...{% endcall %}`: the block's HTML,
    kept by page_cache.versioned until a purge of those paths or editions. For parts of a
    page that are the same for every reader; `live` renders the block afresh (a thank-you
    for one reader)."""
    if live:
        return caller()
    return Markup(  # noqa: S704 - the block's own rendering, autoescaped by Jinja2
        page_cache.versioned(request, key, lambda: str(caller()), paths=paths, languages=languages)
    )


def cache_piece(name, **values):
    """`cached(request, **cache_piece("front-html", page_id=..., path=..., language=...))`:
    the key and dependencies of a cached piece an app declared (nashra.core.cache_contract)."""
    return cache_contract.contract().piece(name)(**values)


def environment(**options):
    env = Environment(**options)  # noqa: S701 - autoescape is set by Django's backend
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(
        {
            "cached": cached,
            "cache_piece": cache_piece,
            "static": static,
            "url": reverse,
            "get_language": translation.get_language,
            "language_direction": language_direction,
            "language_name": language_name,
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Nashra"),
            "comment_max_length": getattr(settings, "NASHRA_COMMENT_MAX_LENGTH", 3000),
        }
    )
    # Domain apps contribute helpers by dotted path, so core imports none of them.
    for name, dotted in getattr(settings, "NASHRA_JINJA2_GLOBALS", {}).items():
        env.globals[name] = import_string(dotted)
    env.filters.update(
        {"localized_date": localized_date, "hostname": hostname, "iso_datetime": iso_datetime}
    )
    return env
