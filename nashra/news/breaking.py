"""The breaking-news banner: what readers see of it, and how a change reaches every cached page.

Every page of an edition is cached under the edition's banner version (nashra.core.page_cache,
and nginx's keys through deploy/nginx/banner.js): setting, changing or removing the banner gives
it a new value, so every cached page of that edition is out of reach at once, and the pages
are rendered again with the banner as the database has it. The value carries the expiry, so
keys change by themselves when it passes. See docs/developers/caching.md.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from nashra.core import front_cache, page_cache

logger = logging.getLogger(__name__)

SET_ACTION = "nashra.breaking_banner.set"
REMOVE_ACTION = "nashra.breaking_banner.remove"
EXPIRE_ACTION = "nashra.breaking_banner.expire"


@dataclass(frozen=True)
class Shown:
    text: str
    url: str
    expires_at: datetime | None


def banner(request, language):
    """The banner this edition shows now, or None: read once per request, cached under the
    edition's banner version (a new value at each change)."""
    memo = request.__dict__.setdefault("_nashra_banner", {}) if request is not None else {}
    if language not in memo:
        name = page_cache.banner_version_name(language)
        version = page_cache.current_versions([name], request)[name]
        # Under the edition's version too: a purge of the whole edition (a page moved or
        # deleted) finds the linked page's address again.
        found = page_cache.versioned(
            request,
            f"banner:{language}:{version}",
            lambda: _load(request, language),
            languages=[language],
        )
        memo[language] = found if found and _shown_now(found) else None
    return memo[language]


def _shown_now(shown):
    # The same clock as the cache keys: a page keyed as expired never shows the banner.
    return shown.expires_at is None or shown.expires_at.timestamp() > page_cache.clock()


def _load(request, language):
    from .models import BreakingBanner

    found = (
        BreakingBanner.objects.filter(locale__language_code=language)
        .select_related("link_page")
        .first()
    )
    if found is None:
        return False  # cached too: "no banner" is the common case
    url = found.link_url
    if found.link_page is not None:
        url = found.link_page.get_url(request) or ""
    return Shown(found.text, url, found.expires_at)


def version_value(name):
    """A new banner version for `name` (pcv:banner:<language>): a fresh token, and the
    expiry of the banner the database holds now, if it has one."""
    language = name.removeprefix(page_cache.BANNER_VERSION)
    token = uuid.uuid4().hex
    until = _expiry(language)
    return f"{token}@{until}" if until is not None else token


def _expiry(language):
    from .models import BreakingBanner

    found = (
        BreakingBanner.objects.filter(locale__language_code=language)
        .values_list("expires_at", flat=True)
        .first()
    )
    return int(found.timestamp()) if found is not None else None


page_cache.values_made_by(page_cache.BANNER_VERSION, version_value)


def changed(language):
    """After a change of the edition's banner commits: a new banner version in the page cache,
    then the same to every front cache. Two editors saving at once both end here; whichever
    bumps last read the database after both commits, and a bump that read it before another
    commit is done again (the expiry it carries must be the final banner's)."""
    name = page_cache.banner_version_name(language)
    for _attempt in range(5):
        before = _expiry(language)
        page_cache.bump_committed([name])
        if _expiry(language) == before and _carried(name) == before:
            break
    return send_current(language)


def _carried(name):
    value = page_cache.current_versions([name])[name]
    token, at, until = value.partition("@")
    return int(until) if at and until.isdigit() else None


def send_current(language, keep_failure=True):
    """Send the edition's current banner version to every front cache (True if all took it)."""
    if not front_cache.enabled():
        return True
    name = page_cache.banner_version_name(language)
    value = page_cache.current_versions([name])[name]
    return front_cache.send_banner_version(language, value, keep_failure=keep_failure)


front_cache.resend_banner_with(send_current)


def after_commit(language):
    transaction.on_commit(lambda: changed(language))


def resend_all(now=None):
    """Every minute (the worker): each edition's banner version again, to a front cache that
    missed it or lost its state, after putting right a version whose expiry is not the
    banner's (a bump that lost a race, a value made while the database was unreachable)."""
    sent = 0
    for code, _name in settings.LANGUAGES:
        name = page_cache.banner_version_name(code)
        if _carried(name) != _expiry(code):
            page_cache.bump_committed([name])
        sent += send_current(code)
    return sent


def expire_due(now=None):
    """Remove the banners whose expiry has passed (pages stopped showing them at that moment
    already: their keys changed by themselves) and log it. Returns the editions."""
    from wagtail.log_actions import log

    from .models import BreakingBanner

    now = now or timezone.now()
    done = []
    for found in BreakingBanner.objects.filter(expires_at__lte=now).select_related("locale"):
        language = found.locale.language_code
        with transaction.atomic():
            log(instance=found, action=EXPIRE_ACTION, data={"text": found.text})
            BreakingBanner.objects.filter(pk=found.pk, expires_at__lte=now).delete()
            after_commit(language)
        done.append(language)
    return done


def next_expiry():
    from .models import BreakingBanner

    return (
        BreakingBanner.objects.filter(expires_at__isnull=False)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
