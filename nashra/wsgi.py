import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.production")

django_application = get_wsgi_application()

# Both need the apps loaded first.
from nashra.core.last_resort import LastResort  # noqa: E402
from nashra.core.page_cache import PageCacheMiddleware  # noqa: E402
from nashra.engagement.vote_lane import VoteLane  # noqa: E402

application = LastResort(VoteLane(PageCacheMiddleware(django_application)))
