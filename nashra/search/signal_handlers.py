"""Keeps the search index in step with what a save of the page itself does not change: a live
page's entries are indexed with the page (LivePage.search_terms), so an entry added, changed
or deleted indexes that one page again, as a save would (modelsearch's task).

And purges cached search results (nashra.search.caching) when what they could show changes:
a page published, unpublished or deleted, a live entry changed."""

from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from modelsearch.tasks import insert_or_update_object_task
from wagtail.signals import page_published, page_unpublished

from nashra.core import page_cache
from nashra.live.models import LivePage
from nashra.live.signals import entry_changed
from nashra.news.models import ArticlePage


@receiver(entry_changed)
def index_live_page(sender, page, entry, **kwargs):
    meta = LivePage._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(page.pk))
    purge_search(page.locale.language_code)  # its words changed in its own edition only


def search_path(language):
    with translation.override(language):
        return reverse("search:search")


def purge_search(language):
    """Every cached results page of the edition, and the rankings beneath them: all of them
    live at the one address, whose version is in their keys."""
    page_cache.purge(paths=[search_path(language)])


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete, sender=ArticlePage)
def purge_on_change(sender, instance, **kwargs):
    """Every edition's: a results page may also say how many articles match in the other
    edition, with a link there."""
    page_cache.purge(paths=[search_path(code) for code, _name in settings.LANGUAGES])
