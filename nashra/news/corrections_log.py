"""The public corrections log of an edition: every correction and clarification of its
published articles, newest first, at /<edition>/corrections/ (a route of the edition's home
page, see HomePage.corrections_view) with RSS and Atom feeds (nashra.distribution.feeds).

Cached as the page group `corrections` (news/caching.py): a correction saved or deleted, or a
corrected article published or unpublished, purges every page of it (distribution's purge
handlers, see nashra.distribution.signal_handlers)."""

from math import ceil

from django.conf import settings

from .models import ArticleCorrection, ArticlePage

# The log's address under its edition's home (also the HomePage route's pattern).
ROUTE = "corrections/"


def public_corrections(home):
    """The corrections of the published articles under `home`, newest first (the same day:
    the one added last first), with the article each one links to."""
    articles = ArticlePage.objects.published().descendant_of(home).order_by().values("pk")
    return (
        ArticleCorrection.objects.filter(article__in=articles)
        .select_related("article", "article__locale")
        .defer("article__body")
        .order_by("-date", "-pk")
    )


def log_url(home_url):
    return f"{home_url}{ROUTE}" if home_url else ""


def corrections_log_url(request, language):
    """The log's address in an edition (a Jinja global: the article page links to it)."""
    from .navigation import edition

    return log_url(edition(request, language).home_url)


def log_pages(home):
    """Every address of an edition's log for a URL-keyed front cache: its first page and each
    ?page=N, one more than today's count needs (a log that just shrank loses its old last
    page too)."""
    url = log_url(home.url)
    if not url:
        return []
    per_page = settings.NASHRA_ARTICLES_PER_PAGE
    pages = max(1, ceil((public_corrections(home).count() + 1) / per_page))
    return [url] + [f"{url}?page={n}" for n in range(2, pages + 1)]


# The slug of an edition's corrections policy page (a StandardPage under its home), which the
# log links to when the edition has one.
POLICY_SLUG = "corrections-policy"


def log_alternates(request):
    """(language, absolute address) of the log in every edition that has a home: its hreflang
    links."""
    from .navigation import edition

    links = []
    for code, _name in settings.LANGUAGES:
        url = log_url(edition(request, code).home_url)
        if url:
            links.append((code, request.build_absolute_uri(url)))
    return links
