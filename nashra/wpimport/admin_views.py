"""The admin's WordPress import: upload an export, read its analysis, start the import in
the background, watch it and read its report. Everything needs the permission
wpimport.run_wordpress_import."""

import csv
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from nashra.newsroom import status as worker

from . import storage, tasks
from .forms import UploadForm, max_upload_bytes, too_large_message
from .models import ImportRun, RunStatus
from .presenters import LINE_OUTCOMES, analysis_sections, report_counts, report_lines

PERMISSION = "wpimport.run_wordpress_import"
RUNS_PER_PAGE = 50
LINES_PER_PAGE = 100
FORM_BYTES = 64 * 1024  # the form's other fields, beside the file


def can_import(user):
    return user.has_perm(PERMISSION)


def import_permission_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def orphaned(run):
    """Running, but no worker has ticked for minutes: the worker running it was killed (its
    tick loop runs beside the task, so a long import alone never stops the ticks). Such a run
    may be started again, or deleted."""
    return run.status == RunStatus.RUNNING and not worker.worker_status()["ticking"]


def _render(request, template, title, **context):
    page = context.get("page")
    if page is not None:
        context["elided_page_range"] = page.paginator.get_elided_page_range(page.number)
    return TemplateResponse(request, f"wpimport/admin/{template}", {"title": title, **context})


@import_permission_required
def runs(request):
    page = Paginator(ImportRun.objects.select_related("created_by"), RUNS_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return _render(request, "runs.html", _("WordPress import"), page=page)


# The CSRF check reads the body (the whole upload, to a temporary file) before the view runs:
# exempt here and checked in _upload, so that a body past the limit is refused unread.
@csrf_exempt
@import_permission_required
def upload(request):
    if request.method == "POST" and _body_length(request) > max_upload_bytes() + FORM_BYTES:
        messages.error(request, too_large_message(_body_length(request)))
        return _upload_page(request, UploadForm())
    return _upload(request)


def _body_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_protect
def _upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        export = form.cleaned_data["export"]
        stored = storage.store_upload(export)
        try:
            with transaction.atomic():  # a run is never left without its analysis queued
                run = ImportRun.objects.create(
                    file_name=export.name[:255],
                    stored_path=stored,
                    options=form.import_options(),
                    created_by=request.user,
                )
                tasks.queue_analysis(run)
        except BaseException:
            storage.delete_stored(stored)
            raise
        return redirect("wpimport_run", run.pk)
    return _upload_page(request, form)


def _upload_page(request, form):
    return _render(
        request, "upload.html", _("Upload a WordPress export"), form=form, limit=max_upload_bytes()
    )


@import_permission_required
def run_detail(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if run.status in tasks.IN_PROGRESS:
        return redirect("wpimport_progress", run.pk)
    return _render(
        request,
        "analysis.html",
        _("Analysis of the export"),
        run=run,
        sections=analysis_sections(run.analysis) if run.analysis else [],
        startable=run.status in tasks.STARTABLE and run.analysis is not None,
        worker=worker.worker_status(),
    )


@require_POST
@import_permission_required
def start(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if tasks.start_import(run.pk, orphaned=orphaned(run)):
        messages.success(request, _("The import will be run by the background worker."))
    else:
        messages.warning(request, _("This export is being imported already, or cannot be."))
    return redirect("wpimport_progress", run.pk)


@import_permission_required
def progress(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    return _render(
        request,
        "progress.html",
        _("Import progress"),
        run=run,
        worker=worker.worker_status(),
        orphaned=orphaned(run),
    )


def _state(run):
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "done": run.done,
        "total": run.total,
        "percent": run.percent,
        "waiting": run.status in (RunStatus.UPLOADED, *tasks.IN_PROGRESS),
        "error": run.error,
        "report_url": reverse("wpimport_report", args=[run.pk]) if run.report else None,
    }


@import_permission_required
def progress_json(request, pk):
    # Never cached: the admin's views are all sent with Cache-Control: no-store.
    return JsonResponse(_state(get_object_or_404(ImportRun, pk=pk)))


@import_permission_required
def report(request, pk):
    run = get_object_or_404(ImportRun, pk=pk, report__isnull=False)
    outcome = request.GET.get("outcome", "")
    if outcome not in LINE_OUTCOMES:
        outcome = ""
    lines = report_lines(run.report, outcome)
    return _render(
        request,
        "report.html",
        _("Import report"),
        run=run,
        counts=report_counts(run.report),
        outcome=outcome,
        outcomes=LINE_OUTCOMES,
        page=Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("p")),
    )


@import_permission_required
def report_csv(request, pk):
    run = get_object_or_404(ImportRun, pk=pk, report__isnull=False)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wordpress-import-{run.pk}.csv"'
    response.write("\ufeff")  # spreadsheets read the file as UTF-8 (Arabic titles)
    writer = csv.writer(response)
    writer.writerow(["kind", "wp_id", "outcome", "title", "reason", "count"])
    for kind, counter in sorted(run.report.get("counts", {}).items()):
        for outcome, count in counter.items():
            writer.writerow([_safe_cell(kind), "", _safe_cell(outcome), "", "", count])
    for line in report_lines(run.report, ""):
        writer.writerow(
            [_safe_cell(line[k]) for k in ("kind", "wp_id", "outcome", "title", "reason")] + [""]
        )
    return response


def _safe_cell(value):
    """Titles come from the export: a cell a spreadsheet would run as a formula is quoted."""
    value = str(value)
    return "'" + value if value.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@import_permission_required
def delete(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    if request.method == "POST":
        deleted, _rows = (
            ImportRun.objects.filter(pk=run.pk)
            .exclude(status__in=[RunStatus.QUEUED] if orphaned(run) else tasks.IN_PROGRESS)
            .delete()
        )
        if deleted:
            storage.delete_stored(run.stored_path)
            messages.success(request, _("The import and its file were deleted."))
            return redirect("wpimport_runs")
        messages.error(request, _("An import in progress cannot be deleted: wait for it to end."))
        return redirect("wpimport_progress", run.pk)
    return _render(request, "delete.html", _("Delete this import"), run=run)
