from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from nashra.news.demo.loader import NEWEST_AGE, DemoLoader, ensure_demo_editor


class Command(BaseCommand):
    help = (
        "Load the bilingual demo edition (idempotent), dated so that its newest article was "
        "published an hour ago, and create the demo editor account."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-editor", action="store_true", help="Skip the editor account.")

    def handle(self, *args, no_editor=False, **options):
        loader = DemoLoader(loaded_at=timezone.now())
        created = loader.load()
        self.stdout.write(
            f"Demo content: {created} page(s) created, {loader.redated} article(s) re-dated; "
            f"the newest was published {int(NEWEST_AGE.total_seconds() // 60)} minutes ago."
        )
        if not no_editor:
            username, password = ensure_demo_editor()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Editor account for {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/ — "
                    f"username: {username}  password: {password}"
                )
            )
