from django.core.management.base import BaseCommand

from nashra.engagement import demo


class Command(BaseCommand):
    help = "Load the demo comment policy, word-filter rules and comments (idempotent)."

    def handle(self, *args, **options):
        demo.load()
        self.stdout.write("Demo engagement: comment policy, word filter and comments ready.")
