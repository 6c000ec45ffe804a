from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_unlock(request.user)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("lockouts/", views.lockouts, name="lockout_list"),
        path("lockouts/unlock/", views.unlock, name="lockout_unlock"),
    ]


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return LockoutMenuItem(
        _("Locked-out sign-ins"), reverse("lockout_list"), icon_name="lock", order=900
    )
