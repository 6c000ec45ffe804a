"""The first pass over an export: what it holds, in little memory, before anything is written.

The importer needs to know things about items it has not reached yet (which post a link
points at, which attachment a featured image is, a post's twin in the other language, how
many items there are), so the file is read once for this index and again for the import.
Only a few fields of each item are kept: a 20,000-post export indexes in a few megabytes.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from . import wxr
from .translations import TranslationIndex

# Item types the importer turns into something (the rest are counted and reported skipped).
CONTENT_TYPES = ("post", "page")


@dataclass
class ItemStub:
    id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    slug: str
    parent: int
    attachment_url: str = ""
    caption: str = ""  # an attachment's caption (its excerpt)
    thumbnail_id: int | None = None


def url_path(url):
    """The decoded path of a URL (or of a path), without its trailing slash: the key links
    are matched by, whether written percent-encoded or not."""
    path = unquote(urlsplit(url.strip()).path or "/")
    return path.rstrip("/") or "/"


@dataclass
class SiteIndex:
    header: object = None
    authors: dict = field(default_factory=dict)  # login -> WxrAuthor
    author_logins_by_id: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)  # (taxonomy, slug) -> WxrTerm
    items: dict = field(default_factory=dict)  # id -> ItemStub
    by_path: dict = field(default_factory=dict)  # decoded link path -> item id
    translations: TranslationIndex = field(default_factory=TranslationIndex)
    problems: list = field(default_factory=list)
    hosts: set = field(default_factory=set)

    @classmethod
    def build(cls, path):
        index = cls()
        for obj in wxr.iter_wxr(path):
            index.add(obj)
        return index

    def add(self, obj):
        if isinstance(obj, wxr.WxrHeader):
            self.header = obj
            for url in (obj.link, obj.base_site_url, obj.base_blog_url):
                if url:
                    self.hosts.add(urlsplit(url).netloc.lower())
        elif isinstance(obj, wxr.WxrAuthor):
            self.authors[obj.login] = obj
            if obj.id is not None:
                self.author_logins_by_id[obj.id] = obj.login
        elif isinstance(obj, wxr.WxrTerm):
            self.terms[(obj.taxonomy, obj.slug)] = obj
            self.translations.add_term(obj)
        elif isinstance(obj, wxr.WxrItem):
            self.translations.add_item(obj)
            thumbnail = (obj.meta.get("_thumbnail_id") or [""])[0].strip()
            self.items[obj.id] = ItemStub(
                id=obj.id,
                post_type=obj.post_type,
                status=obj.status,
                title=obj.title,
                link=obj.link,
                guid=obj.guid,
                slug=obj.slug,
                parent=obj.parent,
                attachment_url=obj.attachment_url,
                caption=obj.excerpt if obj.post_type == "attachment" else "",
                thumbnail_id=int(thumbnail) if thumbnail.isdigit() else None,
            )
            if obj.link and obj.post_type in CONTENT_TYPES + ("attachment",):
                self.by_path.setdefault(url_path(obj.link), obj.id)
        elif isinstance(obj, wxr.WxrProblem):
            self.problems.append(obj)

    @property
    def site_url(self):
        header = self.header
        url = header and (header.base_site_url or header.link or header.base_blog_url)
        return (url or "").rstrip("/")

    def is_local(self, url):
        parts = urlsplit(url.strip())
        return not parts.netloc or parts.netloc.lower() in self.hosts

    def id_for_url(self, url):
        """The id of the item a link on the old site points at, or None."""
        if not url or not self.is_local(url):
            return None
        parts = urlsplit(url.strip())
        query = parse_qs(parts.query)
        for key in ("p", "page_id", "attachment_id"):
            value = (query.get(key) or [""])[0]
            if value.isdigit() and int(value) in self.items:
                return int(value)
        return self.by_path.get(url_path(url))

    def count(self, *post_types):
        return sum(1 for item in self.items.values() if item.post_type in post_types)
