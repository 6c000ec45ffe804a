"""What Redis keeps about an article for votes (vote_queue: language, address, digits, and
that it is open) is dropped whenever the article is saved or deleted, and all of it when
another page is (a section's address, an edition's digits): the next vote
describes it again from the database."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from nashra.core import resilient_cache
from nashra.news.models import ArticlePage

from . import vote_queue


def _forget(article_ids=None):
    try:
        store = vote_queue.store()
        if article_ids is None:
            pattern = store.article_key("*")
            article_ids = [k.decode().rsplit(":", 1)[1] for k in store.client.scan_iter(pattern)]
        store.forget_articles(article_ids)
    except vote_queue.Unavailable:
        pass
    except resilient_cache.ERRORS as exc:
        # Redis may keep a description a little longer; the fast lane then still checks the
        # article is live only as of the last description (docs/developers/votes.md).
        resilient_cache.report_failure(vote_queue.redis_cache(), exc)


@receiver(post_save)
@receiver(post_delete)
def page_changed(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    if issubclass(instance.specific_class or type(instance), ArticlePage):
        ids = [instance.pk]
    else:
        ids = None  # a section's address, an edition's digits: rare, and cheap enough
    _forget(ids)
    # Again once the change is committed: until then another connection still sees the old
    # page, and a vote in that window (Django's describe()) writes the old description back.
    transaction.on_commit(lambda: _forget(ids))
