from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from nashra.accounts.devices import remove_all
from nashra.accounts.views.reset import RESET_ACTION


class Command(BaseCommand):
    help = (
        "Remove every second factor (app, passkeys, recovery codes) of a user, who is then "
        "asked to enrol again at their next sign-in. For when nobody can use the admin's "
        "reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        remove_all(user)
        log(instance=user, action=RESET_ACTION)
        self.stdout.write(
            f"Two-factor authentication reset for {username}; "
            "they will enrol again at their next sign-in."
        )
