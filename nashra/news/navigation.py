"""What the masthead needs on every page: the edition's home, its sections, the switcher."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from nashra.core import page_cache
from nashra.core.digits import WESTERN
from nashra.core.i18n import base_language, language_direction, language_name

from . import caching


@dataclass(frozen=True)
class NavLink:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class FooterLinks:
    """The addresses the footer links to that editors choose (HomePage's Footer panel) or
    add (a comment policy page under the home); None where the edition has none live."""

    about: str | None = None
    privacy: str | None = None
    contact: str | None = None
    comment_policy: str | None = None


# The comment policy is engagement's page type: news names it without importing it.
COMMENT_POLICY_MODEL = "engagement.commentpolicypage"


@dataclass(frozen=True)
class Edition:
    language: str
    home: Page | None  # the HomePage
    home_url: str | None
    sections: list  # NavLinks, in the tree's order
    authors_index: NavLink | None
    pages: dict  # slug -> URL of every live page just under the home (About, ...)
    footer: FooterLinks = FooterLinks()
    other_homes: dict = field(default_factory=dict)  # language -> front page URL


@dataclass(frozen=True)
class LanguageLink:
    language: str
    name: str
    url: str
    is_current: bool
    is_twin: bool

    @property
    def direction(self):
        return language_direction(self.language)


def edition(request=None, language=None):
    """The live edition for a language, memoised on the request (the masthead and the
    page body both ask for it) and cached until the edition is purged."""
    language = base_language(language or translation.get_language())
    memo = request.__dict__.setdefault("_nashra_editions", {}) if request is not None else {}
    if language not in memo:
        memo[language] = page_cache.versioned(
            request, build=lambda: _load_edition(request, language), **edition_cache(language)
        )
    return memo[language]


def edition_digits(request):
    """The digits the request's edition writes numbers in (nashra.core.digits): its home
    page's setting, from the edition the masthead loads anyway."""
    home = edition(request).home
    return getattr(home, "digits", "") or WESTERN


def edition_cache(language):
    """How `edition` is cached (for page_cache.prefetch)."""
    return caching.EDITION(language=language)


def _load_edition(request, language):
    from .models import AuthorIndexPage, HomePage, SectionPage
    from .models.querysets import children_q

    # Among the few home pages by id: SQLite without statistics would otherwise walk the
    # locale's index, every page of the edition.
    homes = HomePage.objects.order_by().values("pk")
    # Every edition's home in the one query: the footer links to the others' front pages.
    live_homes = list(HomePage.objects.live().filter(pk__in=homes).select_related("locale"))
    home = next((h for h in live_homes if h.locale.language_code == language), None)
    if home is None:
        return Edition(language, None, None, [], None, {})
    others = {h.locale.language_code: h.get_url(request) for h in live_homes if h.pk != home.pk}
    children = list(
        Page.objects.live().child_of(home).filter(children_q(home)).select_related("content_type")
    )
    links = {p.pk: NavLink(p.pk, p.title, p.get_url(request)) for p in children}
    kinds = {p.pk: p.content_type.model_class() for p in children}
    return Edition(
        language,
        home,
        home.get_url(request),
        [links[pk] for pk, kind in kinds.items() if kind is SectionPage],
        next((links[pk] for pk, kind in kinds.items() if kind is AuthorIndexPage), None),
        {p.slug: links[p.pk].url for p in children},
        _footer_links(request, home, children, links),
        others,
    )


def _footer_links(request, home, children, links):
    """The footer's pages: those chosen on the home, live, found among its children or else
    in one query; the comment policy among the children."""
    chosen = {name: getattr(home, f"{name}_page_id") for name in ("about", "privacy", "contact")}
    elsewhere = {pk for pk in chosen.values() if pk and pk not in links}
    urls = {pk: link.url for pk, link in links.items()}
    if elsewhere:
        urls.update(
            (p.pk, p.get_url(request)) for p in Page.objects.live().filter(pk__in=elsewhere)
        )
    policy = next(
        (
            links[p.pk].url
            for p in children
            if f"{p.content_type.app_label}.{p.content_type.model}" == COMMENT_POLICY_MODEL
        ),
        None,
    )
    return FooterLinks(**{name: urls.get(pk) for name, pk in chosen.items()}, comment_policy=policy)


def other_editions(request, language=None):
    """(language, label in that language, front page URL) of every other edition that has a
    live home, for the footer: read from this edition's cached masthead, no query of its own.
    Like the language switcher's fallback to the other home, it follows that home's address
    when this edition is next purged."""
    current = edition(request, language)
    links = []
    for code, _name in settings.LANGUAGES:
        url = current.other_homes.get(code)
        if code == current.language or not url:
            continue
        with translation.override(code):
            label = gettext("%(language)s edition") % {"language": language_name(code)}
        links.append((code, label, url))
    return links


LATEST_COUNT = 5


def latest_stories(request, language=None):
    """(headline, URL) of an edition's newest published articles, for the 404 page: cached
    until its front page is purged (publishing any of its articles purges it)."""
    language = base_language(language or translation.get_language())
    current = edition(request, language)
    if current.home is None:
        return []
    return page_cache.versioned(
        request,
        build=lambda: _load_latest(request, current.home),
        **caching.LATEST(language=language, path=current.home_url),
    )


def _load_latest(request, home):
    from .models import ArticlePage

    articles = (
        ArticlePage.objects.published()
        .descendant_of(home)
        .select_related("locale")
        .defer("body")[:LATEST_COUNT]
    )
    return [(a.title, a.get_url(request)) for a in articles]


def page_url(request, page):
    """`page.get_url(request)`, worked out once per request and page (each call reverses the
    URL under the page's language): cache keys, the canonical link and the JSON-LD use it."""
    memo = request.__dict__.setdefault("_nashra_page_urls", {}) if request is not None else {}
    if page.pk not in memo:
        memo[page.pk] = page.get_url(request)
    return memo[page.pk]


@dataclass(frozen=True)
class PageLinks:
    twins: list  # (language code, URL) of each live translation, the page itself included
    crumbs: list  # (title, URL) of each page from the edition's home down to this one


def page_links(request, page):
    """Where the page's language switcher, hreflang links and breadcrumbs point. Cached until
    a purge of the page's path (publishing an article purges its twins' paths too) or of any
    edition (publishing another page or moving one purges its whole edition)."""
    memo = request.__dict__.setdefault("_nashra_page_links", {}) if request is not None else {}
    if page.pk not in memo:
        memo[page.pk] = page_cache.versioned(
            request,
            build=lambda: _load_page_links(request, page),
            **page_links_cache(request, page),
        )
    return memo[page.pk]


def page_links_cache(request, page):
    """How `page_links` is cached (for page_cache.prefetch)."""
    return caching.PAGE_LINKS(
        page_id=page.pk, revision=page.live_revision_id, path=page_url(request, page)
    )


def _load_page_links(request, page):
    twins = page.get_translations(inclusive=True).live().select_related("locale")
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2)
    return PageLinks(
        [(twin.locale.language_code, twin.get_url(request)) for twin in twins],
        # Title and URL are all a crumb needs: no per-type queries for the specific pages.
        [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors],
    )


def language_links(request, page=None):
    """One link per site language: to the page's twin where one is live, else to that home."""
    current = base_language(translation.get_language())
    twins = {}
    if page is not None and getattr(page, "pk", None):
        twins = {base_language(code): url for code, url in page_links(request, page).twins}
    links = []
    for code, _name in settings.LANGUAGES:
        url = twins.get(code)
        if url is None:
            url = edition(request, code).home_url or f"/{code}/"
        links.append(LanguageLink(code, language_name(code), url, code == current, code in twins))
    return links
