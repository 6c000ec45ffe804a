"""What the masthead needs on every page: the edition's home, its sections, the switcher."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from nashra.core.i18n import base_language, language_direction, language_name


@dataclass(frozen=True)
class Edition:
    language: str
    home: Page | None
    sections: list
    authors_index: Page | None


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
    page body both ask for it)."""
    language = base_language(language or translation.get_language())
    cache = getattr(request, "_nashra_editions", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._nashra_editions = cache
    if language not in cache:
        from nashra.core.page_cache import edition_cached

        cache[language] = edition_cached(language, "masthead", lambda: _load_edition(language))
    return cache[language]


def _load_edition(language):
    from .models import AuthorIndexPage, HomePage, SectionPage

    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        return Edition(language, None, [], None)
    children = list(
        Page.objects.live()
        .child_of(home)
        .filter(content_type__model__in=["sectionpage", "authorindexpage"])
        .select_related("content_type")
    )
    sections = [p for p in children if p.content_type.model_class() is SectionPage]
    authors_index = next(
        (p for p in children if p.content_type.model_class() is AuthorIndexPage), None
    )
    return Edition(language, home, sections, authors_index)


def language_links(request, page=None):
    """One link per site language: to the page's twin where one is live, else to that home."""
    current = base_language(translation.get_language())
    twins = {}
    if page is not None and getattr(page, "pk", None):
        for twin in page.get_translations(inclusive=True).live().select_related("locale"):
            twins[base_language(twin.locale.language_code)] = twin
    links = []
    for code, _name in settings.LANGUAGES:
        target = twins.get(code)
        if target is None:
            home = edition(request, code).home
            url = home.get_url(request) if home else f"/{code}/"
        else:
            url = target.get_url(request)
        links.append(LanguageLink(code, language_name(code), url, code == current, code in twins))
    return links
