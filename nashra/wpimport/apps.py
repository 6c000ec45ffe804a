from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressImportConfig(AppConfig):
    name = "nashra.wpimport"
    label = "wpimport"
    verbose_name = _("WordPress import")
    default_auto_field = "django.db.models.BigAutoField"
