"""Send the e-mails the mail server did not take when they were written (privacy links,
moderator notifications). Run it from cron every few minutes; it exits non-zero while mail is
still waiting."""

from django.core.management.base import BaseCommand, CommandError

from nashra.core import outbox


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox."

    def handle(self, *args, **options):
        sent, kept, expired = outbox.send_pending()
        self.stdout.write(f"Sent {sent}; still waiting {kept}; dropped {expired} expired.")
        if kept:
            raise CommandError(f"{kept} e-mails are still waiting; see the log for why.")
