"""What the dashboard panel says: is the worker ticking, and how many items are overdue."""

from datetime import timedelta

from django.utils import timezone

from . import jobs, tick

ALIVE_WITHIN = timedelta(minutes=2)


def worker_status(now=None):
    now = now or timezone.now()
    last = tick.last_tick()
    overdue = sum(job.overdue(now) for job in jobs.urgent_jobs() if job.overdue)
    return {
        "last_tick": last,
        "ticking": last is not None and now - last <= ALIVE_WITHIN,
        "overdue": overdue,
    }
