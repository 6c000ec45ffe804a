"""The tick: once per slot (a minute; NASHRA_TICK_SECONDS), whichever worker gets there first,
every registered job whose period has come (see jobs.py).

A slot is claimed by inserting its row (Tick.slot is unique): a second worker, or a worker
restarted within the minute, finds the row and does nothing. Each job's period is claimed the
same way (JobRun), so a nightly job missed while no worker ran is done by the first tick after.
"""

import logging
import os
import socket

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import hint, jobs
from .models import JobRun, Tick

logger = logging.getLogger(__name__)


def default_worker_id():
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def _claim(model, **fields):
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None


def run(now=None, worker=None, slot_length=None):
    """Run the tick for the slot `now` falls in. Returns the Tick, or None when another
    worker (or an earlier run) had it."""
    now = now or timezone.now()
    worker = worker or default_worker_id()
    slot_length = slot_length or settings.NASHRA_TICK_SECONDS
    # Times on the tick's clock (`now`: the real one, but for tests).
    tick = _claim(Tick, slot=jobs.slot_of(now, slot_length), worker=worker, started_at=now)
    if tick is None:
        return None
    for job in jobs.all_jobs():
        period = job.period(now, slot_length)
        if period is not None:
            _run_job(job, period, now, worker)
    Tick.objects.filter(pk=tick.pk).update(finished_at=max(now, timezone.now()))
    hint.refresh()
    return tick


def _run_job(job, period, now, worker):
    run = _claim(JobRun, job=job.name, period=period, worker=worker, started_at=now)
    if run is None:
        return
    try:
        outcome = job.run(now) or ""
    except Exception as error:
        logger.exception("Newsroom job %s failed", job.name)
        outcome = f"failed: {type(error).__name__}: {error}"[:2000]
    JobRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), outcome=outcome)
    if outcome:
        logger.info("Newsroom job %s: %s", job.name, outcome)


def last_tick():
    return Tick.objects.order_by("-slot").values_list("started_at", flat=True).first()
