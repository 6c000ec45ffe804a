"""Keeps the search index in step with what a save of the page itself does not change: a live
page's entries are indexed with the page (LivePage.search_terms), so an entry added, changed
or deleted indexes that one page again, as a save would (modelsearch's task). Keeps the
vocabulary of "did you mean" (nashra.search.suggestions) in step with every article's save
(publish, edit, unpublish, embargo, expiry), delete and change of privacy, once the save's
transaction commits (a page's tags and byline are saved after the page itself).

And purges cached search results (nashra.search.caching) when what they could show changes:
a page published, unpublished, deleted or made private, a live entry changed."""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import Page, PageViewRestriction
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished

from nashra.core import page_cache
from nashra.live.models import LivePage
from nashra.live.signals import entry_changed
from nashra.news.models import ArticlePage

from . import suggestions


@receiver(entry_changed)
def index_live_page(sender, page, entry, **kwargs):
    meta = LivePage._meta
    insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(page.pk))
    transaction.on_commit(partial(suggestions.refresh_page, page.pk))
    # Its own edition's results, and the other edition's counts of them ("1 result in ...").
    purge_every_edition()


def search_path(language):
    with translation.override(language):
        return reverse("search:search")


def purge_search(language):
    """Every cached results page of the edition, and the rankings beneath them: all of them
    live at the one address, whose version is in their keys."""
    page_cache.purge(paths=[search_path(language)])


def purge_every_edition():
    """Every edition's: a results page may also say how many articles match in the other
    edition, with a link there."""
    page_cache.purge(paths=[search_path(code) for code, _name in settings.LANGUAGES])


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete, sender=ArticlePage)
def purge_on_change(sender, instance, **kwargs):
    purge_every_edition()


# What saving a draft writes (Page.save_revision, DraftStateMixin): none of it changes the
# published words, so the vocabulary is not looked at for it.
DRAFT_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def count_words(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= DRAFT_FIELDS):
        return
    transaction.on_commit(partial(suggestions.refresh_page, instance.pk))


def take_back_words(sender, instance, **kwargs):
    transaction.on_commit(partial(suggestions.forget_page, instance.pk))


def privacy_changed(sender, instance, raw=False, **kwargs):
    """A restriction hides the articles under its page from search: and from suggestions."""
    if raw:
        return
    page_id = instance.page_id

    def refresh():
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return
        ids = ArticlePage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
        for pk in ids:
            suggestions.refresh_page(pk)

    transaction.on_commit(refresh)
    purge_every_edition()  # results and counts may have shown the articles it hides


for model in [m for m in apps.get_models() if issubclass(m, ArticlePage)]:
    post_save.connect(count_words, sender=model, dispatch_uid=f"search-words-{model.__name__}")
    post_delete.connect(
        take_back_words, sender=model, dispatch_uid=f"search-unword-{model.__name__}"
    )
post_save.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="search-words-privacy")
post_delete.connect(
    privacy_changed, sender=PageViewRestriction, dispatch_uid="search-words-privacy"
)
