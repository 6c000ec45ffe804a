"""Allowlists for the HTML an article body keeps as markup (imported tables and legacy HTML).

Both are cleaned with nh3 when they are written (the WordPress import) and again whenever
they are shown, so a value edited by hand or stored by an older importer is never trusted."""

import re

import nh3

# Embedding and override controls (LRE…RLO, LRI…PDI) can reorder what a reader sees
# ("Trojan Source"); the marks Arabic text needs (LRM, RLM, ALM) are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 controls other than tab and newline, which no page should carry.
OTHER_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "form",
    "select",
    "textarea",
    "button",
}
INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "br", "span"}
INLINE_TAGS |= {"abbr", "small", "mark", "q", "cite", "bdi"}
TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "p", "ul", "ol", "li"}
TABLE_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
}
LEGACY_TAGS = INLINE_TAGS | TABLE_TAGS | {"caption", "h2", "h3", "h4", "h5", "h6", "hr"}
LEGACY_TAGS |= {"blockquote", "pre", "div", "figure", "figcaption", "dl", "dt", "dd", "img"}
LEGACY_ATTRIBUTES = {
    **TABLE_ATTRIBUTES,
    "img": {"src", "alt", "width", "height"},
    "*": {"lang", "dir"},
}


def strip_controls(text):
    return OTHER_CONTROLS.sub("", BIDI_CONTROLS.sub("", text))


def _clean(html, tags, attributes, dropped=DROPPED_WITH_CONTENT):
    cleaned = nh3.clean(
        strip_controls(html),
        tags=tags,
        clean_content_tags=dropped,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return strip_controls(cleaned)


def clean_legacy_html(html):
    """Markup kept from an imported post that has no block of its own."""
    return _clean(html or "", LEGACY_TAGS, LEGACY_ATTRIBUTES)


def clean_table_html(html):
    """One table's rows and cells (its caption is a field of its own)."""
    return _clean(
        html or "", TABLE_TAGS | INLINE_TAGS, TABLE_ATTRIBUTES, DROPPED_WITH_CONTENT | {"caption"}
    )
