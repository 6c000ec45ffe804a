"""Write the votes queued in Redis to the database now (the worker does it every second)."""

from django.core.management.base import BaseCommand

from nashra.engagement import vote_queue


class Command(BaseCommand):
    help = "Write the votes queued in Redis to the database now."

    def handle(self, *args, **options):
        outcome = vote_queue.flush_votes()
        self.stdout.write(outcome or "Votes are not kept in Redis here: nothing to flush.")
