from django.core.management.base import BaseCommand
from django.utils import timezone

from nashra.news.embargo import lift_due_embargoes


class Command(BaseCommand):
    help = "Lift the embargoes whose time has come (the worker's minute tick does this too)."

    def handle(self, *args, **options):
        lifted = lift_due_embargoes(timezone.now())
        self.stdout.write(f"Lifted {len(lifted)} embargo(es).")
