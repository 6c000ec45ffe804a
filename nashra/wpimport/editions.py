"""The places imported pages go in each language edition: its home, sections and authors.

A WordPress category becomes a section of the edition (found by its slug, or by the mapping
file, or made), an author becomes an author page in each edition they wrote in. Each is
remembered by origin, so a re-run finds the same page even after an editor renamed it.
"""

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext, override
from wagtail.models import Locale, Page, Site

from nashra.news.models import AuthorIndexPage, AuthorPage, HomePage, SectionPage

from . import origin
from .models import SourceKind

EDITION_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_CATEGORY = "uncategorized"


def page_slug(text, fallback):
    """A slug Wagtail accepts, keeping Arabic letters: WordPress's own, cleaned, or one made
    from the title."""
    return slugify(text or "", allow_unicode=True)[:240].strip("-") or fallback


def unique_child_slug(parent, slug, exclude_pk=None):
    """`slug`, or `slug-2`, `slug-3`... when a sibling already has it (two posts of one
    section that WordPress kept apart by their dates)."""
    siblings = Page.objects.child_of(parent)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def publish_new(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Editions:
    def __init__(self, source, index, report, section_map=None):
        self.source = source
        self.index = index
        self.report = report
        self.section_map = section_map or {}
        self._homes = {}
        self._author_indexes = {}
        self._sections = {}
        self._authors = {}
        self._recorded = set()

    def forget(self):
        """Drop what was found or made so far: after a rolled-back item, some of it may
        no longer exist."""
        self._homes.clear()
        self._author_indexes.clear()
        self._sections.clear()
        self._authors.clear()

    def recorded(self, kind, key):
        return (kind, key) in self._recorded

    def _record(self, kind, key, outcome, title, language):
        """One outcome per WordPress object, however many editions it is made in."""
        if (kind, key) in self._recorded:
            return
        self._recorded.add((kind, key))
        self.report.record(kind, outcome, key, title)

    # Homes -------------------------------------------------------------------------------

    def home(self, language):
        if language not in self._homes:
            home = HomePage.objects.filter(locale__language_code=language).order_by("path").first()
            if home is None:
                home = self._make_home(language)
            elif home.get_url() is None:
                # Made by another process since this one cached Wagtail's site roots.
                Site.clear_site_root_paths_cache()
            self._homes[language] = home
        return self._homes[language]

    def _make_home(self, language):
        """An edition for a site that has none yet (a new installation importing first)."""
        locale, _created = Locale.objects.get_or_create(language_code=language)
        title = (self.index.header and self.index.header.title) or "Nashra"
        with transaction.atomic():
            origin.lock_source(self.source)
            home = HomePage.objects.filter(locale=locale).order_by("path").first()
            if home is not None:  # made by another run meanwhile
                return home
            fields = {"title": title, "slug": page_slug(f"home-{language}", "home")}
            other = HomePage.objects.order_by("path").first()
            if other is not None:  # the editions are one page in two languages
                fields["translation_key"] = other.translation_key
            home = HomePage(locale=locale, **fields)
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(
                    hostname="localhost", port=80, root_page=home, is_default_site=True
                )
            elif not isinstance(site.root_page.specific, HomePage):
                # Wagtail's "Welcome" placeholder of a new installation: the edition replaces it.
                site.root_page = home
                site.save()
        self.report.note("edition", language, "The site had no edition in this language: made")
        return home

    # Sections ----------------------------------------------------------------------------

    def section(self, category_slugs, language):
        """The section for an item's categories: the first that the mapping file names, else
        the first that already has a section (made by an earlier post, or of the same slug),
        else the first category ("uncategorized" last), which then becomes a section."""
        slugs = [s for s in category_slugs if s] or [DEFAULT_CATEGORY]
        for slug in slugs:
            if slug in self.section_map or f"{language}:{slug}" in self.section_map:
                return self._section(slug, language)
        for slug in slugs:
            if self._existing_section(slug, language) is not None:
                return self._section(slug, language)
        real = [s for s in slugs if s != DEFAULT_CATEGORY]
        return self._section((real or slugs)[0], language)

    def _existing_section(self, category_slug, language):
        if (category_slug, language) in self._sections:
            return self._sections[(category_slug, language)]
        record = origin.find(self.source, SourceKind.CATEGORY, category_slug, language)
        section = origin.target_of(record, SectionPage)
        if section is None:
            slug = page_slug(category_slug, "section")
            section = SectionPage.objects.child_of(self.home(language)).filter(slug=slug).first()
        return section

    def _section(self, category_slug, language):
        key = (category_slug, language)
        if key in self._sections:
            return self._sections[key]
        home = self.home(language)
        target = self.section_map.get(f"{language}:{category_slug}") or self.section_map.get(
            category_slug
        )
        record = origin.find(self.source, SourceKind.CATEGORY, category_slug, language)
        section = origin.target_of(record, SectionPage)
        if section is None and target:
            section = SectionPage.objects.child_of(home).filter(slug=target).first()
        if section is None:
            slug = page_slug(target or category_slug, "section")
            section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            term = self.index.terms.get(("category", category_slug))
            with override(language):
                fallback = gettext("Uncategorized")
            title = (term.name if term else "") or (
                fallback if category_slug == DEFAULT_CATEGORY else category_slug
            )
            section = SectionPage(
                title=title,
                slug=page_slug(target or category_slug, "section"),
                locale=home.locale,
                intro=(term.description if term else "")[:400],
            )
            section.translation_key = self._twin_key(SourceKind.CATEGORY, category_slug, language)
            publish_new(home, section)
            self._record(SourceKind.CATEGORY, category_slug, "created", title, language)
        else:
            self._record(SourceKind.CATEGORY, category_slug, "unchanged", section.title, language)
        origin.remember(self.source, SourceKind.CATEGORY, category_slug, section, language)
        self._sections[key] = section
        return section

    def _twin_key(self, kind, wp_id, language):
        """The translation key of the same WordPress object already imported in another
        edition, so a category or an author is one page "in two languages"."""
        for other in EDITION_LANGUAGES:
            if other == language:
                continue
            page = origin.target_of(origin.find(self.source, kind, wp_id, other))
            if page is not None:
                return page.translation_key
        import uuid

        return uuid.uuid4()

    # Authors -----------------------------------------------------------------------------

    def author_index(self, language):
        if language not in self._author_indexes:
            home = self.home(language)
            index = AuthorIndexPage.objects.child_of(home).first()
            if index is None:
                with override(language):
                    title = gettext("Authors")
                index = publish_new(
                    home, AuthorIndexPage(title=title, slug="authors", locale=home.locale)
                )
            self._author_indexes[language] = index
        return self._author_indexes[language]

    def author(self, key, language):
        """The author page for a byline: `key` is a WordPress login, or a Co-Authors Plus
        term slug (cap-<name>) for guest authors."""
        cache_key = (key, language)
        if cache_key in self._authors:
            return self._authors[cache_key]
        name, bio, slug = self._author_details(key)
        record = origin.find(self.source, SourceKind.AUTHOR, key, language)
        page = origin.target_of(record, AuthorPage)
        if page is None:
            index = self.author_index(language)
            page = AuthorPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                page = AuthorPage(
                    title=name,
                    slug=unique_child_slug(index, slug),
                    locale=index.locale,
                    bio=bio,
                )
                page.translation_key = self._twin_key(SourceKind.AUTHOR, key, language)
                publish_new(index, page)
                self._record(SourceKind.AUTHOR, key, "created", name, language)
            else:
                self._record(SourceKind.AUTHOR, key, "unchanged", name, language)
            origin.remember(self.source, SourceKind.AUTHOR, key, page, language)
        else:
            self._record(SourceKind.AUTHOR, key, "unchanged", page.title, language)
        self._authors[cache_key] = page
        return page

    def _author_details(self, key):
        author = self.index.authors.get(key)
        if author is not None:
            name = (
                author.display_name
                or " ".join(p for p in (author.first_name, author.last_name) if p)
                or author.login
            )
            return name, "", page_slug(author.login, "author")
        term = self.index.terms.get(("author", key))
        if term is not None:
            # Co-Authors Plus keeps a guest author's name as the term's name; its slug is
            # "cap-<user_nicename>".
            slug = key[4:] if key.startswith("cap-") else key
            return term.name or slug, "", page_slug(slug, "author")
        return key, "", page_slug(key, "author")
