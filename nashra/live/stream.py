"""How a live page's entries are paged, and which cached pages a change to one reaches.

The stream is the page's shown entries but the pinned one (that sits above it on the first
page), newest first. The first page shows the newest `per_page()`; `?before=<id>` shows the
`per_page()` entries older than that entry. So a `?before=` page changes only when one of the
entries it shows, or the entry it starts after, changes: new entries never shift it, and it is
cached long (docs/editors/live-coverage.md).
"""

import re

from django.conf import settings
from django.db.models import Q

ENTRY_ID = re.compile(r"[1-9][0-9]{0,17}")


def per_page():
    return getattr(settings, "NASHRA_LIVE_ENTRIES_PER_PAGE", 20)


def poll_seconds():
    return getattr(settings, "NASHRA_LIVE_POLL_SECONDS", 10)


def canonical_entry_id(raw):
    """The entry id a `?before=` or `?entry=` value names, or None: digits only, no leading
    zero (the page cache and nginx key the same spelling, deploy/nginx/nashra.conf.template)."""
    return int(raw) if raw and ENTRY_ID.fullmatch(raw) else None


def stream(page):
    from .models import LiveEntry

    return LiveEntry.objects.filter(page=page).shown().filter(pinned=False).newest_first()


def older_than(entries, entry):
    return entries.filter(
        Q(posted_at__lt=entry.posted_at) | Q(posted_at=entry.posted_at, pk__lt=entry.pk)
    )


def newer_than(entries, entry):
    return entries.filter(
        Q(posted_at__gt=entry.posted_at) | Q(posted_at=entry.posted_at, pk__gt=entry.pk)
    )


def with_authors(entries):
    return entries.prefetch_related("authors")


def page_after(page, before=None):
    """The entries one page of the stream shows (after `before`, an entry of the stream), and
    whether older ones follow."""
    n = per_page()
    entries = stream(page)
    if before is not None:
        entries = older_than(entries, before)
    shown = list(with_authors(entries)[: n + 1])
    return shown[:n], len(shown) > n


def position(page, entry):
    """Where `entry` sits in the stream: how many of its entries are newer."""
    return newer_than(stream(page), entry).count()


def pages_showing(page, entries):
    """The `?before=` values of every page of the stream that may show one of `entries` (or
    start after it): each entry's own and those of the `per_page()` entries just newer than
    it, whatever the chain. With the first page (None)."""
    from .models import LiveEntry

    n = per_page()
    found = {None}
    everything = LiveEntry.objects.filter(page=page)  # tombstones and the pinned one too
    for entry in entries:
        found.add(entry.pk)
        newer = (
            newer_than(everything, entry).order_by("posted_at", "pk").values_list("pk", flat=True)
        )
        found.update(newer[:n])
    return found


def chain(page):
    """The `?before=` values of the stream's pages as they now link to each other."""
    n = per_page()
    ids = list(stream(page).values_list("pk", flat=True))
    return [ids[i] for i in range(n - 1, len(ids) - 1, n)]
