from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "nashra.distribution"
    label = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from nashra.core import pending_purges

        from . import prior_state, signal_handlers
        from .purge_batch import EDITION
        from .purge_targets import edition_targets

        prior_state.connect()
        signal_handlers.connect()
        # A purge whose edition could not be worked out is kept as a marker; the retry
        # (core_retry_purges) recomputes the edition's addresses through this.
        pending_purges.recomputed_by(EDITION, edition_targets)
