"""The jobs the tick runs: a small registry other apps add theirs to.

    from nashra.newsroom import jobs
    jobs.register("lift_due_embargoes", lift_due, urgent=True, next_due=next_embargo_lift)

A job is a function of `now` (an aware datetime; tests pass their own). Each runs at most once
per period (`every`, or once a day at `daily_at` in the newsroom's time zone), whichever worker
ticks first: the period is claimed with a unique row (JobRun) before the job runs. An urgent
job publishes on time (scheduled go-live and expiry, embargoes): the safety net runs it too when
the worker is down, and its `next_due()` (the earliest time it has work, or None) tells the
net, without a query on each request, when something is overdue.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Job:
    name: str
    run: object  # callable(now) -> a short outcome string, or None
    every: timedelta = MINUTE
    daily_at: time | None = None
    urgent: bool = False
    next_due: object = None  # callable() -> datetime | None
    overdue: object = None  # callable(now) -> int, items overdue (the dashboard's count)

    def period(self, now, slot_length):
        """The start of the period `now` falls in: the job runs once per period."""
        if self.daily_at is not None:
            local = timezone.localtime(now)
            start = datetime.combine(local.date(), self.daily_at, tzinfo=local.tzinfo)
            return start if local >= start else None  # before today's time: not yet
        step = max(self.every, timedelta(seconds=slot_length))
        return _floor(now, step)


_JOBS = {}


def register(name, run, **options):
    """Add (or replace, by name) a job; returns it."""
    _JOBS[name] = Job(name=name, run=run, **options)
    return _JOBS[name]


def all_jobs():
    return list(_JOBS.values())


def urgent_jobs():
    return [job for job in _JOBS.values() if job.urgent]


def _floor(now, step):
    epoch = datetime(2000, 1, 1, tzinfo=now.tzinfo or timezone.get_current_timezone())
    return epoch + step * ((now - epoch) // step)


def slot_of(now, slot_length):
    """The tick slot (a minute in production) `now` falls in."""
    return _floor(now, timedelta(seconds=slot_length))


_FREQUENT = {}


def register_frequent(name, run, seconds):
    """A job every few `seconds` (a callable, read at each round, or a number), run by every
    worker in a thread of its own, unclaimed: it must be safe to run at once in several
    processes (the vote flush is: docs/developers/votes.md)."""
    _FREQUENT[name] = (run, seconds)


def frequent_jobs():
    return dict(_FREQUENT)
