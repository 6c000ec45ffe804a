from django.urls import include, path

from .views import enrol, manage, reset, verify

# Mounted under the admin by wagtail_hooks (so Wagtail checks admin access and applies the
# user's admin language); the middleware lets unverified staff reach only verify/ and enrol/.
urlpatterns = [
    path("two-factor/", manage.overview, name="accounts_2fa"),
    path("two-factor/verify/", verify.verify, name="accounts_2fa_verify"),
    path("two-factor/enrol/", enrol.choose, name="accounts_2fa_enrol"),
    path("two-factor/enrol/app/", enrol.authenticator_app, name="accounts_2fa_enrol_app"),
    path("two-factor/enrol/done/", enrol.done, name="accounts_2fa_enrol_done"),
    path("two-factor/passkeys/", include("django_otp_webauthn.urls")),
    path("two-factor/recovery-codes/", manage.recovery_codes, name="accounts_2fa_recovery_codes"),
    path(
        "two-factor/remove/<str:kind>/<int:device_id>/", manage.remove, name="accounts_2fa_remove"
    ),
    path("two-factor/reset/<str:user_pk>/", reset.reset_user, name="accounts_2fa_reset"),
]
