"""Paragraph HTML in Wagtail's rich-text storage format, limited to the paragraph block's
features: bold (<b>), italic (<i>), links (external, or <a linktype="page" id="N">), and
bulleted and numbered lists. Anything else is unwrapped to its text."""

import re
from html import escape

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

BOLD = {"b", "strong"}
ITALIC = {"i", "em", "cite", "dfn", "var"}
DROPPED = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
DROPPED |= {"form", "input", "button", "select", "textarea", "link", "meta", "audio", "video"}
WHITESPACE = re.compile(r"[ \t\n\r\f]+")


def _text(value):
    return escape(WHITESPACE.sub(" ", value), quote=False)


class RichTextWriter:
    """Writes one paragraph (or list) at a time; images met on the way are handed back so the
    caller can make image blocks of them."""

    def __init__(self, links, notes):
        self.links, self.notes = links, notes

    def paragraph(self, nodes):
        """(`<p>…</p>` or "" when there is no text, [(img, before_any_text)])."""
        self.images = []
        inner = _squeeze(self._inline(nodes, bold=False, italic=False, in_link=False))
        inner = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", inner).strip()
        has_text = bool(re.sub(r"<[^>]*>|&nbsp;|\u00a0|\s", "", inner))
        return (f"<p>{inner}</p>" if has_text else ""), self.images

    def list(self, element):
        self.images = []
        items = self._items(element)
        return (f"<{element.name}>{items}</{element.name}>" if items else ""), self.images

    def _items(self, element):
        out = []
        for li in element.find_all("li", recursive=False):
            nested = [c for c in li.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            rest = [c for c in li.children if all(c is not n for n in nested)]
            text = _squeeze(self._inline(rest, bold=False, italic=False, in_link=False))
            sublists = "".join(
                f"<{sub.name}>{items}</{sub.name}>" for sub in nested if (items := self._items(sub))
            )
            if text or sublists:
                out.append(f"<li>{text}{sublists}</li>")
        return "".join(out)

    def _inline(self, nodes, *, bold, italic, in_link):
        out = []
        for node in nodes:
            if isinstance(node, PreformattedString):  # comments, <!DOCTYPE>, <?php ?>, CDATA
                continue
            if isinstance(node, NavigableString):
                out.append(_text(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name in DROPPED:
                self.notes.append(f"removed <{name}> from a paragraph")
                continue
            if name == "br":
                out.append("<br/>")
                continue
            if name == "img":
                classes = " ".join(node.get("class", []))
                if "wp-smiley" in classes or "emoji" in classes:  # a smiley drawn as an image
                    out.append(_text(node.get("alt", "")))
                else:
                    self.images.append((node, not "".join(out).strip()))
                continue
            if name in ("ul", "ol"):  # only in a list item: its own items are written apart
                out.append(f" {_text(node.get_text(' '))} ")
                continue
            inner = self._inline(
                node.children,
                bold=bold or name in BOLD,
                italic=italic or name in ITALIC,
                in_link=in_link or name == "a",
            )
            if name in BOLD and not bold and inner.strip():
                inner = _wrap("b", inner)
            elif name in ITALIC and not italic and inner.strip():
                inner = _wrap("i", inner)
            elif name == "a" and not in_link:
                inner = self._link(node, inner)
            elif name in ("p", "div", "li", "blockquote") or re.fullmatch(r"h[1-6]", name):
                inner = f" {inner} "
            out.append(inner)
        return "".join(out)

    def _link(self, node, inner):
        if not re.sub(r"<[^>]*>|\s", "", inner):
            return inner
        target = self.links.resolve(node.get("href", ""))
        if target is None:
            return inner
        kind, value = target
        if kind == "page":
            return f'<a linktype="page" id="{int(getattr(value, "pk", value))}">{inner}</a>'
        return f'<a href="{escape(value, quote=True)}">{inner}</a>'


def _wrap(tag, inner):
    """<b> x </b> becomes " <b>x</b> ": the spaces stay outside the emphasis."""
    stripped = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}<{tag}>{stripped}</{tag}>{trail}"


def _squeeze(html):
    return re.sub(r"\s*<br/>\s*", "<br/>", re.sub(r" {2,}", " ", html)).strip()
