"""Settings shared by every environment.

Only DATABASE_URL and TIME_ZONE are read here, because tests and the demo need them too;
everything secret or host-specific is read in production.py.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .database import database

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "nashra.core",
    "nashra.accounts",
    "nashra.images",
    "nashra.news",
    "nashra.live",
    "nashra.engagement",
    "nashra.distribution",
    "nashra.search",
    "nashra.lockout",
    "nashra.newsroom",
    "nashra.wpimport",
    "django_tasks_db",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "nashra.desk",  # after wagtail.admin: its ready() replaces the workflow e-mails
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nashra.core.security.ContentSecurityPolicyMiddleware",
    "nashra.core.security.PermissionsPolicyMiddleware",
    "nashra.core.security.SecureCookiesMiddleware",  # above every middleware that sets cookies
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the locale redirect of "/": old WordPress addresses (/?p=123) answer 301.
    "nashra.wpimport.middleware.LegacyQueryRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware must come before CommonMiddleware (i18n_patterns redirects).
    "nashra.core.middleware.LocaleMiddleware",
    "nashra.core.digits.DigitsMiddleware",  # the edition's digits, while the page renders
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "nashra.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "nashra.core.middleware.PageRouteCacheMiddleware",
    # With the worker down, an admin page or a reader's 404 publishes what is overdue.
    "nashra.newsroom.safety_net.SafetyNetMiddleware",
    # Last, as django-axes asks: sign-ins one at a time per account, then the lockout page.
    "nashra.lockout.middleware.SerialSignInMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nashra.urls"
WSGI_APPLICATION = "nashra.wsgi.application"

# The public site renders with Jinja2 (several times faster than Django templates for
# article pages); the Wagtail admin keeps Django templates.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PROJECT_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "nashra.core.jinja2_env.environment",
            "extensions": [
                "jinja2.ext.i18n",
                "wagtail.jinja2tags.core",
                "wagtail.images.jinja2tags.images",
                "wagtail.contrib.settings.jinja2tags.settings",
            ],
            "auto_reload": False,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# The newsroom's own time zone (e.g. "Asia/Amman"): the admin shows the times Nashra renders
# (schedules, embargoes, due times) in it and in UTC. Empty: TIME_ZONE.
NASHRA_NEWSROOM_TIME_ZONE = os.environ.get("NASHRA_NEWSROOM_TIME_ZONE", "")

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail settings
WAGTAIL_SITE_NAME = "Nashra"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILIMAGES_IMAGE_MODEL = "images.NashraImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Text is normalized and stemmed by nashra.core.text_analysis before indexing and querying,
# so PostgreSQL must not stem it again: "simple" keeps terms as they are.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "nashra.search.backend", "SEARCH_CONFIG": "simple"}
}
# Arabic function words that search never folds into content words (على stays apart from the
# name علي): the shipped list, then an operator's file whose lines add words or, `-word`, remove
# them (README "Search"; re-index after a change). Another dictionary: NASHRA_SEARCH_MORPHOLOGY.
NASHRA_SEARCH_PROTECTED_WORDS_FILES = [BASE_DIR / "nashra/core/data/protected_words_ar.txt"]
NASHRA_SEARCH_PROTECTED_WORDS_EXTRA = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Embeds render as privacy-preserving link cards; never fetch oEmbed from third parties.
WAGTAILEMBEDS_FINDERS = []

# django-taggit: keep Arabic letters in tag slugs.
TAGGIT_CASE_INSENSITIVE = True

# Tasks (the Django tasks API, django-tasks on Django 5.2). Wagtail's own (search index and
# references on save) stay on the default backend, run at once in the saving process, so a
# publish is searchable when it returns; the newsroom's long jobs (a full reindex) go to the
# database and the worker runs them (nashra/newsroom, docs/operators/worker.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "newsroom": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
# The worker's tick (nashra.newsroom.tick): how often it wakes, and whether a reader's 404 or
# an admin page publishes what is overdue when the worker has not.
NASHRA_TICK_SECONDS = float(os.environ.get("NASHRA_TICK_SECONDS", "60"))
NASHRA_SAFETY_NET = True

# WordPress import (nashra.wpimport.media): the largest media file it downloads or reads, and
# the longest one download may take (redirects included).
NASHRA_IMPORT_MAX_MEDIA_BYTES = int(
    os.environ.get("NASHRA_IMPORT_MAX_MEDIA_BYTES", str(25 * 1024 * 1024))
)
NASHRA_IMPORT_MEDIA_TIMEOUT = float(os.environ.get("NASHRA_IMPORT_MEDIA_TIMEOUT", "20"))

# Full-page cache in front of Django (nashra.core.page_cache); on in production.
NASHRA_PAGE_CACHE = False
NASHRA_PAGE_CACHE_VERSION_TTL = 0  # production: 10 s with Redis (nashra.core.local_versions)
# The cache namespace (nashra.core.code_version): empty for a digest of the installed code, or
# the operator's name for the release (a git revision) shared by every server running it.
NASHRA_CODE_VERSION = os.environ.get("NASHRA_CODE_VERSION", "")
# Front cache (nginx, Varnish, a CDN): purged by URL through Wagtail's frontend-cache backends,
# one URL per page (our URLs already carry their language, so no per-language copies).
WAGTAILFRONTENDCACHE = {}
WAGTAILFRONTENDCACHE_LANGUAGES = []
NASHRA_PUBLIC_URL = ""  # e.g. https://news.example.org; default: the Wagtail site's root URL

# Nashra settings
NASHRA_ARTICLES_PER_PAGE = 12
# Which digits the request's edition shows (nashra.core.digits; docs/operators/typography.md).
NASHRA_DIGITS_RESOLVER = "nashra.news.navigation.edition_digits"
NASHRA_JINJA2_GLOBALS = {
    "edition": "nashra.news.navigation.edition",
    "responsive_image": "nashra.images.presenters.responsive_image",
    "language_links": "nashra.news.navigation.language_links",
    "page_url": "nashra.news.navigation.page_url",
    "engagement_for": "nashra.engagement.presenters.engagement_for",
    "comment_counts": "nashra.engagement.presenters.comment_counts",
    "comment_page": "nashra.engagement.thread.requested_page",
    "thank_you": "nashra.engagement.caching.thank_you",
    "thank_you_flags": "nashra.engagement.caching.flags",
    "feed_links": "nashra.distribution.presenters.feed_links",
    "page_json_ld": "nashra.distribution.presenters.page_json_ld",
    "article_json_ld": "nashra.distribution.presenters.article_json_ld",
    "hreflang_alternates": "nashra.distribution.presenters.alternates",
    "canonical_url": "nashra.distribution.presenters.canonical_url",
    "meta_description": "nashra.distribution.presenters.meta_description",
    "og_locale": "nashra.distribution.presenters.og_locale",
    "with_x_default": "nashra.distribution.presenters.with_x_default",
    "share_links": "nashra.distribution.share.share_links",
    "corrections_log_url": "nashra.news.corrections_log.corrections_log_url",
    "corrections_log_alternates": "nashra.news.corrections_log.log_alternates",
    "corrections_policy_slug": "nashra.news.corrections_log.POLICY_SLUG",
    "corrections_feed_urls": "nashra.distribution.scopes.corrections_feed_urls",
    "feed_urls": "nashra.distribution.scopes.feed_urls",
    "other_editions": "nashra.news.navigation.other_editions",
    "latest_stories": "nashra.news.navigation.latest_stories",
    "breaking_banner": "nashra.news.breaking.banner",
}
# The admin must not call out either: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# WordPress import in the admin (nashra.wpimport; docs/operators/wordpress-import-admin.md).
# Uploaded exports are kept here, never under MEDIA_ROOT (they hold drafts and e-mails).
NASHRA_IMPORT_ROOT = Path(os.environ.get("NASHRA_IMPORT_ROOT", BASE_DIR / "var" / "imports"))
NASHRA_IMPORT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024
# Where the admin may read a copy of wp-content/uploads from (the command line may read any
# folder): a staff account must not be able to point the import at the rest of the server.
NASHRA_IMPORT_UPLOADS_DIRS = [
    Path(p)
    for p in os.environ.get(
        "NASHRA_IMPORT_UPLOADS_DIRS", str(NASHRA_IMPORT_ROOT / "uploads")
    ).split(os.pathsep)
    if p
]

# Reader engagement (nashra.engagement)
NASHRA_CAPTCHA_DIFFICULTY = 100_000  # ALTCHA max number: see docs/developers/decisions.md
NASHRA_CAPTCHA_TTL_SECONDS = 20 * 60
NASHRA_COMMENT_MAX_LENGTH = 3000
NASHRA_COMMENT_NAME_MAX_LENGTH = 80
# Top-level comments (each with its replies) per page of an article's thread.
NASHRA_COMMENTS_PER_PAGE = 50
# The comment form reads a form-encoded body up to this size (past DATA_UPLOAD_MAX_MEMORY_SIZE),
# so that a reader who pasted far too much gets the text back to shorten it.
NASHRA_COMMENT_FORM_MAX_BYTES = 10 * 1024 * 1024
NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN = 5
NASHRA_VOTES_PER_ADDRESS_PER_MINUTE = 30
NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY = 10
# Votes in Redis when the default cache is Redis, flushed to the database by the worker every
# NASHRA_VOTES_FLUSH_SECONDS; NASHRA_VOTE_LANE answers them before Django
# (docs/developers/votes.md).
NASHRA_VOTES_IN_REDIS = True
NASHRA_VOTE_LANE = True
NASHRA_VOTES_FLUSH_SECONDS = 1.0
NASHRA_FLAGS_TO_HOLD = 3
NASHRA_ADDRESS_HASH_RETENTION_DAYS = 30
NASHRA_MODERATION_EMAILS = []  # extra addresses told of new pending comments
NASHRA_TRUSTED_PROXY_HEADER = ""
DEFAULT_FROM_EMAIL = "newsroom@localhost"

# Staff two-factor authentication (nashra.accounts; docs/operators/two-factor.md)
# Who must use a second factor for the admin: "staff" (everyone who can reach it), "superusers"
# or "off". Production requires it of staff; here it is off so the demo editor signs in simply.
# Anyone who has enrolled anyway is asked for their second factor whatever the scope.
NASHRA_2FA_REQUIRED = "off"
NASHRA_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1  # wrong codes wait 1, 2, 4, 8 ... seconds
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys (django-otp-webauthn) are a second factor only: the password comes first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
# A passkey belongs to a domain, never an IP address: locally, browse http://localhost:8000.
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]
SECURE_ORIGINS = ("https://", "http://localhost")  # where browsers offer passkeys

# Staff sign-in lockout (django-axes, nashra.lockout); docs/operators/lockout-and-headers.md
AXES_HANDLER = "nashra.lockout.handler.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "nashra.lockout.address.pseudonymous_address"  # no raw addresses
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5  # per account and address, within the cool-off
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nashra.lockout.responses.locked_out"
NASHRA_LOCKOUT_ACCOUNT_FAILURE_LIMIT = 30  # per account from addresses it has not used lately
NASHRA_LOCKOUT_KNOWN_ADDRESS_DAYS = 30

# Content-Security-Policy (django-csp) and Permissions-Policy (nashra.core.security). Public
# pages run no inline script or style: pages are cached whole, so no nonces.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],  # the self-hosted faces in static/fonts
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin, as strict as it allows: each relaxation is explained in the doc above.
NASHRA_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "style-src-attr": ["'none'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
NASHRA_PERMISSIONS_POLICY = {
    name: []
    for name in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Live coverage (nashra.live): entries per page of a live page's stream, and how often
# readers' pages ask for updates (the updates' time bucket).
NASHRA_LIVE_ENTRIES_PER_PAGE = 20
NASHRA_LIVE_POLL_SECONDS = 10

# Comment floods (nashra.engagement.admission; docs/developers/concurrency.md):
# NASHRA_COMMENT_WRITERS posts per server process decide at once and NASHRA_COMMENT_WAITING
# more wait, each at most NASHRA_COMMENT_WRITE_WAIT_SECONDS for a turn and then for a database
# lock; any other post is refused (503, Retry-After) with the reader's text kept. The line is
# longer than a process has threads (SERVER_THREADS, 4): an ordinary burst (twenty readers at
# once) is taken in turn; a flood is refused by its waits running out, not by the line.
NASHRA_COMMENT_WRITERS = 2
NASHRA_COMMENT_WAITING = 8
NASHRA_COMMENT_WRITE_WAIT_SECONDS = 10.0

# Page types index the title analysed (nashra.news.models.base.AnalysedTitle) in place of
# Page's own title field; Wagtail's check looks for Page's field objects themselves, so it
# would name every page type. nashra/news/tests/test_search_fields.py checks instead that
# each keeps the rest of Page's fields and the analysed title.
SILENCED_SYSTEM_CHECKS = ["wagtailsearch.W001"]
