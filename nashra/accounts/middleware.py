from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse

from . import policy
from .devices import has_primary_factor

# Reachable with a password alone: signing in and out, resetting a forgotten password, the
# admin's translations and icons, and the second-factor screens themselves (which check for
# themselves that a factor is never added to an enrolled account without proving one).
OPEN_ADMIN_URLS = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_2fa_verify",
    "accounts_2fa_enrol",
    *(
        f"otp_webauthn:credential-{step}"
        for step in (
            "registration-begin",
            "registration-complete",
            "authentication-begin",
            "authentication-complete",
        )
    ),
)


class TwoFactorMiddleware:
    """Sends a signed-in member of staff who has not proved their second factor in this
    session to the verification screen (or to enrolment when they have none) before any admin
    page. Public pages and the API are never touched: request.user is not even loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            admin = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin has nothing to guard
            return self.get_response(request)
        if request.path.startswith(admin) and not self._open(request.path):
            user = request.user
            if policy.needs_verification(user):
                name = "accounts_2fa_verify" if has_primary_factor(user) else "accounts_2fa_enrol"
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(name)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _open(path):
        return path.startswith(tuple(reverse(name) for name in OPEN_ADMIN_URLS))
