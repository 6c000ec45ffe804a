"""Retry the purges that failed: front-cache URLs nginx did not take, and page-cache versions
Redis could not bump while it was unreachable. Run it from cron every few minutes; it exits
non-zero while some are still pending, so the cron mail or monitor says so."""

from django.core.management.base import BaseCommand, CommandError

from nashra.core import front_cache, page_cache


class Command(BaseCommand):
    help = "Retry the front-cache and page-cache purges that failed."

    def handle(self, *args, **options):
        front = front_cache.retry_failed_purges() if front_cache.enabled() else 0
        page = page_cache.retry_missed_purges()
        self.stdout.write(f"Front-cache purges still pending: {front}.")
        self.stdout.write(f"Page-cache purges still pending: {page}.")
        if front or page:
            raise CommandError("Some purges are still pending; see the log for why.")
