"""When the next scheduled item falls due, kept in the shared cache so the safety net can tell,
without a query, whether anything is overdue: a reader's 404 then costs one cache read.

The value is worked out afresh by every tick and after every catch-up, lowered (never raised)
when an editor schedules something, and expires after HINT_SECONDS: a hint missed in a race
between a refresh and a new schedule is corrected within that time. A missing value (a cleared
cache) is worked out on the next look, once, and kept again.
"""

from datetime import UTC, datetime

from django.core.cache import cache

from . import jobs

KEY = "newsroom:next-due"
NOTHING = "none"
HINT_SECONDS = 600


def refresh():
    times = [when for job in jobs.urgent_jobs() if job.next_due and (when := job.next_due())]
    soonest = min(times) if times else None
    cache.set(KEY, soonest.timestamp() if soonest else NOTHING, HINT_SECONDS)
    return soonest


def soonest_due():
    """The earliest time an urgent job has work, or None."""
    value = cache.get(KEY)
    if value is None:
        return refresh()
    if value == NOTHING:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def lower(when):
    """Something was scheduled for `when`: make sure the hint is no later."""
    value = cache.get(KEY)
    if value is None:
        return  # worked out afresh on the next look
    if value == NOTHING or when.timestamp() < value:
        cache.set(KEY, when.timestamp(), HINT_SECONDS)
