"""Purge exactly the cached pages that show what changed (see nashra.core.page_cache)."""

from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from nashra.core import page_cache
from nashra.engagement.signals import comments_changed
from nashra.news.models import ArticlePage


def _language(page):
    return page.locale.language_code


def article_paths(article):
    """The pages that show an article: itself and its twins (their switchers), its section,
    its edition's front page and its authors' pages."""
    paths = {article.url}
    paths.update(t.url for t in article.get_translations().live())
    if article.section_id:
        paths.add(article.section.url)
    home = article.get_ancestors().type(Page).filter(depth=2).first()
    if home is not None:
        paths.add(home.url)
    paths.update(b.author.url for b in article.article_authors.select_related("author"))
    return {p for p in paths if p}


def purge_article(article, extra_paths=()):
    language = _language(article)
    page_cache.purge(
        paths=article_paths(article) | set(extra_paths),
        groups=[f"{language}:feeds", f"{language}:tags", "sitemaps"],
    )


@receiver(pre_save, sender=ArticlePage)
def remember_old_url(sender, instance, **kwargs):
    if instance.pk:
        old = Page.objects.filter(pk=instance.pk).values_list("url_path", flat=True).first()
        if old and old != instance.url_path:
            instance._nashra_old_url = Page.objects.get(pk=instance.pk).url


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publish(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ArticlePage):
        purge_article(page, [getattr(page, "_nashra_old_url", None)] if getattr(page, "_nashra_old_url", None) else [])
    else:
        # Sections, authors, home and policy pages appear in navigation and listings across
        # their edition: start that edition afresh.
        page_cache.purge(languages=[_language(page)], groups=["sitemaps"])


@receiver(post_page_move)
@receiver(post_delete, sender=ArticlePage)
def purge_on_move_or_delete(sender, instance, **kwargs):
    page_cache.purge(languages=[_language(instance)], groups=["sitemaps"])


@receiver(comments_changed)
def purge_on_comments(sender, article_ids, **kwargs):
    for article in ArticlePage.objects.filter(pk__in=article_ids).select_related("section", "locale"):
        purge_article(article)
