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
from django.utils.translation import gettext as _
from jinja2 import Environment
from markupsafe import Markup

from nashra.core import cache_contract, digits, page_cache
from nashra.core.i18n import language_direction, language_name


def localized_date(value, fmt="j F Y"):
    """Format an aware datetime in the site time zone with month names in the active language,
    in the edition's digits (nashra.core.digits)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return digits.convert(date_format(value, fmt, use_l10n=True), digits.current())


def zone_label(value):
    """The site time zone of a local time as readers know it: "GMT", "GMT+3", "GMT-4:30"."""
    minutes = round(value.utcoffset().total_seconds() / 60)
    offset = ""
    if minutes:
        hours, rest = divmod(abs(minutes), 60)
        offset = ("+" if minutes > 0 else "-") + str(hours) + (f":{rest:02d}" if rest else "")
        # Kept left to right inside Arabic text, or the sign would land after the number.
        offset = f"\u2066{offset}\u2069"
    return _("GMT%(offset)s") % {"offset": offset}


def localized_datetime(value):
    """Date, time and time zone in the active language and the edition's digits:
    "5 December 2026, 14:30 GMT+3". Machine-readable copies use `iso_datetime`."""
    if value is None:
        return ""
    value = timezone.localtime(value)
    fmt = "j F Y، H:i" if translation.get_language() == "ar" else "j F Y, H:i"
    text = f"{date_format(value, fmt, use_l10n=True)} {zone_label(value)}"
    return digits.convert(text.strip(), digits.current())


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
        {
            "localized_date": localized_date,
            "localized_datetime": localized_datetime,
            "digits": digits.digits,
            "hostname": hostname,
            "iso_datetime": iso_datetime,
        }
    )
    return env
