"""The long tasks page: each task the worker ran or will run, its status and progress."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from . import status
from .models import TaskProgress
from .tasks import rebuild_search_index

START_PERMISSION = "newsroom.start_long_tasks"
SHOWN = 50


def can_start(user):
    return user.has_perm(START_PERMISSION)


def tasks_report(request):
    results = list(DBTaskResult.objects.order_by("-enqueued_at")[:SHOWN])
    progress = {
        p.task_id: p for p in TaskProgress.objects.filter(task_id__in=[r.id for r in results])
    }
    rows = [
        {
            "result": result,
            "name": _(progress[result.id].label) if result.id in progress else result.task_name,
            "progress": progress.get(result.id),
        }
        for result in results
    ]
    return TemplateResponse(
        request,
        "newsroom/admin/tasks.html",
        {
            "title": _("Background tasks"),
            "rows": rows,
            "can_start": can_start(request.user),
            "worker": status.worker_status(),
        },
    )


@require_POST
def start_reindex(request):
    if not can_start(request.user):
        return permission_denied(request)
    rebuild_search_index.enqueue()
    messages.success(request, _("The search index will be rebuilt by the background worker."))
    return redirect("newsroom_tasks")
