from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import urls
from .views.reset import RESET_ACTION, can_reset


@hooks.register("register_admin_urls")
def two_factor_urls():
    return urls.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_2fa"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app, passkeys and recovery codes for signing in."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if can_reset(request_user, user):
        yield Button(
            _("Reset two-factor authentication"),
            reverse("accounts_2fa_reset", args=[user.pk]),
            priority=60,
        )


@hooks.register("register_log_actions")
def two_factor_log_actions(actions):
    actions.register_action(
        RESET_ACTION, _("Reset two-factor authentication"), _("Two-factor authentication reset")
    )
