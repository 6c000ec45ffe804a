from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "nashra.desk"
    label = "desk"
    verbose_name = _("Editorial desk")

    def ready(self):
        from . import notifications, signal_handlers  # noqa: F401

        notifications.replace_wagtail_workflow_emails()
