from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "nashra.search"
    label = "nashra_search"
    verbose_name = _("Search")

    def ready(self):
        from . import signal_handlers  # noqa: F401 - connects its receivers
