from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from nashra.core import cache_contract, page_cache


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def purge_on_site_change(sender, **kwargs):
    """Which page a URL serves depends on the sites (hostnames, root pages): start every
    edition afresh, with the routes cached by PageRouteCacheMiddleware, and the pages outside
    the editions (sitemaps)."""
    page_cache.purge(
        languages=[code for code, _name in settings.LANGUAGES],
        groups=cache_contract.contract().groups_outside_editions(),
    )
