"""Which shortcodes and Gutenberg blocks a post's content uses, counted by name."""

import re
from collections import Counter

# An opening shortcode: [name], [name attr="..."] or [name/]. WordPress escapes a literal
# shortcode by doubling the brackets ([[name]]); those are text, not shortcodes. Names are
# taken in lower case only, so that bracketed text such as a "[Name/Agency]" credit or
# "[Reuters]" is not counted as a shortcode.
_SHORTCODE = re.compile(r"(\[?)\[([a-z0-9][a-z0-9_-]*)(?=[\s\]/])([^\[\]]*)\](\]?)")
# An opening or self-closing block comment: <!-- wp:name {...} --> or <!-- wp:ns/name /-->.
_BLOCK = re.compile(r"<!--\s+wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)(?=[\s/]|-->)")


def find_shortcodes(html):
    """Counter of shortcode names opened in `html` ([gallery ...] -> 'gallery')."""
    found = Counter()
    for match in _SHORTCODE.finditer(html or ""):
        escaped = match.group(1) == "[" and match.group(4) == "]"
        if not escaped and not match.group(2).isdigit():
            found[match.group(2)] += 1
    return found


def find_block_names(html):
    """Counter of Gutenberg block names in `html`, with core blocks as 'core/<name>'."""
    found = Counter()
    for match in _BLOCK.finditer(html or ""):
        name = match.group(1)
        found[name if "/" in name else f"core/{name}"] += 1
    return found
