"""A streaming reader for WordPress exports (WXR 1.0, 1.1 and 1.2).

`iter_wxr(path_or_file)` yields, in file order: one `WxrHeader` (before anything else), then
`WxrAuthor`, `WxrTerm` and `WxrItem` objects (an item carries its terms, postmeta and
comments), and a `WxrProblem` for anything malformed that was skipped. A file cut off in the
middle ends with a `WxrProblem`; everything complete before the cut has been yielded.
A file that is not a WordPress export at all raises `WxrError`.

The file is untrusted: it is parsed with entity expansion, DTD loading and network access
off (a DOCTYPE's entities are never expanded, external ones never fetched), and each item is
dropped from the tree once read, so memory stays flat however large the export is.
"""

import codecs
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote

from lxml import etree

# WordPress has written http://wordpress.org/export/1.0/ to .../1.2/, and some exporters
# (WordPress.com, newer tools) the same with https.
_WP_NS = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"

# Old exports (WXR 1.0) name the tag taxonomy "tag" in an item's category domain.
_DOMAIN_ALIASES = {"tag": "post_tag"}


class WxrError(Exception):
    """The file is not a WordPress export (not XML, or not an RSS file with WordPress data)."""


@dataclass
class WxrProblem:
    line: int | None
    reason: str


@dataclass
class WxrHeader:
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    language: str
    wxr_version: str


@dataclass
class WxrAuthor:
    id: int | None
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass
class WxrTerm:
    id: int | None
    taxonomy: str
    slug: str  # percent-decoded
    name: str
    parent: str  # the parent's slug, percent-decoded ("" for none)
    description: str
    meta: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class WxrItemTerm:
    domain: str
    slug: str  # percent-decoded
    name: str


@dataclass
class WxrComment:
    id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime | None  # naive, site-local
    date_gmt: datetime | None  # aware, UTC
    content: str
    approved: str  # "1", "0", "spam", "trash", as in the file
    type: str  # "", "comment", "pingback", "trackback", ...
    parent: int
    user_id: int
    meta: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class WxrItem:
    id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    slug: str  # percent-decoded (Unicode)
    raw_slug: str  # as in the file
    creator: str
    content: str
    excerpt: str
    date: datetime | None  # naive, site-local
    date_gmt: datetime | None  # aware, UTC
    modified_gmt: datetime | None
    parent: int
    menu_order: int
    password: str
    is_sticky: bool
    attachment_url: str
    terms: list[WxrItemTerm] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)
    # Beyond the shared contract, for whoever needs them.
    modified: datetime | None = None
    comment_status: str = ""
    ping_status: str = ""

    def meta_value(self, key, default=""):
        """The first value of a postmeta key (WordPress's get_post_meta(..., single=true))."""
        values = self.meta.get(key)
        return values[0] if values else default


def decode_slug(value):
    """WordPress stores non-ASCII slugs percent-encoded; give them back as Unicode.

    A slug that does not decode to valid UTF-8 is kept as it is."""
    value = (value or "").strip()
    if "%" not in value:
        return value
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        return value


def parse_local_datetime(value):
    """'2024-03-15 10:30:00' -> naive datetime; '0000-00-00 00:00:00', '' or junk -> None."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)  # noqa: DTZ007 (site-local, by design)
        except ValueError:
            continue
    return None


def parse_gmt_datetime(value):
    parsed = parse_local_datetime(value)
    return parsed.replace(tzinfo=UTC) if parsed else None


def _split(tag):
    """'{ns}local' -> (kind, local) with kind one of wp, excerpt, content, dc, '' or 'other'."""
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return "other", ""
    if tag[0] != "{":
        return "", tag
    ns, local = tag[1:].split("}", 1)
    if _WP_NS.match(ns):
        return "wp", local
    if _EXCERPT_NS.match(ns):
        return "excerpt", local
    if ns == _CONTENT_NS:
        return "content", local
    if ns == _DC_NS:
        return "dc", local
    return "other", local


def _text(element):
    """All the text of an element. Unexpanded entity references contribute nothing."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_text(child))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


