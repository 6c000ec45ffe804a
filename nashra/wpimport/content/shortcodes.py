"""Shortcodes in post content: `[name attr="v"]`, `[name /]` and `[name]content[/name]`.

WordPress only treats registered names as shortcodes; an export does not say which plugins
were active, so a name this module does not know counts as a shortcode only when it looks
like one (a closing tag, an attribute, or a plugin-style name with `_` or `-`). Brackets in
prose ("[sic]", a credit "[Name/Agency]") stay text."""

import re
from bisect import bisect_left
from dataclasses import dataclass, field

OPENING = re.compile(
    r"\[(?P<escape>\[?)(?P<name>[A-Za-z][\w-]*)(?![\w-])"
    r"(?P<attrs>(?:[^\[\]/]|/(?!\]))*)(?P<selfclose>/)?\](?P<escape_end>\]?)"
)
CLOSING = re.compile(r"\[/([A-Za-z][\w-]*)\]")
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|"""
    r"""([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)


@dataclass
class Shortcode:
    name: str
    attrs: dict = field(default_factory=dict)
    content: str | None = None
    raw: str = ""


def parse_attributes(text):
    """Named attributes by lower-cased name; positional ones under "0", "1", ..."""
    attrs, position = {}, 0
    text = text.replace("\u00a0", " ").replace("\u200b", " ")
    for match in ATTRIBUTE.finditer(text):
        groups = match.groups()
        for name_at, value_at in ((0, 1), (2, 3), (4, 5)):
            if groups[name_at]:
                attrs[groups[name_at].lower()] = groups[value_at]
                break
        else:
            value = next(g for g in groups[6:] if g is not None)
            attrs[str(position)] = value
            position += 1
    return attrs


def _looks_like_shortcode(name, attrs, closed, selfclose):
    return closed or selfclose or "=" in attrs or "_" in name or "-" in name


def replace_shortcodes(text, known, handle):
    """`text` with each outermost shortcode replaced by `handle(shortcode)`.

    Names in `known` are always shortcodes; others only when they look like one.
    `[[name]]` is WordPress's escape: it stays as the literal `[name]`."""
    out, position = [], 0
    closings = {}  # name -> [(start, end)] of each [/name], found in one pass
    for found in CLOSING.finditer(text):
        closings.setdefault(found[1].lower(), []).append((found.start(), found.end()))
    while True:
        match = OPENING.search(text, position)
        if not match:
            break
        name = match["name"].lower()
        end_tag = None if match["selfclose"] else _next(closings.get(name, []), match.end())
        if not (
            name in known
            or _looks_like_shortcode(name, match["attrs"], bool(end_tag), match["selfclose"])
        ):
            out.append(text[position : match.start() + 1])
            position = match.start() + 1
            continue
        if match["escape"] and match["escape_end"]:
            out.append(text[position : match.start()] + text[match.start() + 1 : match.end() - 1])
            position = match.end()
            continue
        end = end_tag[1] if end_tag else match.end()
        if match["escape"] and text[end : end + 1] == "]":
            out.append(text[position : match.start()] + text[match.start() + 1 : end])
            position = end + 1
            continue
        if match["escape"]:
            out.append(text[position : match.start() + 1])
            position = match.start() + 1
            continue
        out.append(text[position : match.start()])
        content = text[match.end() : end_tag[0]] if end_tag else None
        raw = text[match.start() : end]
        out.append(handle(Shortcode(name, parse_attributes(match["attrs"]), content, raw)))
        position = end
    out.append(text[position:])
    return "".join(out)


def _next(spans, after):
    """The first (start, end) in `spans` starting at or after `after`."""
    i = bisect_left(spans, (after, -1))
    return spans[i] if i < len(spans) else None
