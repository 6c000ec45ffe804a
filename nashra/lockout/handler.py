"""django-axes' database handler with a second, account-wide limit.

axes counts failures per account and address (AXES_LOCKOUT_PARAMETERS): five wrong
passwords lock that pair for AXES_COOLOFF_TIME. An attacker who rotates addresses gets five
more guesses at each, so failures are also summed per account over the same window: past
NASHRA_LOCKOUT_ACCOUNT_FAILURE_LIMIT the account is closed to every address it has not
signed in from in the last NASHRA_LOCKOUT_KNOWN_ADDRESS_DAYS. Its owner at their usual
desk still gets in (their pair's own limit still applies), so a flood from elsewhere cannot
lock a real editor out.
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def account_failures(username, since):
    found = AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
    return found.aggregate(n=Sum("failures_since_start"))["n"] or 0


def is_known_address(username, address):
    if address is None:
        return False
    since = timezone.now() - timedelta(days=settings.NASHRA_LOCKOUT_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since
    ).exists()


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        at_address = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username is None:
            return at_address
        total = account_failures(username, get_cool_off_threshold(request))
        if total >= settings.NASHRA_LOCKOUT_ACCOUNT_FAILURE_LIMIT and not is_known_address(
            username, request.axes_ip_address
        ):
            return max(at_address, get_failure_limit(request, credentials))
        return at_address
