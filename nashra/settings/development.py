from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "development-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INTERNAL_IPS = ["127.0.0.1"]
WHITENOISE_USE_FINDERS = True
