"""The updates endpoint readers' live pages poll: /<language>/live/<page id>/updates/<since>/.

`since` is a cursor, an epoch second on the poll interval's grid (a "bucket"), handed out by
the page (`data-live-cursor`) and then by each answer. Every reader polling in the same bucket
asks for the same address and gets the same bytes, so the page cache and nginx answer all of
them from one render; a change to an entry purges the updates of the page's edition at once
(docs/developers/live-updates.md).
"""

import math
import re
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.signals import page_published, page_unpublished

from nashra.core import cache_contract, front_cache, page_cache
from nashra.core.jinja2_env import iso_datetime, localized_date, localized_datetime
from nashra.news.navigation import page_url

from .models import LivePage, LiveStatus
from .signals import entry_changed

# The cache contract (nashra.core.cache_contract) has this module's part here rather than in
# live/caching.py: it is imported when the app is ready (apps.py), before any request.
UPDATES = cache_contract.group(
    "live-updates",
    owner="live",
    section="live",
    about="the polled updates of an edition's live pages (/<edition>/live/...), every cursor",
)

# More changes than this since a cursor: the reader's page reloads instead of patching itself
# (a long-hidden tab, a bulk edit).
MAX_CHANGES = 50
# Buckets whose addresses a change purges from the front cache by name: the ones open pages
# are polling (the cursor each answer hands out is at most a few buckets old). Older ones
# expire there within one interval (s-maxage); the page cache drops them all by version.
PURGED_BUCKETS_BEFORE = 12
# How far back a cursor is answered: every bucket an address can name is cached, so the
# addresses per page must be bounded (older cursors: see `_stale`).
OLDEST_CURSOR_SECONDS = 3600
PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
CURSOR = re.compile(r"(0|[1-9][0-9]{0,11})")


def poll_seconds():
    return int(getattr(settings, "NASHRA_LIVE_POLL_SECONDS", 10))


def bucket(moment, interval=None):
    """The cursor of the bucket an epoch second (or aware datetime) falls in."""
    interval = interval or poll_seconds()
    if isinstance(moment, datetime):
        moment = moment.timestamp()
    return math.floor(moment / interval) * interval


def updates_path(page, since):
    return f"/{page.locale.language_code}/live/{page.pk}/updates/{since}/"


def recent_paths(page, now=None):
    """The updates addresses open pages poll now: the last buckets, this one and the next."""
    interval = poll_seconds()
    current = bucket(time.time() if now is None else now, interval)
    return [
        updates_path(page, current + step * interval) for step in range(-PURGED_BUCKETS_BEFORE, 2)
    ]


def _not_found():
    response = JsonResponse({"message": _("There are no updates at this address.")}, status=404)
    response["Cache-Control"] = "no-store"  # a cursor that is wrong now may be right soon
    return response


def _epoch(value):
    return int(value.timestamp())


def updates(request, page_id, since):
    interval = poll_seconds()
    if not PAGE_ID.fullmatch(page_id) or not CURSOR.fullmatch(since):
        return _not_found()
    since = int(since)
    now = time.time()
    page = (
        LivePage.objects.live()
        .public()
        .filter(pk=int(page_id), locale__language_code=translation.get_language())
        .first()
    )
    if page is None or since % interval:
        return _not_found()
    # Not bounded by coverage_start: a page pre-announcing coverage polls from its render.
    oldest = bucket(now, interval) - max(OLDEST_CURSOR_SECONDS // interval, 2) * interval
    if since > now + interval:
        return _not_found()
    if since < oldest:
        return _stale(request, page, since, oldest, interval, now)

    # One bucket of overlap: an entry saved just before a bucket began and committed just
    # after it would otherwise fall between two answers. Readers skip what they already have.
    after = datetime.fromtimestamp(since, tz=UTC) - timedelta(seconds=interval)
    changed = list(
        page.entries.filter(Q(updated_at__gte=after) | Q(deleted_at__gte=after))
        .prefetch_related("authors")
        .order_by("-posted_at", "-pk")[: MAX_CHANGES + 1]
    )
    return _answer(request, page, changed, interval, now, reload=len(changed) > MAX_CHANGES)


def _stale(request, page, since, oldest, interval, now):
    """A cursor older than the answered window (a page open for hours, or cached long with
    nothing changed). Never cached, so the cacheable addresses of a page stay bounded. If
    nothing changed since the cursor (less the overlap) the oldest answered address says
    the same: redirect there (a long-cached page that is still current does not loop);
    else the reader must reload."""
    after = datetime.fromtimestamp(since, tz=UTC) - timedelta(seconds=interval)
    published = page.last_published_at
    changed = page.entries.filter(Q(updated_at__gte=after) | Q(deleted_at__gte=after)).exists()
    if not changed and (published is None or published < after):
        response = HttpResponseRedirect(updates_path(page, oldest))
    else:
        response = _answer(request, page, [], interval, now, reload=True)
    response["Cache-Control"] = "no-store"
    return response


def _answer(request, page, changed, interval, now, reload):
    if reload:
        changed = []
    template = get_template("live/_entry.html")
    shown = page.entries.shown()
    pinned = shown.filter(pinned=True).order_by("-updated_at", "-pk").values_list("pk", flat=True)
    data = {
        "cursor": bucket(now, interval),
        "interval": interval,
        "status": page.status if page.status in LiveStatus.values else LiveStatus.LIVE,
        "entries": [
            {
                "id": entry.pk,
                "updated": entry.revision_stamp,  # milliseconds: see revision_stamp
                "posted": _epoch(entry.posted_at),
                "key_event": entry.key_event,
                "pinned": entry.pinned,
                "html": template.render({"entry": entry, "page": page}, request),
            }
            for entry in changed
            if entry.deleted_at is None
        ],
        "deleted": [entry.pk for entry in changed if entry.deleted_at is not None],
        "pinned_id": pinned.first(),
        "key_events": [
            {
                "id": entry.pk,
                "label": entry.label,
                "time": iso_datetime(entry.posted_at),
                "url": f"{page_url(request, page)}?entry={entry.pk}",
                "when": localized_datetime(entry.posted_at),
                "clock": localized_date(entry.posted_at, "H:i"),
                "day": localized_date(entry.posted_at, "j F"),
            }
            for entry in shown.filter(key_event=True).newest_first()
        ],
        "reload": reload,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    # Every reader of the bucket gets these bytes: shared caches keep them for one interval
    # (the page cache until a purge), browsers ask again at the next poll.
    response["Cache-Control"] = f"public, max-age=0, s-maxage={interval}"
    return response


def purge(page):
    """Make every cached answer about this page's edition's live updates unreachable: in the
    page cache by one version (every bucket, every live page of the edition), in the front
    cache by the addresses open pages poll now."""
    page_cache.purge(groups=[UPDATES(page.locale.language_code)])
    front_cache.purge_paths(recent_paths(page))


@receiver(entry_changed)
def _entry_changed(sender, page, entry, **kwargs):
    purge(page)


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    # Ended, reopened or taken down: pollers learn it at their next poll.
    if isinstance(instance, LivePage):
        purge(instance)
