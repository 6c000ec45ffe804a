"""Settings → Locked-out sign-ins: who is locked out now, and an Unlock button."""

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import state

PERMISSION = "axes.delete_accessattempt"


def can_unlock(user):
    return user.has_perm(PERMISSION)


def _check(request):
    if not can_unlock(request.user):
        raise PermissionDenied


def lockouts(request):
    _check(request)
    return TemplateResponse(
        request,
        "lockout/admin/index.html",
        {"title": _("Locked-out sign-ins"), "accounts": state.recent_failures()},
    )


@require_POST
def unlock(request):
    _check(request)
    username = request.POST.get("username", "")
    if username:
        cleared = AxesProxyHandler.reset_attempts(username=username)
    else:  # failures with no account name (axes would read None as "every account")
        cleared, _rows = AccessAttempt.objects.filter(Q(username="") | Q(username=None)).delete()
    if cleared:
        messages.success(request, _("“%(username)s” can sign in again.") % {"username": username})
    else:
        messages.warning(request, _("“%(username)s” was not locked out.") % {"username": username})
    return redirect("lockout_list")
