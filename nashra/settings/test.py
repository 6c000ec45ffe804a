import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per pass: `make test` runs the SQLite and PostgreSQL passes at once.
_PASS = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / _PASS / "media"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The browser tests run this settings module in a real server process.
WHITENOISE_USE_FINDERS = True
NASHRA_SERVE_MEDIA = True
NASHRA_CAPTCHA_DIFFICULTY = 5_000  # quick to solve in tests; production default is 100,000
NASHRA_IMPORT_ROOT = BASE_DIR / "test-artifacts" / _PASS / "imports"  # noqa: F405
# The browser journeys post more comments from one address (127.0.0.1) than the production cap
# allows in ten minutes; tests/browser/conftest.py raises it for its server. The cap itself is
# proven in nashra/engagement/tests/test_comments.py.
NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN = int(
    os.environ.get("NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN", NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN)  # noqa: F405
)
