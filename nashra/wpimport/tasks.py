"""The admin's imports, run by the background worker (the "newsroom" tasks backend, see
docs/operators/worker.md): first the analysis of the uploaded export, then the import.

Every change of an ImportRun's status is one conditional UPDATE (from the statuses it may
leave, to the next), so two clicks, two tabs or two workers never start one file twice.
The analysis and the importer are called through their modules (`analysis.analyse`,
`importer.import_wxr`), the seam the tests replace."""

import logging
import time

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import ImportRun, RunStatus

logger = logging.getLogger(__name__)

STARTABLE = (RunStatus.ANALYSED, RunStatus.FINISHED, RunStatus.FAILED)
IN_PROGRESS = (RunStatus.QUEUED, RunStatus.RUNNING)
PROGRESS_SECONDS = 1.0
PROGRESS_ITEMS = 50


def queue_analysis(run):
    result = analyse_upload.enqueue(run.pk)
    ImportRun.objects.filter(pk=run.pk).update(task_id=result.id)


def start_import(run_id, *, orphaned=False):
    """Queue the import of this run's export unless it is queued or running already (or,
    with `orphaned`, running in a worker that has stopped). Returns whether this call
    queued it."""
    statuses = (*STARTABLE, RunStatus.RUNNING) if orphaned else STARTABLE
    with transaction.atomic():
        claimed = ImportRun.objects.filter(
            pk=run_id, status__in=statuses, analysis__isnull=False
        ).update(
            status=RunStatus.QUEUED,
            done=0,
            total=0,
            error="",
            report=None,
            started_at=None,
            finished_at=None,
        )
        if not claimed:
            return False
        result = run_import.enqueue(run_id)
        ImportRun.objects.filter(pk=run_id).update(task_id=result.id)
    return True


def _failure(error):
    return f"{type(error).__name__}: {error}"


@task(backend="newsroom")
def analyse_upload(run_id):
    from nashra.wpimport import analysis

    run = ImportRun.objects.filter(pk=run_id, status=RunStatus.UPLOADED).first()
    if run is None:
        return None  # deleted, or analysed already
    try:
        result = analysis.analyse(run.stored_path, uploads_dir=run.options.get("uploads_dir"))
    except Exception as error:
        logger.exception("Analysis of WordPress export %s failed", run_id)
        ImportRun.objects.filter(pk=run_id, status=RunStatus.UPLOADED).update(
            status=RunStatus.FAILED, error=_failure(error), finished_at=timezone.now()
        )
        raise
    ImportRun.objects.filter(pk=run_id, status=RunStatus.UPLOADED).update(
        status=RunStatus.ANALYSED, analysis=result
    )
    return run_id


class ProgressWriter:
    """The importer's progress(done, total), written to the run at most every second or
    every PROGRESS_ITEMS items, and always at the end."""

    def __init__(self, run_id, clock=time.monotonic):
        self.run_id = run_id
        self.clock = clock
        self.written_at = None
        self.written_done = 0

    def __call__(self, done, total):
        now = self.clock()
        if (
            self.written_at is None
            or now - self.written_at >= PROGRESS_SECONDS
            or done - self.written_done >= PROGRESS_ITEMS
            or (total and done >= total)
        ):
            ImportRun.objects.filter(pk=self.run_id).update(done=done, total=total)
            self.written_at, self.written_done = now, done


@task(backend="newsroom")
def run_import(run_id):
    from nashra.wpimport import importer

    started = ImportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if not started:
        return None  # deleted, or taken by another worker
    run = ImportRun.objects.get(pk=run_id)
    try:
        report = importer.import_wxr(
            run.stored_path, importer.ImportOptions(**run.options), progress=ProgressWriter(run_id)
        )
    except Exception as error:
        logger.exception("WordPress import %s failed", run_id)
        ImportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, error=_failure(error), finished_at=timezone.now()
        )
        raise
    ImportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        status=RunStatus.FINISHED, report=report.as_dict(), finished_at=timezone.now()
    )
    return run_id
