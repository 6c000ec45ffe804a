"""The news app's admin: scheduling with the twin, the embargo's lift, permission and history."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from nashra.core.newsroom_time import newsroom_and_utc
from nashra.news import admin_views, breaking, breaking_admin
from nashra.news.embargo import LIFT_ACTION, embargo_of
from nashra.news.forms import OVERRIDE_EMBARGO
from nashra.news.models import ArticlePage


@hooks.register("register_admin_urls")
def register_news_admin_urls():
    return [
        path(
            "news/articles/<int:page_id>/schedule-with-twin/",
            admin_views.schedule_with_twin_view,
            name="news_schedule_with_twin",
        )
    ]


class ScheduleWithTwinMenuItem(ActionMenuItem):
    label = _("Schedule with translation…")
    name = "action-schedule-with-twin"
    icon_name = "calendar-alt"
    order = 45

    def is_shown(self, context):
        page = context.get("page")
        if context["view"] != "edit" or context["locked_for_user"] or page is None:
            return False
        if not isinstance(page.specific_deferred, ArticlePage):
            return False
        return self.get_user_page_permissions_tester(context).can_publish()

    def get_url(self, parent_context):
        return reverse("news_schedule_with_twin", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_schedule_with_twin_menu_item():
    return ScheduleWithTwinMenuItem()


@hooks.register("register_admin_urls")
def embargo_urls():
    return [
        path("news/embargo/<int:page_id>/lift/", admin_views.lift_embargo, name="news_lift_embargo")
    ]


@hooks.register("register_permissions")
def embargo_permission():
    # Offered in Settings > Groups, so administrators can give it to chief editors.
    return Permission.objects.filter(
        content_type__app_label="news", codename=OVERRIDE_EMBARGO.split(".")[1]
    )


@hooks.register("register_page_header_buttons")
def lift_embargo_button(page, user, view_name, next_url=None):
    if not user.has_perm(OVERRIDE_EMBARGO) or page.specific_class is not ArticlePage:
        return
    if embargo_of(page.specific_deferred) is None:
        return
    yield Button(
        _("Lift embargo now"),
        reverse("news_lift_embargo", args=[page.pk]),
        icon_name="lock-open",
        priority=55,
    )


@hooks.register("after_publish_page")
def say_the_publish_waits_for_the_embargo(request, page):
    # Wagtail has just said "published": tell the editor it is not public yet.
    page = page.specific
    if isinstance(page, ArticlePage) and page.embargo_until and not page.live:
        when = newsroom_and_utc(page.embargo_until)
        messages.warning(
            request,
            _("“%(title)s” is under embargo: it goes public at %(time)s, when the embargo lifts.")
            % {"title": page.title, "time": when},
        )


@hooks.register("register_log_actions")
def embargo_log_actions(actions):
    @actions.register_action(LIFT_ACTION)
    class LiftEmbargo(LogFormatter):
        label = _("Lift embargo")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            until = parse_datetime(data.get("embargo_until") or "")
            when = newsroom_and_utc(until) if until else ""
            if data.get("early"):
                return _("Embargo (until %(time)s) lifted early") % {"time": when}
            return _("Embargo (until %(time)s) lifted at its time") % {"time": when}


@hooks.register("register_admin_urls")
def breaking_banner_urls():
    return [
        path("breaking-banner/", breaking_admin.index, name="news_breaking_banners"),
        path("breaking-banner/<str:language>/", breaking_admin.edit, name="news_breaking_banner"),
    ]


class BreakingBannerMenuItem(MenuItem):
    def is_shown(self, request):
        return breaking_admin.can_set(request.user)


@hooks.register("register_admin_menu_item")
def breaking_banner_menu_item():
    return BreakingBannerMenuItem(
        _("Breaking banner"), reverse("news_breaking_banners"), icon_name="warning", order=160
    )


@hooks.register("register_log_actions")
def breaking_banner_log_actions(actions):
    actions.register_action(
        breaking.SET_ACTION, _("Set breaking banner"), _("Breaking-news banner set")
    )
    actions.register_action(
        breaking.REMOVE_ACTION, _("Remove breaking banner"), _("Breaking-news banner removed")
    )
    actions.register_action(
        breaking.EXPIRE_ACTION, _("Breaking banner expired"), _("Breaking-news banner expired")
    )


@hooks.register("register_permissions")
def breaking_banner_permissions():
    # Offered in Settings > Groups; the desk's editor groups have them (migration 0012).
    return Permission.objects.filter(
        content_type__app_label="news",
        codename__in=["add_breakingbanner", "change_breakingbanner", "delete_breakingbanner"],
    )
