"""Comment text: what we accept, what we change (and say so), and how it is shown."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Embeddings, overrides and isolates can reorder the page around a comment; marks (LRM,
# RLM, ALM) are harmless and kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}»،؛"
# Control characters (line breaks, tabs, escapes) and the Unicode line and paragraph
# separators: what a one-line value (a name, a mail subject) must not hold.
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def neutralize_bidi(text):
    """Remove direction-control characters; return the text and how many were removed."""
    cleaned, count = BIDI_CONTROLS.subn("", text)
    return cleaned, count


def has_line_breaking(text):
    return bool(LINE_BREAKING.search(text))


def one_line(text):
    """`text` with each run of control characters and line separators made one space."""
    return LINE_BREAKING.sub(" ", text).strip()


def _linked(text):
    """Escape plain text, turning URLs into links; URLs are found before escaping."""
    out, last = [], 0
    for match in URL.finditer(text):
        url = match.group(0)
        trail = ""
        while url and url[-1] in TRAILING_PUNCTUATION:
            trail = url[-1] + trail
            url = url[:-1]
        out.append(escape(text[last : match.start()]))
        out.append(
            f'<a href="{escape(url)}" rel="nofollow ugc noopener" dir="ltr">{escape(url)}</a>'
        )
        out.append(escape(trail))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def render_comment(text):
    """Plain text to safe HTML: escaped, paragraphs kept, URLs linked with rel=nofollow ugc."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return mark_safe(  # noqa: S308 - each paragraph escaped by _linked
        "".join(f'<p dir="auto">{_linked(p).replace(chr(10), "<br>")}</p>' for p in paragraphs)
    )
