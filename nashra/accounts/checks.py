import ipaddress

from django.conf import settings
from django.core.checks import Error, Warning, register

from .policy import SCOPES


@register()
def two_factor_settings(app_configs, **kwargs):
    problems = []
    if getattr(settings, "NASHRA_2FA_REQUIRED", "off") not in SCOPES:
        problems.append(
            Error(
                f"NASHRA_2FA_REQUIRED must be one of {', '.join(SCOPES)}.",
                id="accounts.E001",
            )
        )
    try:
        ipaddress.ip_address(settings.OTP_WEBAUTHN_RP_ID)
    except ValueError:
        pass
    else:
        problems.append(
            Warning(
                "OTP_WEBAUTHN_RP_ID is an IP address; browsers refuse passkeys for it.",
                hint="Serve the admin on a domain name (WAGTAILADMIN_BASE_URL) or set "
                "NASHRA_PASSKEY_RP_ID; authenticator apps and recovery codes still work.",
                id="accounts.W001",
            )
        )
    insecure = [
        o
        for o in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS
        if not o.startswith(settings.SECURE_ORIGINS)
    ]
    if insecure:
        problems.append(
            Warning(
                f"Passkeys need HTTPS; browsers will not offer them at {', '.join(insecure)}.",
                hint="Serve the admin over HTTPS (WAGTAILADMIN_BASE_URL, NASHRA_PASSKEY_ORIGINS); "
                "authenticator apps and recovery codes still work.",
                id="accounts.W002",
            )
        )
    return problems
