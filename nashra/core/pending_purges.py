"""Purges that failed, kept in the database until a retry succeeds.

A front-cache URL nginx did not take would otherwise stay stale there for up to a week; a
page-cache version Redis could not bump (Redis unreachable during a publish) would let the
old page come back with Redis. Both are retried by the next purge of their kind, by the page
cache once Redis is back, and by `manage.py core_retry_purges` (run it from cron).

A front-cache purge whose addresses could not be worked out is kept as a marker, "recompute
<what> <argument>" (an edition, say): the retry asks the app that registered <what> for the
addresses then (`recomputed_by`), so this module needs no knowledge of what they are.
"""

import logging

from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import PendingPurge

logger = logging.getLogger("nashra.purges")

SHOWN = 20  # addresses named in one log line
RECOMPUTE = "recompute:"  # starts a marker's target; an address never does (it has a scheme)

_recomputers = {}  # what -> function(argument) giving its site-relative addresses


def recomputed_by(what, addresses):
    """Register how to work out the addresses a "recompute <what>" marker stands for."""
    _recomputers[what] = addresses


def marker(what, argument):
    return f"{RECOMPUTE}{what}:{argument}"


def is_marker(target):
    return target.startswith(RECOMPUTE)


def expand(target):
    """The site-relative addresses a marker stands for, worked out now (it may raise)."""
    what, argument = target[len(RECOMPUTE) :].split(":", 1)
    return _recomputers[what](argument)


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
