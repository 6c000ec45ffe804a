from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "nashra.distribution"
    label = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from . import prior_state, signal_handlers  # noqa: F401

        prior_state.connect()
