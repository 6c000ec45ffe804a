"""Run one tick now (or for the slot of --at), as a worker would; it does nothing if a worker
already ran that slot. For operators without a running worker, and for tests."""

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_datetime

from nashra.newsroom import tick


class Command(BaseCommand):
    help = "Run the newsroom tick once for the current slot (or the slot of --at)."

    def add_arguments(self, parser):
        parser.add_argument("--at", default=None, help="an ISO 8601 time with its offset")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, at, worker_id, **options):
        ran = tick.run(parse_datetime(at) if at else None, worker=worker_id)
        if ran is None:
            self.stdout.write("skipped: another worker had this slot")
        else:
            self.stdout.write(f"ran slot {ran.slot.isoformat()}")