class _Fields:
    """An element's children by (kind, local name); repeated children are kept in order."""

    def __init__(self, element):
        self.first = {}
        self.all = {}
        for child in element:
            key = _split(child.tag)
            self.all.setdefault(key, []).append(child)
            self.first.setdefault(key, child)

    def text(self, kind, local, strip=True):
        element = self.first.get((kind, local))
        value = _text(element)
        return value.strip() if strip else value

    def wp(self, local, strip=True):
        return self.text("wp", local, strip)

    def int(self, local, default=0):
        value = self.wp(local)
        if not value:
            return default
        try:
            return int(value)
        except ValueError as error:
            raise _BadItem(f"wp:{local} is not a number: {value[:40]!r}") from error

    def children(self, kind, local):
        return self.all.get((kind, local), [])


class _BadItem(ValueError):
    pass


def _meta(elements):
    meta = {}
    for element in elements:
        fields = _Fields(element)
        key = fields.wp("meta_key")
        if key:
            meta.setdefault(key, []).append(fields.wp("meta_value", strip=False))
    return meta


def _author(element):
    f = _Fields(element)
    return WxrAuthor(
        id=f.int("author_id", default=None),
        login=f.wp("author_login"),
        email=f.wp("author_email"),
        display_name=f.wp("author_display_name"),
        first_name=f.wp("author_first_name"),
        last_name=f.wp("author_last_name"),
    )


def _term(element, local):
    f = _Fields(element)
    meta = _meta(f.children("wp", "termmeta"))
    if local == "category":
        return WxrTerm(
            id=f.int("term_id", default=None),
            taxonomy="category",
            slug=decode_slug(f.wp("category_nicename")),
            name=f.wp("cat_name"),
            parent=decode_slug(f.wp("category_parent")),
            description=f.wp("category_description"),
            meta=meta,
        )
    if local == "tag":
        return WxrTerm(
            id=f.int("term_id", default=None),
            taxonomy="post_tag",
            slug=decode_slug(f.wp("tag_slug")),
            name=f.wp("tag_name"),
            parent="",
            description=f.wp("tag_description"),
            meta=meta,
        )
    return WxrTerm(
        id=f.int("term_id", default=None),
        taxonomy=f.wp("term_taxonomy"),
        slug=decode_slug(f.wp("term_slug")),
        name=f.wp("term_name"),
        parent=decode_slug(f.wp("term_parent")),
        description=f.wp("term_description"),
        meta=meta,
    )


def _comment(element):
    f = _Fields(element)
    if ("wp", "comment_id") not in f.first:
        raise _BadItem("no wp:comment_id")
    return WxrComment(
        id=f.int("comment_id"),
        author=f.wp("comment_author"),
        email=f.wp("comment_author_email"),
        url=f.wp("comment_author_url"),
        ip=f.wp("comment_author_IP"),
        date=parse_local_datetime(f.wp("comment_date")),
        date_gmt=parse_gmt_datetime(f.wp("comment_date_gmt")),
        content=f.wp("comment_content", strip=False),
        approved=f.wp("comment_approved"),
        type=f.wp("comment_type"),
        parent=f.int("comment_parent"),
        user_id=f.int("comment_user_id"),
        meta=_meta(f.children("wp", "commentmeta")),
    )


def _item_terms(f):
    with_domain, without_domain = [], []
    for element in f.children("", "category"):
        name = _text(element).strip()
        domain = (element.get("domain") or "").strip()
        if domain:
            with_domain.append(
                WxrItemTerm(
                    domain=_DOMAIN_ALIASES.get(domain, domain),
                    slug=decode_slug(element.get("nicename") or ""),
                    name=name,
                )
            )
        elif name:
            without_domain.append(WxrItemTerm(domain="category", slug="", name=name))
    # WXR 1.0 repeats each category without a domain; keep those only when nothing else says.
    return with_domain or without_domain


