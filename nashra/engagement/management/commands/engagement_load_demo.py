from django.core.management.base import BaseCommand

from nashra.engagement import demo


class Command(BaseCommand):
    help = (
        "Load the demo comment policy, word-filter rules and comments (idempotent), posted "
        "minutes after the article they discuss."
    )

    def handle(self, *args, **options):
        demo.load(dated=True)
        self.stdout.write("Demo engagement: comment policy, word filter and comments ready.")
