"""Purge exactly the cached pages that show what changed: in the app's page cache (by version,
see nashra.core.page_cache) and in the front cache, if one is configured (by URL, see
nashra.core.front_cache and purge_targets).

Each handler adds to its transaction's purge batch (see purge_batch): the page-cache versions
now, the front cache's addresses as functions called once after the commit, when listings
have their new lengths; an edition's addresses are then computed once, however many changes
asked for them."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.core import front_cache, page_cache
from nashra.engagement.signals import comments_changed
from nashra.live.signals import entry_changed
from nashra.news.caching import CORRECTIONS
from nashra.news.models import ArticleCorrection, ArticlePage

from . import prior_state
from .caching import FEEDS, SITEMAPS, TAGS
from .purge_batch import collecting, current
from .purge_targets import (
    article_targets,
    cache_paths,
    corrections_targets,
    edition_targets,
    feed_targets,
    membership_targets,
    page_addresses,
    rail_neighbours,
    twin_targets,
)
from .scopes import corrections_feed_urls


def _language(page):
    return page.locale.language_code


def purge_article(article, extra_paths=(), rails=True, in_place=False, batch=None):
    with collecting(batch) as collected:
        _purge_articles(collected, [article], extra_paths, rails, in_place)


def _purge_articles(batch, articles, extra_paths=(), rails=True, in_place=False):
    extras = {p for p in extra_paths if p}
    languages = {_language(a) for a in articles}
    # The app's cache keeps every ?page=N of a listing under the version of its path.
    paths = cache_paths(articles, rails=rails) | {p.split("?", 1)[0] for p in extras}
    # Feeds, tag pages and sitemaps are keyed on their group's version, bumped below.
    batch.page_cache(
        paths={p for p in paths if page_cache.group_of(p) is None},
        groups=[g for lang in languages for g in (FEEDS(lang), TAGS(lang))] + [SITEMAPS()],
    )
    # Sent first after the commit (see purge_batch): the articles' own pages and, for a change
    # of place, the first pages of the listings they join. In place, only the listing page
    # showing each card changes: that is worked out after the commit.
    batch.front(extras | ({a.url for a in articles} if in_place else paths))
    if not front_cache.enabled():
        return
    for article in articles:
        # Which page of a listing shows the card, and how many pages a listing has, are
        # worked out once the change has committed: another publish committed meanwhile may
        # have moved the card to the next page.
        batch.front_after_commit(
            ("article", article.pk, rails, in_place),
            lambda article=article: article_targets(article, rails=rails, in_place=in_place),
            _language(article),
            article=article if in_place and not rails else None,
        )


def purge_edition(language, also=(), batch=None):
    """Start an edition afresh; `also`: more addresses for the front cache."""
    with collecting(batch) as collected:
        collected.page_cache(languages=[language], groups=[SITEMAPS()])
        collected.front(also)
        collected.edition(language)


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publish(sender, instance, **kwargs):
    page = instance.specific
    prior = prior_state.of(page)
    with collecting() as batch:
        if isinstance(page, ArticlePage):
            _purge_published_article(batch, page, prior, kwargs.get("signal") is page_published)
            return
        # Sections, authors, home and policy pages appear in navigation and listings across
        # their edition: start that edition afresh.
        purge_edition(_language(page), batch=batch)
        # The other editions link to it from its twins' language switchers.
        moved = bool(prior.url) and prior.url != page.url
        twins = twin_targets(page, descendants=moved)
        batch.page_cache(paths=twins)
        batch.front(twins)
        if moved:  # a new slug: the old addresses must now redirect or 404 in the front cache too
            batch.front(moved_from_urls(page, prior.url_path, page.url_path))


def _purge_published_article(batch, article, prior, published):
    """An article published or unpublished: its pages, the rails of its old place, the
    listings it left; only the listing pages showing its card when it was live before and
    kept its place in every listing (date, section, tags and authors)."""
    left, in_place = [], False
    if prior.listings is not None:
        tags, authors = prior_state.memberships(article.pk)
        in_place = published and prior.listings == (
            article.section_id,
            article.first_published_at,
            tags,
            authors,
        )
        left_tags, left_authors = prior.listings[2] - tags, prior.listings[3] - authors
        if left_tags or left_authors:  # every page of those listings (and their feeds)
            left = membership_targets(_language(article), left_tags, left_authors)
    old_rails = rail_neighbours(*prior.place, article.pk) if prior.place else []
    _purge_articles(
        batch, [article], [prior.url, *(a.url for a in old_rails), *left], in_place=in_place
    )
    # A publish saves the article's corrections again (purge_on_correction); unpublishing
    # saves none, yet takes them out of the log.
    if not published and article.corrections.exists():
        purge_corrections_log(batch, _language(article))


def purge_corrections_log(batch, language):
    """Every page of an edition's corrections log and its feeds: which page shows a correction
    is worked out after the commit, as for listings."""
    batch.page_cache(groups=[CORRECTIONS(language), FEEDS(language)])
    batch.front(corrections_feed_urls(language).values())
    if front_cache.enabled():
        batch.front_after_commit(
            ("corrections log", language), lambda: corrections_targets(language), language
        )


@receiver(post_save, sender=ArticleCorrection)
@receiver(post_delete, sender=ArticleCorrection)
def purge_on_correction(sender, instance, **kwargs):
    """A correction added, changed or removed. Publishing an article saves each of its
    corrections again, so a new headline or address reaches the log too."""
    try:
        # The article saving its corrections is cached on each: its locale is read once.
        language = _language(instance.article)
    except ArticlePage.DoesNotExist:  # deleted with its article: purge_on_delete does the rest
        return
    with collecting() as batch:
        purge_corrections_log(batch, language)


@receiver(post_page_move)
def purge_on_move(sender, instance, url_path_before="", url_path_after="", **kwargs):
    with collecting() as batch:
        purge_edition(_language(instance), batch=batch)
        # The old addresses (the page's and its subtree's) must now give readers a 404.
        batch.front(moved_from_urls(instance, url_path_before, url_path_after))
        if url_path_before != url_path_after:  # the other editions' switchers link to the new ones
            twins = twin_targets(instance, descendants=True)
            batch.page_cache(paths=twins)
            batch.front(twins)


def moved_from_urls(page, before, after):
    """The public URLs a moved page and its descendants had, derived from the current URL:
    url_paths start with the edition's home ("/home-en/"), URLs with the language prefix."""
    current = page.url
    root = "/" + after.strip("/").split("/")[0] + "/"
    tail_after, tail_before = after[len(root) :], before[len(root) :]
    if not current or before == after or not current.endswith(tail_after):
        return []
    old = current[: len(current) - len(tail_after)] + tail_before
    descendants = Page.objects.descendant_of(page).values_list("url_path", flat=True)
    return [old] + [old + path[len(after) :] for path in descendants]


