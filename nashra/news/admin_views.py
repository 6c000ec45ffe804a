from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from nashra.news.embargo import embargo_of, lift_embargo_early
from nashra.news.forms import OVERRIDE_EMBARGO
from nashra.news.models import ArticlePage


def lift_embargo(request, page_id):
    """Asks to confirm, then lifts the article's embargo (POST only)."""
    if not request.user.has_perm(OVERRIDE_EMBARGO):
        raise PermissionDenied
    article = get_object_or_404(ArticlePage, pk=page_id)
    edit_url = "wagtailadmin_pages:edit"
    until = embargo_of(article)
    if until is None:
        messages.info(request, _("This article is not under embargo."))
        return redirect(edit_url, page_id)
    if request.method == "POST":
        lift_embargo_early(article, request.user)
        messages.success(
            request, _("The embargo on “%(title)s” is lifted.") % {"title": article.title}
        )
        return redirect(edit_url, page_id)
    return TemplateResponse(
        request,
        "news/admin/lift_embargo.html",
        {"page": article, "embargo_until": until, "title": _("Lift embargo now")},
    )
