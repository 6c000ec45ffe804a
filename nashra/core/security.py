"""Response headers and cookie flags that harden every page: the Content-Security-Policy
(django-csp, one policy for the public site and one for the admin), Permissions-Policy, and
Secure cookies on every HTTPS request. Policies live in settings; see
docs/operators/lockout-and-headers.md for why each admin relaxation exists."""

from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def media_origins():
    """Where uploaded media are served from when not from this site (S3, a CDN): pages show
    their images, so the policy must allow that origin. Asked of the storage itself, so it
    agrees with every URL it builds."""
    parts = urlsplit(default_storage.url("nashra-csp-probe"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


@receiver(setting_changed)
def _forget_media_origins(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_URL"):
        media_origins.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = default_config(settings.NASHRA_ADMIN_CONTENT_SECURITY_POLICY)
        origins = media_origins()
        if origins:
            parts.update = {**(parts.update or {}), "img-src": origins, "media-src": origins}
        return parts


class PermissionsPolicyMiddleware:
    """Turns off browser features no Nashra page uses, for the page and anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(
            f"{name}=({' '.join(allow)})"
            for name, allow in settings.NASHRA_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response


class SecureCookiesMiddleware:
    """Marks every cookie Secure on a request that arrived over HTTPS (request.is_secure(),
    which trusts SECURE_PROXY_SSL_HEADER behind a TLS proxy), whatever SESSION_COOKIE_SECURE
    and CSRF_COOKIE_SECURE say: a proxy that redirects to HTTPS by itself leaves
    SECURE_SSL_REDIRECT off. Placed above the middleware that set cookies, so it sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response
