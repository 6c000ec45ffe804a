import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")

from nashra.core.page_cache import PageCacheMiddleware  # noqa: E402 - needs settings first

application = PageCacheMiddleware(get_wsgi_application())
