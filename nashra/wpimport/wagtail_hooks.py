from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views as views


@hooks.register("register_admin_urls")
def wordpress_import_urls():
    return [
        path("wordpress-import/", views.runs, name="wpimport_runs"),
        path("wordpress-import/upload/", views.upload, name="wpimport_upload"),
        path("wordpress-import/<int:pk>/", views.run_detail, name="wpimport_run"),
        path("wordpress-import/<int:pk>/start/", views.start, name="wpimport_start"),
        path("wordpress-import/<int:pk>/progress/", views.progress, name="wpimport_progress"),
        path(
            "wordpress-import/<int:pk>/progress.json",
            views.progress_json,
            name="wpimport_progress_json",
        ),
        path("wordpress-import/<int:pk>/report/", views.report, name="wpimport_report"),
        path("wordpress-import/<int:pk>/report.csv", views.report_csv, name="wpimport_report_csv"),
        path("wordpress-import/<int:pk>/delete/", views.delete, name="wpimport_delete"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_settings_menu_item")
def wordpress_import_menu_item():
    return ImportMenuItem(
        _("WordPress import"), reverse("wpimport_runs"), icon_name="download", order=900
    )


@hooks.register("register_permissions")
def wordpress_import_permission():
    return Permission.objects.filter(
        content_type__app_label="wpimport", codename="run_wordpress_import"
    )
