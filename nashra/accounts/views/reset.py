"""An administrator's way to let someone back in who lost every second factor: remove them all,
so the next sign-in asks that person to enrol again."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..devices import authenticator, passkeys, recovery_codes_left, remove_all

RESET_ACTION = "accounts.reset_2fa"


def can_reset(request_user, user):
    return request_user.is_superuser and request_user.pk != user.pk


def reset_user(request, user_pk):
    try:
        user = get_object_or_404(get_user_model(), pk=user_pk)
    except (ValueError, ValidationError):  # not a key this user model can have
        raise Http404 from None
    if not can_reset(request.user, user):
        raise PermissionDenied
    if request.method == "POST":
        remove_all(user)
        log(instance=user, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            _(
                "Two-factor authentication was reset for %(name)s. They will "
                "set it up again when they next sign in."
            )
            % {"name": user.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return render(
        request,
        "accounts/reset_confirm.html",
        {
            "target": user,
            "app": authenticator(user),
            "passkey_count": passkeys(user).count(),
            "codes_left": recovery_codes_left(user),
            "header_title": _("Reset two-factor authentication"),
            "page_title": _("Reset two-factor authentication"),
            "header_icon": "lock",
        },
    )
