from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import board

BOARD_PERMISSION = "wagtailadmin.access_admin"


def can_see_board(user):
    # Everyone on the desk works in the admin; the board only lists titles and planning.
    return user.is_active and user.has_perm(BOARD_PERMISSION)


def _int_or_none(value):
    return int(value) if value and value.isdigit() else None


def desk_board(request):
    if not can_see_board(request.user):
        raise PermissionDenied
    now = timezone.now()
    chosen = {
        "section": _int_or_none(request.GET.get("section")),
        "assignee": _int_or_none(request.GET.get("assignee")),
        "status": request.GET.get("status")
        if request.GET.get("status") in dict(board.statuses())
        else None,
        "language": request.GET.get("language")
        if request.GET.get("language") in ("en", "ar")
        else None,
    }
    sections, assignees = board.filter_choices()
    groups = board.stories(now, **chosen)
    return TemplateResponse(
        request,
        "desk/board.html",
        {
            "page_title": _("Desk"),
            "header_icon": "tasks",
            "groups": groups,
            "count": sum(len(rows) for _title, rows in groups),
            "chosen": chosen,
            "sections": sections,
            "assignees": assignees,
            "statuses": board.statuses(),
            "languages": [("en", _("English")), ("ar", _("Arabic"))],
            "now": now,
        },
    )
