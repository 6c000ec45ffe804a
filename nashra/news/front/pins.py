"""Pins that expire: when the first pin of a front's layout runs out, the worker purges that
front (the app's page cache and the front cache), and notes the next pin to run out. The
cached front's key also names which pins hold (HomePage.front_pin_state), so even an
unpurged copy of the front's body is not reused past an expiry."""

from django.utils import timezone

from nashra.core import front_cache, page_cache

from .layout import next_pin_expiry


def expire_pins(now=None):
    """Purge the fronts whose next pin has expired; returns them."""
    from nashra.news.models import HomePage

    now = now or timezone.now()
    expired = list(HomePage.objects.filter(front_pins_expire_at__lte=now).specific())
    for home in expired:
        url = home.url
        if url:
            page_cache.purge(paths=[url])
            front_cache.purge_paths([url])
        following = next_pin_expiry(home.layout.raw_data, now)
        # Only if no editor published the front since it was read: their save has already
        # noted the next expiry of the new layout, which this one must not overwrite.
        HomePage.objects.filter(pk=home.pk, front_pins_expire_at=home.front_pins_expire_at).update(
            front_pins_expire_at=following
        )
    return expired


def next_expiry():
    from nashra.news.models import HomePage

    return (
        HomePage.objects.filter(front_pins_expire_at__isnull=False)
        .order_by("front_pins_expire_at")
        .values_list("front_pins_expire_at", flat=True)
        .first()
    )
