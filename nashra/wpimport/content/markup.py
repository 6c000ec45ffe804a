"""Small pieces of HTML handling the converter shares: parsing, escaping, scrubbing."""

import re
import warnings
from html import escape

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from wagtail.rich_text import RichText

from nashra.news.html_sanitize import strip_controls

# Tags open at once; each level costs the converter a few stack frames.
MAX_NESTING = 120
# Closed implicitly in HTML, or never: they do not deepen the tree the way WordPress writes them.
NOT_NESTING = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "hr", "img", "input"}
NOT_NESTING |= {"meta", "link", "source", "track", "wbr", "col", "area", "base", "embed", "param"}
OPEN_OR_CLOSE = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*?(/?)>")


def scrub(value):
    if isinstance(value, RichText):
        return RichText(strip_controls(value.source))
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    return value


def parse_html(html):
    with warnings.catch_warnings():  # a post that is only a URL is not a file name
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "html.parser")


def attr(value):
    return escape(strip_controls(value or ""), quote=True)


def nesting(html):
    """How deep the markup's elements go, counted from its tags without parsing it."""
    depth = deepest = 0
    for match in OPEN_OR_CLOSE.finditer(html):
        if match[2].lower() in NOT_NESTING or match[3]:
            continue
        depth = max(depth - 1, 0) if match[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest
