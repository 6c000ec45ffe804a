from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"
    verbose_name = _("Nashra core")

    def ready(self):
        from . import converters, signal_handlers  # noqa: F401

        converters.register()  # before any URLconf is loaded: the URLs use <id:...>
