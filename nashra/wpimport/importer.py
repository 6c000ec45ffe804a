"""Import a WordPress export (WXR): the passes, in order, and the options.

1. Index the file (nothing written): authors, terms, the ids, links and types of all items,
   translation groups (nashra.wpimport.index).
2. Attachments -> images (nashra.wpimport.media), each file fetched once.
3. Posts and pages -> articles and standard pages, with their bylines, tags, comments and old
   addresses (nashra.wpimport.pages); a page whose parent page comes later waits for it.
4. Bodies that linked to posts imported after them are converted again, now with page links.
5. Old archive addresses (categories, tags, authors) and attachment pages -> 301s.

Every item is imported in its own transaction and remembered by origin, so the import can be
stopped at any point and run again: it finishes the job and makes no second copy.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.db import transaction
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Site

from nashra.images.models import NashraImage
from nashra.news.models import AuthorPage, HomePage, SectionPage

from . import origin, redirects, wxr
from .editions import EDITION_LANGUAGES, Editions
from .index import CONTENT_TYPES, SiteIndex
from .media import MediaFetcher, MediaLibrary
from .models import ImportSource, SourceKind
from .pages import KINDS, PageImporter
from .report import ImportReport

SECTION_MAP_LINE = re.compile(r"^\s*([^=#\s][^=]*?)\s*=\s*([^=#\s]+)\s*$")


@dataclass
class ImportOptions:
    uploads_dir: Path | None = None
    media_base_url: str | None = None
    dry_run: bool = False
    credit_meta_key: str | None = None
    section_map: dict = field(default_factory=dict)
    default_locale: str = "en"
    include_pingbacks: bool = False


def parse_section_map(text):
    """`wp-category-slug = nashra-section-slug` lines (`#` starts a comment; `ar:slug` maps
    a category in one edition only), or a JSON object of the same. ValueError says what is
    wrong and where."""
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(
                _("Not valid JSON (line %(line)s).") % {"line": error.lineno}
            ) from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise ValueError(_("The JSON object must map category slugs to section slugs."))
        return {_category_key(k): v.strip() for k, v in data.items()}
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = SECTION_MAP_LINE.match(line)
        if not match:
            raise ValueError(
                _("Line %(number)s: expected “category-slug = section-slug”.") % {"number": number}
            )
        mapping[_category_key(match.group(1))] = match.group(2)
    return mapping


def _category_key(text):
    """A category slug as the export's reader gives it: decoded (an Arabic slug may be
    written either way), with an optional `en:`/`ar:` edition before it."""
    return unquote(text.strip())


def load_section_map(path):
    return parse_section_map(Path(path).read_text(encoding="utf-8"))


def import_wxr(path, options, *, progress=None):
    return WordPressImport(path, options, progress).run()


class WordPressImport:
    def __init__(self, path, options, progress=None):
        self.path = path
        self.options = options
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport()
        self.done = 0
        self.total = 0

    def step(self):
        self.done += 1
        self.progress(self.done, self.total)

    def run(self):
        index = SiteIndex.build(self.path)
        self.index = index
        self.total = len(index.items)
        self.progress(0, self.total)
        for problem in index.problems:
            self.report.record("file", "failed", problem.line, reason=problem.reason)
        self.source = self._source()
        self.media = MediaLibrary(
            self.source,
            MediaFetcher(
                uploads_dir=self.options.uploads_dir, media_base_url=self.options.media_base_url
            ),
            self.report,
            credit_meta_key=self.options.credit_meta_key,
        )
        for stub in index.items.values():
            if stub.post_type == "attachment" and stub.attachment_url:
                self.media.register_attachment_url(stub.attachment_url, stub.id)
        self.editions = Editions(self.source, index, self.report, self.options.section_map)
        self.editions.media = self.media
        self.pages = PageImporter(
            self.source, index, self.editions, self.media, self.report, self.options
        )
        tags_before = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
        self._attachments()
        self._content()
        self._relink()
        self._archives(tags_before)
        return self.report

    def _source(self):
        url = self.index.site_url or f"file:{Path(self.path).name}"
        title = (self.index.header.title if self.index.header else "")[:255]
        source, created = ImportSource.objects.get_or_create(
            site_url=url, defaults={"title": title}
        )
        if not created and title and source.title != title:
            source.title = title
            source.save(update_fields=["title"])
        return source

    def _items(self):
        for obj in wxr.iter_wxr(self.path):
            if isinstance(obj, wxr.WxrItem):
                yield obj

    def _attachments(self):
        for item in self._items():
            if item.post_type == "attachment":
                try:
                    self.media.image_for_attachment(item)
                except Exception as error:  # noqa: BLE001 - reported, and the import goes on
                    self.report.record(
                        SourceKind.ATTACHMENT, "failed", item.id, item.title, str(error)[:300]
                    )
                self.step()

    def _content(self):
        deferred, seen = [], set()
        for item in self._items():
            if item.post_type in CONTENT_TYPES and item.id in seen:
                self.report.record(
                    KINDS[item.post_type],
                    "skipped",
                    item.id,
                    item.title,
                    "Its id appears again in the file: the first item with it is imported",
                )
            elif item.post_type in CONTENT_TYPES:
                seen.add(item.id)
                if self.pages.import_item(item).deferred:
                    deferred.append(item)
                    continue
            elif item.post_type != "attachment":
                self.report.record(
                    item.post_type or "item",
                    "skipped",
                    item.id,
                    item.title,
                    f"A WordPress “{item.post_type}”: not content Nashra imports",
                )
            else:
                continue  # counted in the attachments pass
            self.step()
        # Pages whose parent page came later in the file, parents first.
        while deferred:
            waiting, deferred = deferred, []
            for item in waiting:
                if self.pages.import_item(item).deferred:
                    deferred.append(item)
                else:
                    self.step()
            if len(deferred) == len(waiting):  # a loop of parents: put them under the home
                for item in deferred:
                    item.parent = 0
                    self.pages.import_item(item)
                    self.step()
                break

    def _relink(self):
        pending = set(self.pages.pending_links)
        pending |= {
            int(wp_id)
            for wp_id in origin.ImportedObject.objects.filter(
                source=self.source, links_pending=True
            ).values_list("wp_id", flat=True)
            if wp_id.isdigit()
        }
        self.pages.pending_links = set()
        if not pending:
            return
        for item in self._items():
            if item.id in pending and item.post_type in CONTENT_TYPES:
                pending.discard(item.id)  # a repeated id: its first item only
                self.pages.import_item(item, relink=True)

    # Old archive addresses -----------------------------------------------------------------

    def _prefixes(self, language):
        """Where WordPress served archives: at the blog's path, and under the language's
        directory when a translation plugin put one there (/ar/category/...)."""
        base = ""
        if self.index.header and self.index.header.base_blog_url:
            base = redirects.old_path(self.index.header.base_blog_url).rstrip("/")
            base = "" if base == "/" else base
        prefixes = [base]
        if self.index.translations.plugin:
            prefixes.append(f"{base}/{language}")
        return prefixes

    def _archives(self, tags_before):
        steps = (
            ("category", self._category_archives),
            ("tag", lambda: self._tag_archives(tags_before)),
            ("author", self._author_archives),
            ("attachment", self._attachment_pages),
        )
        for kind, step in steps:
            try:
                with transaction.atomic():
                    origin.lock_source(self.source)
                    step()
            except Exception as error:  # noqa: BLE001 - reported; the pages are in already
                self.report.record(
                    SourceKind.REDIRECT,
                    "failed",
                    kind,
                    reason=f"Old {kind} addresses: {type(error).__name__}: {error}"[:300],
                )

    def _category_archives(self):
        for (taxonomy, slug), term in self.index.terms.items():
            if taxonomy != "category":
                continue
            found = False
            for language in EDITION_LANGUAGES:
                section = origin.target_of(
                    origin.find(self.source, SourceKind.CATEGORY, slug, language), SectionPage
                )
                if section is None:
                    continue
                found = True
                # The address without a language goes to one edition; /<lang>/... to its own.
                main = language == self._archive_language(SourceKind.CATEGORY, slug)
                prefixes = self._prefixes(language)
                for prefix in prefixes if main else prefixes[1:]:
                    path = f"{prefix}/category/{self._category_path(term)}/"
                    redirects.ensure(self.source, self.report, path, page=section, wp_id=slug)
                if term.id is not None and main:
                    redirects.ensure(
                        self.source, self.report, f"/?cat={term.id}", page=section, wp_id=slug
                    )
            if not found:
                self.report.record(
                    SourceKind.CATEGORY, "skipped", slug, term.name, "No imported post is in it"
                )
            elif not self.editions.recorded(SourceKind.CATEGORY, slug):
                self.report.record(SourceKind.CATEGORY, "unchanged", slug, term.name)

    def _category_path(self, term, depth=0):
        parent = self.index.terms.get(("category", term.parent)) if term.parent else None
        if parent is None or depth > 10:
            return term.slug
        return f"{self._category_path(parent, depth + 1)}/{term.slug}"

    def _archive_language(self, kind, wp_id):
        for language in [self.options.default_locale, *EDITION_LANGUAGES]:
            if origin.find(self.source, kind, wp_id, language) is not None:
                return language
        return self.options.default_locale

    def _tag_archives(self, tags_before):
        # Compared without case: taggit reuses "budget" for "Budget" (TAGGIT_CASE_INSENSITIVE).
        names_now = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
        for (taxonomy, slug), term in self.index.terms.items():
            if taxonomy != "post_tag":
                continue
            name = (term.name or term.slug).strip()[:100]
            if name.casefold() not in names_now:
                self.report.record(SourceKind.TAG, "skipped", slug, name, "No imported post has it")
                continue
            outcome = "unchanged" if name.casefold() in tags_before else "created"
            self.report.record(SourceKind.TAG, outcome, slug, name)
            tag = Tag.objects.filter(name__iexact=name).first()
            language = self._tag_language(tag)
            home = HomePage.objects.filter(locale__language_code=language).order_by("path").first()
            if home is not None and home.get_url() is None:
                # Another process made this edition: Wagtail's cached site roots predate it.
                Site.clear_site_root_paths_cache()
            if home is None or home.get_url() is None:
                self.report.note(SourceKind.TAG, slug, "The edition has no address yet", name)
                continue
            link = home.tag_url(tag)
            for prefix in self._prefixes(language):
                redirects.ensure(
                    self.source, self.report, f"{prefix}/tag/{slug}/", link=link, wp_id=slug
                )
            redirects.ensure(self.source, self.report, f"/?tag={slug}", link=link, wp_id=slug)

    def _tag_language(self, tag):
        from nashra.news.models import ArticlePage

        for language in [self.options.default_locale, *EDITION_LANGUAGES]:
            if ArticlePage.objects.filter(
                locale__language_code=language, tagged_items__tag=tag
            ).exists():
                return language
        return self.options.default_locale

    def _author_archives(self):
        for login, author in self.index.authors.items():
            language = self._archive_language(SourceKind.AUTHOR, login)
            page = origin.target_of(
                origin.find(self.source, SourceKind.AUTHOR, login, language), AuthorPage
            )
            if page is None:
                self.report.record(
                    SourceKind.AUTHOR,
                    "skipped",
                    login,
                    author.display_name,
                    "Wrote no imported post",
                )
                continue
            if not self.editions.recorded(SourceKind.AUTHOR, login):
                self.report.record(SourceKind.AUTHOR, "unchanged", login, page.title)
            for prefix in self._prefixes(language):
                redirects.ensure(
                    self.source, self.report, f"{prefix}/author/{login}/", page=page, wp_id=login
                )
            if author.id is not None:
                redirects.ensure(
                    self.source, self.report, f"/?author={author.id}", page=page, wp_id=login
                )

    def _attachment_pages(self):
        for stub in self.index.items.values():
            if stub.post_type != "attachment":
                continue
            # An image or a document (both are attachments).
            image = origin.target_of(origin.find(self.source, SourceKind.ATTACHMENT, stub.id))
            parent = self.index.items.get(stub.parent)
            page = None
            if parent is not None and parent.post_type in KINDS:
                page = origin.target_of(
                    origin.find(self.source, KINDS[parent.post_type], parent.id)
                )
                if page is not None and not page.live:
                    page = None
            if page is None and image is None:
                continue
            if page is not None:
                link = ""
            elif isinstance(image, NashraImage):
                link = image.file.url
            else:
                link = image.url
            for path in redirects.item_paths(stub):
                redirects.ensure(
                    self.source, self.report, path, page=page, link=link, wp_id=stub.id
                )
