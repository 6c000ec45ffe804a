"""Admin views of the news app: scheduling an article and its twin together, lifting an
embargo early."""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nashra.core.newsroom_time import newsroom_and_utc, newsroom_zone, zone_label
from nashra.news.embargo import embargo_of, lift_embargo_early
from nashra.news.forms import OVERRIDE_EMBARGO
from nashra.news.models import ArticlePage

from .twin_schedule import check_can_schedule, schedule_with_twin, scheduled_at, twin_of


class ScheduleWithTwinForm(forms.Form):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Go live at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_go_live_at(self):
        # Typed in the newsroom's time zone, whatever the user's own preference.
        value = self.cleaned_data["go_live_at"]
        naive = value.replace(tzinfo=None) if isinstance(value, datetime) else value
        return naive.replace(tzinfo=newsroom_zone())


def schedule_with_twin_view(request, page_id):
    article = get_object_or_404(ArticlePage, pk=page_id)
    twin = twin_of(article)
    if twin is None:
        messages.error(request, _("This article has no translation to schedule with it."))
        return redirect("wagtailadmin_pages:edit", page_id)
    try:
        check_can_schedule(request.user, [article, twin])
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect("wagtailadmin_pages:edit", page_id)
    form = ScheduleWithTwinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        when = form.cleaned_data["go_live_at"]
        try:
            schedule_with_twin(article, request.user, when)
        except ValidationError as invalid:
            form.add_error("go_live_at", invalid)
        else:
            messages.success(
                request,
                _("“%(article)s” and “%(twin)s” are scheduled to go live at %(when)s.")
                % {
                    "article": article.get_admin_display_title(),
                    "twin": twin.get_admin_display_title(),
                    "when": newsroom_and_utc(when),
                },
            )
            return redirect("wagtailadmin_pages:edit", page_id)
    return TemplateResponse(
        request,
        "news/admin/schedule_with_twin.html",
        {
            "title": _("Schedule with the translation"),
            "article": article,
            "twin": twin,
            "form": form,
            "zone": zone_label(newsroom_zone()),
            "schedules": schedules(article, twin),
        },
    )


def schedules(article, twin):
    """(page, its edition, when it is scheduled to go live or None) for the pair."""
    return [
        (page, page.locale.get_display_name(), scheduled_at(page))
        for page in (article, twin)
        if page is not None
    ]


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
