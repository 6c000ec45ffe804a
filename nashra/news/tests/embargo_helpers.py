from datetime import timedelta

from django.utils import timezone

from nashra.news.models import ArticlePage

from .helpers import article_with_twin

MARKER = "zanzibarquay"


def a_minute_from_now():
    return timezone.now().replace(microsecond=0) + timedelta(minutes=1)


def embargoed_article(until, lang="en", publish=True):
    """A copy of a demo article (same section, byline and tags) under embargo until `until`,
    published unless `publish` is false; its title and slug carry MARKER."""
    source = article_with_twin(lang)
    article = source.copy(
        update_attrs={
            "slug": f"embargoed-{MARKER}",
            "title": f"Harbour deal {MARKER.title()} signed",
            "embargo_until": until,
            "first_published_at": None,
            "last_published_at": None,
        },
        keep_live=False,
        copy_revisions=False,
    )
    revision = article.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=article.pk)
