"""Which shortcodes and Gutenberg blocks a post's content uses, counted by name."""

import re
from collections import Counter

from . import KNOWN_SHORTCODES
from .shortcodes import replace_shortcodes

# An opening or self-closing block comment: <!-- wp:name {...} --> or <!-- wp:ns/name /-->.
_BLOCK = re.compile(r"<!--\s+wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)(?=[\s/]|-->)")


def find_shortcodes(html):
    """Counter of shortcode names opened in `html` ([gallery ...] -> 'gallery'), by the same
    rule the converter uses (nashra.wpimport.content.shortcodes), nested ones included, so
    the dry run predicts what the import will report."""
    found = Counter()

    def count(shortcode):
        found[shortcode.name] += 1
        if shortcode.content:
            replace_shortcodes(shortcode.content, KNOWN_SHORTCODES, count)
        return ""

    replace_shortcodes(html or "", KNOWN_SHORTCODES, count)
    return found


def find_block_names(html):
    """Counter of Gutenberg block names in `html`, with core blocks as 'core/<name>'."""
    found = Counter()
    for match in _BLOCK.finditer(html or ""):
        name = match.group(1)
        found[name if "/" in name else f"core/{name}"] += 1
    return found