def _item(element, problems):
    """The item; a comment that cannot be read is left out with a line in `problems`."""
    f = _Fields(element)
    if ("wp", "post_id") not in f.first:
        raise _BadItem("item without wp:post_id")
    wp_id = f.int("post_id")
    comments = []
    for child in f.children("wp", "comment"):
        try:
            comments.append(_comment(child))
        except _BadItem as error:
            problems.append(
                WxrProblem(child.sourceline, f"comment of item {wp_id} skipped: {error}")
            )
    raw_slug = f.wp("post_name")
    return WxrItem(
        id=wp_id,
        post_type=f.wp("post_type") or "post",
        status=f.wp("status"),
        title=f.text("", "title"),
        link=f.text("", "link"),
        guid=f.text("", "guid"),
        slug=decode_slug(raw_slug),
        raw_slug=raw_slug,
        creator=f.text("dc", "creator"),
        content=f.text("content", "encoded", strip=False),
        excerpt=f.text("excerpt", "encoded", strip=False),
        date=parse_local_datetime(f.wp("post_date")),
        date_gmt=parse_gmt_datetime(f.wp("post_date_gmt")),
        modified_gmt=parse_gmt_datetime(f.wp("post_modified_gmt")),
        parent=f.int("post_parent"),
        menu_order=f.int("menu_order"),
        password=f.wp("post_password"),
        is_sticky=f.wp("is_sticky") == "1",
        attachment_url=f.wp("attachment_url"),
        terms=_item_terms(f),
        meta=_meta(f.children("wp", "postmeta")),
        comments=comments,
        modified=parse_local_datetime(f.wp("post_modified")),
        comment_status=f.wp("comment_status"),
        ping_status=f.wp("ping_status"),
    )


_CHANNEL_OBJECTS = {
    ("wp", "author"),
    ("wp", "category"),
    ("wp", "tag"),
    ("wp", "term"),
    ("", "item"),
}


def _header(channel):
    f = _Fields(channel)
    return WxrHeader(
        title=f.text("", "title"),
        link=f.text("", "link"),
        base_site_url=f.wp("base_site_url"),
        base_blog_url=f.wp("base_blog_url"),
        language=f.text("", "language"),
        wxr_version=f.wp("wxr_version"),
    )


def _forget(element):
    """Drop a read element and everything before it in its parent, to keep memory flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def iter_wxr(source):
    """Read a WordPress export; see the module docstring. `source` is a path or a binary file."""
    if hasattr(source, "read"):
        yield from _Stream(_Cleaner(source)).objects()
        return
    with open(source, "rb") as raw:
        yield from _Stream(_Cleaner(raw)).objects()


# Characters XML 1.0 forbids, which WordPress lets through from pasted text (form feeds,
# vertical tabs, stray escape codes); libxml2 would stop reading the file at the first one.
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)""")


