"""Keeps the search index in step with what a save of the page itself does not change: a live
page's entries are indexed with the page (LivePage.search_terms), so an entry added, changed
or deleted indexes that one page again, as a save would (modelsearch's task)."""

from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task

from nashra.live.models import LivePage
from nashra.live.signals import entry_changed


@receiver(entry_changed)
def index_live_page(sender, page, entry, **kwargs):
    meta = LivePage._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(page.pk))