@receiver(pre_delete, sender=ArticlePage)
def remember_deleted_addresses(sender, instance, **kwargs):
    """A deleted article's own addresses (every page of its thread, its section's listing):
    after the commit nothing names them any more, and its edition's are computed then."""
    if front_cache.enabled() and instance.live:
        with collecting() as batch:
            batch.front(page_addresses(instance))
            if instance.section_id:
                batch.front_once(
                    ("deleted from", instance.section_id), lambda: page_addresses(instance.section)
                )


def remember_deleted_page(sender, instance, **kwargs):
    """Any other page deleted (a section, an author, an About page): its own addresses, every
    ?page=N of its listing, named now. Wagtail's unpublish signal for it starts its edition
    afresh, but that is worked out after the commit, when the page is no longer there.
    Its descendants are deleted with it and each sends this signal too."""
    if not (front_cache.enabled() and instance.live):
        return
    if issubclass(instance.specific_class or Page, ArticlePage):
        return  # remember_deleted_addresses
    with collecting() as batch:
        batch.front_once(("deleted page", instance.pk), lambda: page_addresses(instance))


def connect():
    """`remember_deleted_page` for every page model, from any app (the signal is sent for
    the base Page row and for its specific model's: one of them does the work)."""
    for model in get_page_models():
        pre_delete.connect(
            remember_deleted_page,
            sender=model,
            dispatch_uid=f"nashra-deleted-page-{model._meta.label}",
        )


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
        batch = current()
        if batch is not None:  # sent with the rest of the transaction's purges
            batch.remember_edition(language, lambda: edition_targets(language))
        else:  # this save commits on its own: handed to its post_save below
            prior_state.record(
                instance, prior_state.PriorState(addresses=edition_targets(language))
            )


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_on_view_restriction(sender, instance, **kwargs):
    """A page made private (or public again) takes its subtree's cached copies with it, and
    leaves or rejoins its edition's listings, feeds and sitemaps: start the edition afresh."""
    language = _restricted_language(instance)
    if language:
        purge_edition(language, also=prior_state.of(instance).addresses)
        prior_state.forget(instance)


@receiver(comments_changed)
def purge_on_comments(sender, article_ids, **kwargs):
    articles = ArticlePage.objects.filter(pk__in=article_ids).select_related("section", "locale")
    with collecting() as batch:
        # Rail cards show no comment counts; listing cards do, on the one page showing each.
        _purge_articles(batch, list(articles), rails=False, in_place=True)


@receiver(entry_changed)
def purge_on_entry(sender, page, entry, **kwargs):
    """A live entry added, changed or deleted: the feeds listing its page (their items'
    updated time) and the sitemaps (its lastmod). The page itself, its updates and the
    listings showing its card are the live app's to purge; the API is never cached."""
    with collecting() as batch:
        batch.page_cache(groups=[FEEDS(_language(page)), SITEMAPS()])
        batch.front(feed_targets(page))
