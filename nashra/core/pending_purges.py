"""Purges that failed, kept in the database until a retry succeeds.

A front-cache URL nginx did not take would otherwise stay stale there for up to a week; a
page-cache version Redis could not bump (Redis unreachable during a publish) would let the
old page come back with Redis. Both are retried by the next purge of their kind, by the page
cache once Redis is back, and by `manage.py core_retry_purges` (run it from cron).
"""

import logging

from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import PendingPurge

logger = logging.getLogger("nashra.purges")

SHOWN = 20  # addresses named in one log line


def record(kind, targets, error):
    """Keep `targets` for a retry (once each however often they fail)."""
    targets = sorted(set(targets))
    if not targets:
        return
    now = timezone.now()
    rows = [
        PendingPurge(kind=kind, target=t[:2000], failed_at=now, last_error=str(error)[:300])
        for t in targets
    ]
    try:
        with transaction.atomic():
            PendingPurge.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["kind", "target"],
                update_fields=["failed_at", "last_error"],
            )
    except DatabaseError:
        logger.exception("Could not keep %d failed %s purges for a retry", len(targets), kind)


def pending(kind, limit=None):
    rows = PendingPurge.objects.filter(kind=kind).order_by("pk")
    return list(rows[:limit] if limit else rows)


def count(kind=None):
    rows = PendingPurge.objects.all()
    return (rows.filter(kind=kind) if kind else rows).count()


def settle(rows, failed):
    """After a retry of `rows`: forget those that succeeded (unless they failed again since
    they were read), count another attempt on the rest."""
    failed = set(failed)
    done = [r for r in rows if r.target not in failed]
    if done:
        match = Q()
        for row in done:
            match |= Q(pk=row.pk, failed_at=row.failed_at)
        PendingPurge.objects.filter(match).delete()
    retried = [r.pk for r in rows if r.target in failed]
    if retried:
        PendingPurge.objects.filter(pk__in=retried).update(attempts=F("attempts") + 1)


def describe(targets):
    targets = sorted(targets)
    shown = ", ".join(targets[:SHOWN])
    return shown + (f" and {len(targets) - SHOWN} more" if len(targets) > SHOWN else "")
