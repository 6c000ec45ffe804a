import os

from django.core.management.base import BaseCommand

from nashra.news.demo.loader import DemoLoader, ensure_demo_editor


class Command(BaseCommand):
    help = "Load the bilingual demo edition (idempotent) and create the demo editor account."

    def add_arguments(self, parser):
        parser.add_argument("--no-editor", action="store_true", help="Skip the editor account.")

    def handle(self, *args, no_editor=False, **options):
        created = DemoLoader().load()
        self.stdout.write(f"Demo content: {created} page(s) created.")
        if not no_editor:
            username, password = ensure_demo_editor()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Editor account for http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/ — "
                    f"username: {username}  password: {password}"
                )
            )
