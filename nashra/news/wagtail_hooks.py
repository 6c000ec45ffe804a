from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from . import admin_views
from .models import ArticlePage


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
