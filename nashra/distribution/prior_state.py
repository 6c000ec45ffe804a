"""What a page (or a view restriction) was before the save being made: where purges must
reach besides where it is now.

Captured once per save by a `pre_save` handler connected for the page models only (every
subclass of Wagtail's Page, whatever app declares it), and kept on the instance being saved
as one record, read by the purge handlers once the save (and its publish) is done.
"""

from dataclasses import dataclass

from django.db.models.signals import pre_save
from wagtail.models import Page, get_page_models

from nashra.news.models import ArticleAuthor, ArticlePage, ArticleTag

# Saves that change none of these leave a page where it was (draft saves, say).
PLACE_FIELDS = {"slug", "url_path", "section", "first_published_at"}
ATTRIBUTE = "_nashra_prior_state"


@dataclass(frozen=True)
class PriorState:
    url: str | None = None  # its public address, when this save changes it
    url_path: str | None = None  # its tree path then
    place: tuple | None = None  # a live article's (section id, date), when this save moves it
    # A live article's (section id, date, tag ids, author ids): the listings that showed it.
    listings: tuple | None = None
    # A view restriction's edition addresses before it changes, when saved on its own.
    addresses: frozenset = frozenset()


UNCHANGED = PriorState()


def of(page):
    """The prior state recorded by the page's last save (UNCHANGED if none was)."""
    return getattr(page, ATTRIBUTE, None) or UNCHANGED


def record(instance, state):
    setattr(instance, ATTRIBUTE, state)


def forget(instance):
    instance.__dict__.pop(ATTRIBUTE, None)


def memberships(article_id):
    """The tags and authors whose listings show an article."""
    tags = ArticleTag.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True)
    authors = ArticleAuthor.objects.filter(article_id=article_id).values_list(
        "author_id", flat=True
    )
    return frozenset(tags), frozenset(authors)


def capture(sender, instance, update_fields=None, **kwargs):
    """Where a page was before this save, when it changes: its old address (URL-keyed
    caches keep a copy there) and, for a live article, its old place in its section's rails."""
    if not instance.pk:
        return
    if update_fields is not None and not PLACE_FIELDS & set(update_fields):
        return
    article = isinstance(instance, ArticlePage)
    fields = ["url_path"] + (["live", "section_id", "first_published_at"] if article else [])
    old = (ArticlePage if article else Page).objects.filter(pk=instance.pk).values(*fields).first()
    if old is None:
        return
    url = url_path = place = listings = None
    if old["url_path"] != instance.url_path:
        url = Page.objects.get(pk=instance.pk).url
        url_path = old["url_path"]
    if article and old["live"]:
        here = (old["section_id"], old["first_published_at"])
        if here != (instance.section_id, instance.first_published_at):
            place = here
        # Tags and bylines are saved after the page row: the stored ones are still the old.
        listings = (*here, *memberships(instance.pk))
    record(instance, PriorState(url, url_path, place, listings))


def connect():
    """Listen to the saves of page models only: every Page subclass, from any app."""
    for model in get_page_models():
        pre_save.connect(
            capture, sender=model, dispatch_uid=f"nashra-prior-state-{model._meta.label}"
        )
