from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "nashra.engagement"
    label = "engagement"
    verbose_name = _("Reader engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from nashra.newsroom import jobs

        from . import checks, vote_queue, vote_signals  # noqa: F401 - they register themselves

        jobs.register_frequent(
            "engagement_flush_votes",
            lambda: vote_queue.flush_votes(),
            lambda: settings.NASHRA_VOTES_FLUSH_SECONDS,
        )
