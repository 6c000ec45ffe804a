from django.contrib.auth.models import Permission
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, status
from .safety_net import catch_up


class WorkerPanel(Component):
    """The dashboard's word on the worker: ticking or not, and what is overdue."""

    name = "newsroom_worker"
    template_name = "newsroom/admin/worker_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {
            **status.worker_status(),
            "caught_up": getattr(self.request, "newsroom_caught_up", []),
        }


@hooks.register("construct_homepage_panels")
def worker_panel(request, panels):
    panels.insert(0, WorkerPanel(request))


@hooks.register("before_serve_page")
def take_down_expired(page, request, serve_args, serve_kwargs):
    """A page past its expiry that the worker has not taken down yet (it is down): take it
    down now, and answer as for any unpublished page. Nothing is read for other pages."""
    if page.expire_at is not None and page.expire_at <= timezone.now():
        catch_up(known_due=True)
        raise Http404


@hooks.register("register_admin_urls")
def tasks_urls():
    return [
        path("newsroom/tasks/", admin_views.tasks_report, name="newsroom_tasks"),
        path("newsroom/tasks/reindex/", admin_views.start_reindex, name="newsroom_reindex"),
    ]


@hooks.register("register_permissions")
def start_permission():
    return Permission.objects.filter(
        content_type__app_label="newsroom", codename="start_long_tasks"
    )


@hooks.register("register_reports_menu_item")
def tasks_menu_item():
    return MenuItem(_("Background tasks"), reverse("newsroom_tasks"), icon_name="cogs", order=720)