class _Cleaner:
    """A binary stream for the parser. A UTF-8 file (the declaration says so, or says nothing)
    comes through with byte sequences that are not UTF-8 replaced by U+FFFD and characters
    XML forbids dropped, instead of ending the import there; `replaced` counts them. Files in
    another declared encoding pass through untouched."""

    def __init__(self, raw):
        self.raw = raw
        self.head = raw.read(512)
        match = _DECLARED_ENCODING.match(self.head)
        encoding = match.group(1).decode("ascii").lower() if match else "utf-8"
        self.clean = encoding in ("utf-8", "utf8") and not self.head.startswith(
            (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        )
        self.carry = b""  # the start of a character cut by the chunk's end
        self.pending = b""
        self.done = False
        self.replaced = 0

    def read(self, size=-1):
        size = size if size and size > 0 else 1 << 16
        while len(self.pending) < size and not self.done:
            chunk = self.head or self.raw.read(size)
            self.head = b""
            if not chunk:
                self.done = True
            self.pending += self._clean(chunk, final=self.done) if self.clean else chunk
        data, self.pending = self.pending[:size], self.pending[size:]
        return data

    def _clean(self, chunk, final):
        chunk = self.carry + chunk
        self.carry = b""
        if not final:
            # Hold back a UTF-8 sequence cut by the end of the chunk (at most 3 bytes).
            for back in range(1, min(4, len(chunk)) + 1):
                byte = chunk[-back]
                if byte < 0x80:
                    break
                if byte >= 0xC0:
                    needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
                    if back < needed:
                        chunk, self.carry = chunk[:-back], chunk[-back:]
                    break
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            text = chunk.decode("utf-8", errors="replace")
            self.replaced += max(text.count("\ufffd") - chunk.count(b"\xef\xbf\xbd"), 0)
            chunk = text.encode("utf-8")
        chunk, forbidden = _XML_FORBIDDEN.subn(b"", chunk)
        self.replaced += forbidden
        return chunk


class _Stream:
    def __init__(self, source):
        self.source = source
        self.channel = None
        self.header_sent = False
        self.dtd_problem = None

    def opening(self):
        """The header (once), and the DTD warning if any, before the first other object."""
        if not self.header_sent:
            self.header_sent = True
            if self.channel is not None:
                yield _header(self.channel)
            else:
                yield WxrHeader("", "", "", "", "", "")
        if self.dtd_problem:
            yield self.dtd_problem
            self.dtd_problem = None

    def objects(self):
        context = etree.iterparse(
            self.source,
            events=("start", "end"),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
        )
        depth = 0
        object_line = None
        try:
            for event, element in context:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        self.check_root(element)
                    elif depth == 2 and _split(element.tag) == ("", "channel"):
                        self.channel = element
                    elif (
                        depth == 3
                        and element.getparent() is self.channel
                        and _split(element.tag) in _CHANNEL_OBJECTS
                    ):
                        object_line = element.sourceline
                        yield from self.opening()
                    continue
                depth -= 1
                if depth == 2 and self.channel is not None and element.getparent() is self.channel:
                    if _split(element.tag) in _CHANNEL_OBJECTS:
                        yield from self.read(element)
                        object_line = None
                        _forget(element)
                elif depth == 1 and element is self.channel:
                    yield from self.opening()
        except etree.XMLSyntaxError as error:
            if depth == 0 and self.channel is None and not self.header_sent:
                raise WxrError(f"not an XML file: {error}") from error
            yield from self.opening()
            where = f" (the object from line {object_line} is incomplete)" if object_line else ""
            message = " ".join(str(error.msg).split())
            yield WxrProblem(
                error.lineno or None,
                f"the file is malformed or cut off here{where}; the rest was not read: {message}",
            )
            yield from self.cleaning_note()
            return
        if not self.header_sent:
            raise WxrError("no channel: this RSS file is not a WordPress export")
        yield from self.cleaning_note()

    def cleaning_note(self):
        replaced = getattr(self.source, "replaced", 0)
        if replaced:
            yield WxrProblem(
                None,
                f"{replaced} characters that were not UTF-8 or that XML does not allow "
                "were replaced or dropped",
            )

    def check_root(self, element):
        kind, local = _split(element.tag)
        if (kind, local) != ("", "rss"):
            raise WxrError(f"the file's root element is <{local or element.tag}>, not <rss>")
        if not any(_WP_NS.match(ns or "") for ns in element.nsmap.values()):
            raise WxrError("an RSS feed without WordPress export data (no wp: namespace)")
        if element.getroottree().docinfo.internalDTD is not None:
            self.dtd_problem = WxrProblem(
                element.sourceline, "the file declares a DTD; its entities were not expanded"
            )

    def read(self, element):
        local = _split(element.tag)[1]
        problems = []
        try:
            if local == "item":
                found = _item(element, problems)
            elif local == "author":
                found = _author(element)
            else:
                found = _term(element, local)
        except _BadItem as error:
            return [WxrProblem(element.sourceline, f"{local} skipped: {error}")]
        return [found, *problems]
