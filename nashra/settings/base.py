"""Settings shared by every environment.

Only DATABASE_URL and TIME_ZONE are read here, because tests and the demo need them too;
everything secret or host-specific is read in production.py.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .database import database

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "nashra.core",
    "nashra.images",
    "nashra.news",
    "nashra.engagement",
    "nashra.distribution",
    "nashra.search",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware must come before CommonMiddleware (i18n_patterns redirects).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "nashra.core.middleware.PageRouteCacheMiddleware",
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

DATABASES = {"default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.NashraImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Text is normalized and stemmed by nashra.core.text_analysis before indexing and querying,
# so PostgreSQL must not stem it again: "simple" keeps terms as they are.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "nashra.search.backend", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Embeds render as privacy-preserving link cards; never fetch oEmbed from third parties.
WAGTAILEMBEDS_FINDERS = []

# django-taggit: keep Arabic letters in tag slugs.
TAGGIT_CASE_INSENSITIVE = True

# Full-page cache in front of Django (nashra.core.page_cache); on in production.
NASHRA_PAGE_CACHE = False
NASHRA_PAGE_CACHE_VERSION_TTL = 0  # production: 10 s with Redis (nashra.core.local_versions)
# Front cache (nginx, Varnish, a CDN): purged by URL through Wagtail's frontend-cache backends,
# one URL per page (our URLs already carry their language, so no per-language copies).
WAGTAILFRONTENDCACHE = {}
WAGTAILFRONTENDCACHE_LANGUAGES = []
NASHRA_PUBLIC_URL = ""  # e.g. https://news.example.org; default: the Wagtail site's root URL

# Nashra settings
NASHRA_ARTICLES_PER_PAGE = 12
NASHRA_JINJA2_GLOBALS = {
    "edition": "nashra.news.navigation.edition",
    "language_links": "nashra.news.navigation.language_links",
    "page_url": "nashra.news.navigation.page_url",
    "engagement_for": "nashra.engagement.presenters.engagement_for",
    "comment_counts": "nashra.engagement.presenters.comment_counts",
    "comment_page": "nashra.engagement.thread.requested_page",
    "feed_links": "nashra.distribution.presenters.feed_links",
    "page_json_ld": "nashra.distribution.presenters.page_json_ld",
    "article_json_ld": "nashra.distribution.presenters.article_json_ld",
    "hreflang_alternates": "nashra.distribution.presenters.alternates",
}
# The admin must not call out either: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Reader engagement (nashra.engagement)
NASHRA_CAPTCHA_DIFFICULTY = 100_000  # ALTCHA max number: ~0.1–0.5 s of hashing in a browser
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
NASHRA_FLAGS_TO_HOLD = 3
NASHRA_ADDRESS_HASH_RETENTION_DAYS = 30
NASHRA_MODERATION_EMAILS = []  # extra addresses told of new pending comments
NASHRA_TRUSTED_PROXY_HEADER = ""
DEFAULT_FROM_EMAIL = "newsroom@localhost"
