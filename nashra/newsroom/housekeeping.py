"""The periodic jobs that ran from cron: now the worker's tick runs them, each once per period
whichever worker ticks first. The commands stay for operators who run them by hand."""

import io
from datetime import time, timedelta

from django.core.management import call_command

from nashra.core import front_cache, outbox, page_cache

from . import jobs


def _command(name):
    def run(now):
        out = io.StringIO()
        call_command(name, stdout=out)
        return out.getvalue().strip()

    return run


def send_outbox(now):
    sent, kept, expired = outbox.send_pending()
    return f"sent {sent}, waiting {kept}, dropped {expired}" if sent or kept or expired else None


def retry_purges(now):
    front = front_cache.retry_failed_purges() if front_cache.enabled() else 0
    page = page_cache.retry_missed_purges()
    return f"front purges pending {front}, page purges pending {page}" if front or page else None


# Nightly, in the newsroom's time zone, at the times the crontab of docs/operators used.
jobs.register("engagement_purge", _command("engagement_purge"), daily_at=time(3, 15))
jobs.register("core_optimize_db", _command("core_optimize_db"), daily_at=time(3, 45))
jobs.register("core_send_outbox", send_outbox, every=timedelta(minutes=5))
jobs.register("core_retry_purges", retry_purges, every=timedelta(minutes=5))


def prune_records(now):
    """The worker's own records: ticks a week old, job runs and finished tasks a month old."""
    from django_tasks_db.models import DBTaskResult

    from .models import JobRun, TaskProgress, Tick

    ticks = Tick.objects.filter(slot__lt=now - timedelta(days=7)).delete()[0]
    runs = JobRun.objects.filter(period__lt=now - timedelta(days=30)).delete()[0]
    old = DBTaskResult.objects.finished().filter(finished_at__lt=now - timedelta(days=30))
    TaskProgress.objects.filter(task_id__in=old.values("id")).delete()
    tasks = old.delete()[0]
    return (
        f"pruned {ticks} ticks, {runs} job runs, {tasks} tasks" if ticks or runs or tasks else None
    )


jobs.register("newsroom_prune", prune_records, daily_at=time(4, 0))
