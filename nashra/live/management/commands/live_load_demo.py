from django.core.management.base import BaseCommand

from nashra.live import demo


class Command(BaseCommand):
    help = "Load the demo's live coverage page in each edition, with its entries (idempotent)."

    def handle(self, *args, **options):
        made = demo.load()
        self.stdout.write(f"Demo live coverage: {made} page(s) created.")
