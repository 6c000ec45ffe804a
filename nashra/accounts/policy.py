"""Who must present a second factor before using the admin (NASHRA_2FA_REQUIRED)."""

from django.conf import settings

from .devices import has_primary_factor

SCOPES = ("staff", "superusers", "off")


def scope():
    return getattr(settings, "NASHRA_2FA_REQUIRED", "off")


def can_use_admin(user):
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def is_required(user):
    """True when the scope obliges this user to enrol before using the admin."""
    if not can_use_admin(user):
        return False
    current = scope()
    if current == "staff":
        return True
    return current == "superusers" and user.is_superuser


def needs_verification(user):
    """True when this session must still prove the second factor: the scope requires it, or
    the user enrolled of their own accord (an enrolled factor always protects its account)."""
    if not can_use_admin(user) or user.is_verified():
        return False
    return is_required(user) or has_primary_factor(user)
