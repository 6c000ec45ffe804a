"""A reader's search as the results page shows it, and as the page cache keys that page: the
query in one spelling (case, spaces, Arabic diacritics and tatweel, invisible marks and
compatibility forms folded), then the filters and the page in a fixed order. Two requests with
the same key get the same page, so `Lighthouse` and `lighthouse ` share one cached copy."""

import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from nashra.core.page_cache import PAGE_NUMBER
from nashra.core.text_analysis import query_terms

MAX_QUERY_LENGTH = 200
FILTERS = ("section", "type", "start", "end")
NAMES = frozenset(("q", "page", *FILTERS))
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def display_query(text):
    """The query as the page shows it (in the box, the heading and the count): what the
    analysis would fold anyway, folded, but letters kept as written (no hamza or taa marbuta
    folding, no stemming), so that it reads as the reader's own words."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(_MARKS.sub("", text).casefold().split())


def canonical_params(query, values):
    """The query string a results page links to (its pager, "first page"), without `page`:
    the shown query, then each filter given, in a fixed order."""
    return [("q", display_query(query))] + [
        (name, values[name]) for name in FILTERS if values.get(name)
    ]


@lru_cache(maxsize=4096)  # a hit in a spike: the same few query strings, worked out once
def page_key(query_string):
    """The page cache's key for a results page (nashra.search.caching), or None when the page
    must not be served from the cache or stored: no word to look for, a query too long, a
    page number that is no page number, a parameter the form does not know or given twice, a
    query string not percent-encoded. (Filters the form refuses are a 400, which no cache
    stores.)"""
    if not query_string.isascii():
        return None
    try:
        pairs = parse_qsl(query_string, keep_blank_values=True, max_num_fields=len(NAMES))
    except ValueError:
        return None
    names = [name for name, _value in pairs]
    if len(set(names)) != len(names) or not NAMES.issuperset(names):
        return None
    values = dict(pairs)
    query, page = values.get("q", ""), values.get("page", "")
    if len(query) > MAX_QUERY_LENGTH or not query_terms(display_query(query)):
        return None
    if page and not PAGE_NUMBER.fullmatch(page):
        return None
    return urlencode([*canonical_params(query, values), ("page", page or "1")])
