"""What a feed covers: a whole edition, a section, an author or a tag, in one language."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from taggit.models import Tag

from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage

FEED_SIZE = 30


@dataclass
class Scope:
    language: str
    kind: str  # edition | section | author | tag
    title: str
    link: str
    articles: object
    description: str = ""
    slug: str | None = None


def resolve(request, language, kind="edition", slug=None):
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        raise Http404
    articles = ArticlePage.objects.published().descendant_of(home).for_cards()
    site = _("Nashra")
    if kind == "edition":
        return Scope(language, kind, site, home.get_url(request), articles, home.tagline)
    if kind == "section":
        section = SectionPage.objects.live().child_of(home).filter(slug=slug).first()
        if section is None:
            raise Http404
        return Scope(
            language,
            kind,
            f"{section.title} · {site}",
            section.get_url(request),
            articles.newest_in_section(section),
            section.intro,
            slug,
        )
    if kind == "author":
        author = AuthorPage.objects.live().descendant_of(home).filter(slug=slug).first()
        if author is None:
            raise Http404
        return Scope(
            language,
            kind,
            f"{author.title} · {site}",
            author.get_url(request),
            articles.by_author(author),
            author.role,
            slug,
        )
    if kind == "tag":
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return Scope(
            language,
            kind,
            f"{tag.name} · {site}",
            home.tag_url(tag, request),
            articles.tagged(slug),
            "",
            slug,
        )
    raise Http404


def feed_urls(language, kind="edition", slug=None):
    """The feed addresses for a scope, for <link rel="alternate"> and for readers."""
    base = f"/{language}/feeds/" + (f"{kind}/{slug}/" if kind != "edition" else "")
    return {
        "rss": base + "rss/",
        "atom": base + "atom/",
        "json": base + "json/",
    }


def corrections_feed_urls(language):
    """The feeds of an edition's corrections log (nashra.news.corrections_log)."""
    base = f"/{language}/feeds/corrections/"
    return {"rss": base + "rss/", "atom": base + "atom/"}
