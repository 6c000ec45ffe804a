import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")

# Both need settings first.
from nashra.core.last_resort import LastResort  # noqa: E402
from nashra.core.page_cache import PageCacheMiddleware  # noqa: E402

application = LastResort(PageCacheMiddleware(get_wsgi_application()))
