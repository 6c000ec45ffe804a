"""One sign-in at a time per account, so that concurrent guesses cannot overrun the limit.

axes checks the count, then the password is checked, then the failure is recorded: twenty
guesses sent at once would all pass the check before any was recorded. A sign-in POST runs
in a transaction that first takes a lock named after the account (PostgreSQL: an advisory
lock; SQLite: the write lock every transaction takes as it begins, see settings/database.py),
so the next guess for that account reads the count this one recorded.
"""

from django.conf import settings
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse


def _is_sign_in(request):
    # Only the admin's sign-in form: reading request.POST on any other POST would consume a
    # body its view must read itself (engagement forms check the raw bytes first).
    try:
        return request.path == reverse("wagtailadmin_login")
    except NoReverseMatch:
        return False


class SerialSignInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or not _is_sign_in(request):
            return self.get_response(request)
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
        if username is not None:
            # The sign-in form strips the name before it is checked and counted: " editor"
            # and "editor\t" are one account and must wait for the same lock.
            username = username.strip()
        if username is None or settings.AXES_PASSWORD_FORM_FIELD not in request.POST:
            return self.get_response(request)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 7011))",
                        ["nashra-sign-in:" + username],
                    )
            return self.get_response(request)
