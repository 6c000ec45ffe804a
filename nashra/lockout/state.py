"""Which sign-ins are locked out now, for the admin's list and its Unlock button."""

from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


@dataclass
class AccountLockout:
    username: str
    failures: int = 0
    addresses: int = 0
    locked_addresses: int = 0
    last_attempt: object = None
    until: object = None
    account_locked: bool = False


def recent_failures(now=None):
    """Accounts with failures inside the cool-off window, the locked ones first."""
    now = now or timezone.now()
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    )
    accounts = {}
    for row in rows:
        name = row["username"] or ""
        account = accounts.setdefault(name, AccountLockout(username=name))
        account.failures += row["failures"]
        account.addresses += 1
        account.locked_addresses += row["failures"] >= settings.AXES_FAILURE_LIMIT
        account.last_attempt = max(filter(None, [account.last_attempt, row["last"]]))
    for account in accounts.values():
        account.account_locked = account.failures >= settings.NASHRA_LOCKOUT_ACCOUNT_FAILURE_LIMIT
        account.until = account.last_attempt + cool_off
    return sorted(
        accounts.values(),
        key=lambda a: (not (a.locked_addresses or a.account_locked), a.username),
    )
