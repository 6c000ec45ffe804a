from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .models import LivePage


@hooks.register("register_admin_urls")
def live_desk_urls():
    return [
        path("live/<int:page_id>/entries/", admin_views.desk, name="live_desk"),
        path(
            "live/<int:page_id>/entries/<int:entry_id>/edit/",
            admin_views.edit,
            name="live_entry_edit",
        ),
        path(
            "live/<int:page_id>/entries/<int:entry_id>/delete/",
            admin_views.delete,
            name="live_entry_delete",
        ),
    ]


@hooks.register("register_page_header_buttons")
def live_entries_button(page, user, view_name, next_url=None):
    if page.specific_class is not LivePage or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Live entries"), reverse("live_desk", args=[page.pk]), icon_name="list-ul", priority=5
    )


@hooks.register("register_page_listing_buttons")
def live_entries_listing_button(page, user, next_url=None):
    if page.specific_class is not LivePage or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Live entries"), reverse("live_desk", args=[page.pk]), icon_name="list-ul", priority=5
    )


@hooks.register("register_log_actions")
def live_log_actions(actions):
    actions.register_action("nashra_live.entry_add", _("Add live entry"), _("Live entry added"))
    actions.register_action(
        "nashra_live.entry_edit", _("Change live entry"), _("Live entry changed")
    )
    actions.register_action(
        "nashra_live.entry_delete", _("Delete live entry"), _("Live entry deleted")
    )
