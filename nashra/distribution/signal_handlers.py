"""Purge exactly the cached pages that show what changed: in the app's page cache (by version,
see nashra.core.page_cache) and in the front cache, if one is configured (by URL, see
nashra.core.front_cache and purge_targets)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.core import front_cache, page_cache
from nashra.engagement.signals import comments_changed
from nashra.news.models import ArticleAuthor, ArticlePage, ArticleTag

from .caching import FEEDS, SITEMAPS, TAGS
from .purge_targets import (
    article_targets,
    edition_targets,
    membership_targets,
    rail_neighbours,
    twin_targets,
)


def _language(page):
    return page.locale.language_code


def purge_article(article, extra_paths=(), rails=True, in_place=False):
    language = _language(article)
    extras = {p for p in extra_paths if p}
    targets = article_targets(article, rails=rails, in_place=in_place) | extras
    # The app's cache keeps every ?page=N of a listing under the version of its path.
    page_cache.purge(paths={t.split("?", 1)[0] for t in targets},
                     groups=[FEEDS(language), TAGS(language), SITEMAPS()])
    if not in_place:
        front_cache.purge_paths(targets)
    elif front_cache.enabled():
        # Which page of a listing shows the card is worked out once this publish has
        # committed: another one committed meanwhile may have moved it to the next page.
        transaction.on_commit(lambda: front_cache.purge_paths(
            article_targets(article, rails=rails, in_place=True) | extras))


def purge_edition(language, also=()):
    """Start an edition afresh; `also`: more addresses for the front cache."""
    page_cache.purge(languages=[language], groups=[SITEMAPS()])
    if front_cache.enabled():
        front_cache.purge_paths(edition_targets(language) | set(also))


# Saves that change none of these leave a page where it was (draft saves, say).
PLACE_FIELDS = {"slug", "url_path", "section", "first_published_at"}


@receiver(pre_save)
def remember_old_place(sender, instance, update_fields=None, **kwargs):
    """Where a page was before this save, when it changes: its old address (URL-keyed
    caches keep a copy there) and, for a live article, its old place in its section's rails."""
    if not isinstance(instance, Page) or not instance.pk:
        return
    if update_fields is not None and not PLACE_FIELDS & set(update_fields):
        return
    article = isinstance(instance, ArticlePage)
    fields = ["url_path"] + (["live", "section_id", "first_published_at"] if article else [])
    old = (ArticlePage if article else Page).objects.filter(pk=instance.pk).values(*fields).first()
    if old is None:
        return
    instance._nashra_old_url = instance._nashra_old_url_path = instance._nashra_old_place = None
    instance._nashra_old_listings = None
    if old["url_path"] != instance.url_path:
        instance._nashra_old_url = Page.objects.get(pk=instance.pk).url
        instance._nashra_old_url_path = old["url_path"]
    if article and old["live"]:
        place = (old["section_id"], old["first_published_at"])
        if place != (instance.section_id, instance.first_published_at):
            instance._nashra_old_place = place
        # Tags and bylines are saved after the page row: the stored ones are still the old.
        instance._nashra_old_listings = (*place, *_memberships(instance.pk))


def _memberships(article_id):
    """The tags and authors whose listings show an article."""
    tags = ArticleTag.objects.filter(content_object_id=article_id).values_list("tag_id", flat=True)
    authors = ArticleAuthor.objects.filter(article_id=article_id).values_list("author_id", flat=True)
    return frozenset(tags), frozenset(authors)


def _listings_left(article):
    """Every page of the tag and author listings (and their feeds) that showed the article
    before this save and no longer do."""
    old = getattr(article, "_nashra_old_listings", None)
    if old is None:
        return set()
    tags, authors = _memberships(article.pk)
    return membership_targets(_language(article), old[2] - tags, old[3] - authors)


def _listed_as_before(article):
    """Whether a published article was live before and kept its place in every listing
    (date, section, tags and authors): then only the listing pages showing its card change."""
    old = getattr(article, "_nashra_old_listings", None)
    return old is not None and old == (
        article.section_id, article.first_published_at, *_memberships(article.pk))


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publish(sender, instance, **kwargs):
    page = instance.specific
    old_url = getattr(page, "_nashra_old_url", None)
    if isinstance(page, ArticlePage):
        old_place = getattr(page, "_nashra_old_place", None)
        old_rails = rail_neighbours(*old_place, page.pk) if old_place else []
        in_place = kwargs.get("signal") is page_published and _listed_as_before(page)
        purge_article(page, [old_url, *(a.url for a in old_rails), *_listings_left(page)],
                      in_place=in_place)
        return
    # Sections, authors, home and policy pages appear in navigation and listings across
    # their edition: start that edition afresh.
    purge_edition(_language(page))
    # The other editions link to it from its twins' language switchers.
    moved = bool(old_url) and old_url != page.url
    twins = twin_targets(page, descendants=moved)
    page_cache.purge(paths=twins)
    front_cache.purge_paths(twins)
    if moved:  # a new slug: the old addresses must now redirect or 404 in the front cache too
        front_cache.purge_paths(moved_from_urls(page, page._nashra_old_url_path, page.url_path))


@receiver(post_page_move)
def purge_on_move(sender, instance, url_path_before="", url_path_after="", **kwargs):
    purge_edition(_language(instance))
    # The old addresses (the page's and its subtree's) must now give readers a 404.
    front_cache.purge_paths(moved_from_urls(instance, url_path_before, url_path_after))
    if url_path_before != url_path_after:  # the other editions' switchers link to the new ones
        twins = twin_targets(instance, descendants=True)
        page_cache.purge(paths=twins)
        front_cache.purge_paths(twins)


def moved_from_urls(page, before, after):
    """The public URLs a moved page and its descendants had, derived from the current URL:
    url_paths start with the edition's home ("/home-en/"), URLs with the language prefix."""
    current = page.url
    root = "/" + after.strip("/").split("/")[0] + "/"
    tail_after, tail_before = after[len(root):], before[len(root):]
    if not current or before == after or not current.endswith(tail_after):
        return []
    old = current[: len(current) - len(tail_after)] + tail_before
    descendants = Page.objects.descendant_of(page).values_list("url_path", flat=True)
    return [old] + [old + path[len(after):] for path in descendants]


@receiver(post_delete, sender=ArticlePage)
def purge_on_delete(sender, instance, **kwargs):
    purge_edition(_language(instance))


def _restricted_language(restriction):
    page = Page.objects.filter(pk=restriction.page_id).select_related("locale").first()
    return page and _language(page)


@receiver(pre_save, sender=PageViewRestriction)
def remember_public_addresses(sender, instance, **kwargs):
    """The edition's addresses before a restriction comes into force: every ?page=N of the
    listings its pages are about to leave. (Once one is lifted, the listings are longer:
    their addresses afterwards include those from before.)"""
    language = _restricted_language(instance)
    if language and front_cache.enabled():
        instance._nashra_before = edition_targets(language)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_on_view_restriction(sender, instance, **kwargs):
    """A page made private (or public again) takes its subtree's cached copies with it, and
    leaves or rejoins its edition's listings, feeds and sitemaps: start the edition afresh."""
    language = _restricted_language(instance)
    if language:
        purge_edition(language, also=getattr(instance, "_nashra_before", ()))


@receiver(comments_changed)
def purge_on_comments(sender, article_ids, **kwargs):
    for article in ArticlePage.objects.filter(pk__in=article_ids).select_related("section", "locale"):
        # Rail cards show no comment counts; listing cards do, on the one page showing each.
        purge_article(article, rails=False, in_place=True)
