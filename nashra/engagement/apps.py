from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "nashra.engagement"
    label = "engagement"
    verbose_name = _("Reader engagement")
    default_auto_field = "django.db.models.BigAutoField"
