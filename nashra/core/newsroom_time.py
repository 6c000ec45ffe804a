"""Times as the newsroom reads them: in its own time zone and in UTC, side by side.

The admin's date pickers (Wagtail's) follow each user's time zone preference; times Nashra
renders itself in the admin (a schedule, an embargo, a due time) are shown in the newsroom's
zone (`NASHRA_NEWSROOM_TIME_ZONE`, by default `TIME_ZONE`) and in UTC, so that a desk spread
over several zones and the wire services it deals with read the same moment."""

from datetime import UTC
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def newsroom_zone():
    return ZoneInfo(getattr(settings, "NASHRA_NEWSROOM_TIME_ZONE", "") or settings.TIME_ZONE)


def zone_label(zone):
    """The zone's city as editors call it ("Asia/Amman": Amman), translated when the
    catalogue has it."""
    city = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    return _(city)


def _day_and_time():
    # Arabic separates a date from its time with the Arabic comma.
    return "j F Y، H:i" if translation.get_language() == "ar" else "j F Y, H:i"


def newsroom_and_utc(value):
    """'5 December 2026, 10:00 (Amman) · 07:00 UTC' in the active language (digits and month
    names as Django's formats for it give them); the UTC date too when it is another day."""
    if value is None:
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    zone = newsroom_zone()
    local, utc = value.astimezone(zone), value.astimezone(UTC)
    local_text = date_format(local, _day_and_time(), use_l10n=True)
    if local.utcoffset() == utc.utcoffset() and zone.key in ("UTC", "Etc/UTC"):
        return _("%(when)s UTC") % {"when": local_text}
    same_day = local.date() == utc.date()
    utc_text = date_format(utc, "H:i" if same_day else _day_and_time(), use_l10n=True)
    return _("%(local)s (%(zone)s) · %(utc)s UTC") % {
        "local": local_text,
        "zone": zone_label(zone),
        "utc": utc_text,
    }
