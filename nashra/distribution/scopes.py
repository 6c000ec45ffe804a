"""What a feed covers: a whole edition, a section, an author or a tag, in one language."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from taggit.models import Tag

from nashra.live.models import LivePage
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
    live: object = None  # its live pages, as `articles` are narrowed

    def newest(self, count):
        """The newest `count` of the scope's articles and live pages, newest first.
        published() names one page type, so each type walks the (content type, first
        published) index on its own, newest first, and the two are merged."""
        found = list(self.articles[:count])
        if self.live is not None:
            found += self.live[:count]
            found.sort(key=lambda a: (a.first_published_at, a.pk), reverse=True)
        return found[:count]


def resolve(request, language, kind="edition", slug=None):
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    if home is None:
        raise Http404

    def scope(title, link, description, narrow=lambda pages: pages):
        articles, live = (
            narrow(model.objects.published().descendant_of(home).for_cards())
            for model in (ArticlePage, LivePage)
        )
        return Scope(language, kind, title, link, articles, description, slug, live)

    site = _("Nashra")
    if kind == "edition":
        return scope(site, home.get_url(request), home.tagline)
    if kind == "section":
        section = SectionPage.objects.live().child_of(home).filter(slug=slug).first()
        if section is None:
            raise Http404
        return scope(
            f"{section.title} · {site}",
            section.get_url(request),
            section.intro,
            lambda pages: pages.newest_in_section(section),
        )
    if kind == "author":
        author = AuthorPage.objects.live().descendant_of(home).filter(slug=slug).first()
        if author is None:
            raise Http404
        return scope(
            f"{author.title} · {site}",
            author.get_url(request),
            author.role,
            lambda pages: pages.by_author(author),
        )
    if kind == "tag":
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        return scope(
            f"{tag.name} · {site}",
            home.tag_url(tag, request),
            "",
            lambda pages: pages.tagged(slug),
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
