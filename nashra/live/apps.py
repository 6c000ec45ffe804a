from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "nashra.live"
    label = "live"
    verbose_name = _("Live coverage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The updates endpoint's purges (entry_changed, publish) and its cache declaration.
        from . import updates  # noqa: F401
