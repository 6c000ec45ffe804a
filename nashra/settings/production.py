"""Production settings: everything host-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated). Optional: DATABASE_URL (SQLite by
default), REDIS_URL (cache), MEDIA_STORAGE (S3-compatible media storage), CSRF_TRUSTED_ORIGINS,
SECURE_SSL_REDIRECT, EMAIL_URL-style settings below, NASHRA_2FA_REQUIRED and the passkey
settings (docs/operators/two-factor.md).
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from nashra.core.storage_url import storage_from_url

from .base import *  # noqa: F403


def _required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


def _list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _flag(name):
    return os.environ.get(name, "false").lower() in ("1", "true", "yes")


def _on_unless_off(name):
    """A setting on by default: only 0, false or no turn it off."""
    return os.environ.get(name, "true").lower() not in ("0", "false", "no")


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS") or _required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")

# The cache holds rate-limit counters and the page cache, so every worker must share it:
# Redis when REDIS_URL is set, otherwise files on this machine (never per-process memory).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis failing open: with Redis unreachable, reads miss and writes are
            # skipped, and Redis is tried again every RETRY_AFTER seconds
            # (docs/operators/degraded-mode.md).
            "BACKEND": "nashra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Change it to start a cache afresh (sites sharing a Redis need one each, and a
            # deploy that changes the shape of cached pages or pieces needs a new one).
            "KEY_PREFIX": os.environ.get("NASHRA_CACHE_KEY_PREFIX", "nashra"),
            "OPTIONS": {
                # A Redis on the local network answers in well under a millisecond; these
                # bound what an unreachable one costs the request that finds out.
                "SOCKET_CONNECT_TIMEOUT": float(
                    os.environ.get("NASHRA_CACHE_CONNECT_TIMEOUT", "0.5")
                ),
                "SOCKET_TIMEOUT": float(os.environ.get("NASHRA_CACHE_TIMEOUT", "1")),
                "RETRY_AFTER": float(os.environ.get("NASHRA_CACHE_RETRY_AFTER", "5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("NASHRA_CACHE_DIR", str(BASE_DIR / "cache")),  # noqa: F405
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Uploaded media (images, renditions, documents): S3-compatible storage when MEDIA_STORAGE
# is set (s3://bucket?endpoint_url=...), otherwise files under MEDIA_ROOT.
if os.environ.get("MEDIA_STORAGE", "").strip():
    STORAGES["default"] = storage_from_url(os.environ["MEDIA_STORAGE"])  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT")
# Load balancers probe /healthz over plain HTTP on the private side of the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Secure cookies on every HTTPS request (nashra.core.security.SecureCookiesMiddleware, also
# behind a TLS proxy that redirects by itself); always, when the site is an https:// one.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT or os.environ.get(
    "NASHRA_PUBLIC_URL", ""
).startswith("https://")
# Sent on HTTPS responses only (Django's SecurityMiddleware), so on by default: a year.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# Mail is sent while a reader waits; what the server does not take in time goes to the
# outbox (nashra.core.outbox), sent by `manage.py core_send_outbox` from cron.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
NASHRA_MODERATION_EMAILS = _list("NASHRA_MODERATION_EMAILS")
for _name in (
    "NASHRA_VOTES_PER_ADDRESS_PER_MINUTE",
    "NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY",
    "NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN",
    "NASHRA_COMMENT_WRITERS",
    "NASHRA_COMMENT_WAITING",
):
    if os.environ.get(_name):
        globals()[_name] = int(os.environ[_name])
if os.environ.get("NASHRA_COMMENT_WRITE_WAIT_SECONDS"):
    NASHRA_COMMENT_WRITE_WAIT_SECONDS = float(os.environ["NASHRA_COMMENT_WRITE_WAIT_SECONDS"])
NASHRA_PAGE_CACHE = os.environ.get("NASHRA_PAGE_CACHE", "true").lower() in ("1", "true", "yes")
# Seconds a worker may trust the versions it holds without hearing of a purge (with Redis
# only; purges arrive over pub/sub at once, this bounds the damage of a lost message).
NASHRA_PAGE_CACHE_VERSION_TTL = float(os.environ.get("NASHRA_PAGE_CACHE_VERSION_TTL", "10"))
NASHRA_PAGE_CACHE_WORKER_BYTES = int(os.environ.get("NASHRA_PAGE_CACHE_WORKER_BYTES", 8 << 20))
NASHRA_PUBLIC_URL = os.environ.get("NASHRA_PUBLIC_URL", "")
if os.environ.get("NASHRA_FRONT_CACHE_URL"):
    # The nginx of deploy/nginx/ (or Varnish): it accepts PURGE from the app servers.
    WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "nashra.core.front_cache.KeepAliveHTTPBackend",
            "LOCATION": os.environ["NASHRA_FRONT_CACHE_URL"],
        }
    }
# The front cache's addresses are worked out and purged in a thread once a change has
# committed: an editor's publish does not wait for them (docs/developers/purging.md).
NASHRA_PURGE_IN_BACKGROUND = _on_unless_off("NASHRA_PURGE_IN_BACKGROUND")
# With the worker (deploy/worker.py) down, a reader's 404 or an admin page publishes what is
# overdue (docs/operators/worker.md); "false" leaves it to the worker alone.
NASHRA_SAFETY_NET = _on_unless_off("NASHRA_SAFETY_NET")
NASHRA_TRUSTED_PROXY_HEADER = os.environ.get("NASHRA_TRUSTED_PROXY_HEADER", "")
NASHRA_CAPTCHA_DIFFICULTY = int(os.environ.get("NASHRA_CAPTCHA_DIFFICULTY", "100000"))
NASHRA_ADDRESS_HASH_RETENTION_DAYS = int(os.environ.get("NASHRA_ADDRESS_HASH_RETENTION_DAYS", "30"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost")

# Staff two-factor authentication: required of everyone who can reach the admin unless
# NASHRA_2FA_REQUIRED says "superusers" or "off". Passkeys are bound to the admin's domain
# (the RP ID); set NASHRA_PASSKEY_RP_ID to a parent domain to share them across subdomains.
NASHRA_2FA_REQUIRED = os.environ.get("NASHRA_2FA_REQUIRED", "staff").strip().lower()
_admin_url = urlsplit(WAGTAILADMIN_BASE_URL)
OTP_WEBAUTHN_RP_ID = os.environ.get("NASHRA_PASSKEY_RP_ID") or _admin_url.hostname or ""
OTP_WEBAUTHN_ALLOWED_ORIGINS = _list("NASHRA_PASSKEY_ORIGINS") or [
    f"{_admin_url.scheme}://{_admin_url.netloc}"
]
# Browsers offer passkeys over HTTPS only. A plain-HTTP admin keeps the app and recovery codes,
# and accounts.W002 says why passkeys are missing, instead of an error failing every command.
if any(not o.startswith(SECURE_ORIGINS) for o in OTP_WEBAUTHN_ALLOWED_ORIGINS):  # noqa: F405
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "otp_webauthn.E031"]

# An operator's additions to (or, `-word`, removals from) the search's protected Arabic words.
NASHRA_SEARCH_PROTECTED_WORDS_EXTRA = os.environ.get("NASHRA_SEARCH_PROTECTED_WORDS") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
