"""Which query strings change a cached page's key: ?page=N and a live page's ?before=<id>,
each only when canonical (as the nginx front cache keys them)."""

import re
from pathlib import Path

import pytest

from nashra.core import page_cache

pytestmark = pytest.mark.django_db
PATH = "/en/security/live/"


def key(query):
    return page_cache.cache_key(PATH, query)


def test_a_canonical_before_has_its_own_entry():
    assert key("before=123") != key("")
    assert key("before=123") != key("before=124")
    assert key("before=123") == key("before=123&utm_source=x")
    assert key("before=123") == key("before=123&before=7")  # the first, as nginx takes it
    assert key("page=2&before=5") != key("before=5")


@pytest.mark.parametrize("raw", ["", "0", "0123", "-5", "12a", "1.0", "9" * 19, "%31"])
def test_anything_else_is_the_first_page_so_nobody_can_bust_the_cache(raw):
    assert key(f"before={raw}") == key("")


def nginx_rule(name):
    """The regex the nginx template keys `?<name>=` by, from $args."""
    template = (
        Path(page_cache.__file__).parents[2] / "deploy/nginx/nashra.conf.template"
    ).read_text()
    assert "$nashra_before_key" in re.search(r"set \$nashra_cache_key (.*);", template).group(1)
    found = re.search(r"map \$args \$nashra_" + name + r'_key \{\s*"~(.*?)" \$1;', template)
    return re.compile(found.group(1))


QUERIES = [
    "",
    "page=2",
    "PAGE=2",
    "Page=2",
    "page=%32",
    "page=02",
    "page=x&page=2",
    "page=2&page=3",
    "a=1&page=3",
    "xpage=2",
    "a=1&&page=4&b",
    "before=5",
    "BEFORE=5",
    "Before=7",
    "before=%35",
    "before=x&before=5",
    "xbefore=5",
    "utm=1&before=9&page=2",
    "page=2&PAGE=3",
    "before=05",
    "page=1000000",
    "before=" + "9" * 19,
    "before=5;page=2",
]


@pytest.mark.parametrize("query", QUERIES)
def test_nginx_keys_page_and_before_exactly_as_the_app(query):
    """nginx's $arg_name matches names in any case (?BEFORE=5): were it to key by them while
    the app renders the first page, it would store the first page under another's key."""
    page = page_cache.canonical_page_number(page_cache.raw_argument(query, "page"))
    before = page_cache.canonical_before(page_cache.raw_argument(query, "before"))
    nginx_page = nginx_rule("page").search(query)
    nginx_before = nginx_rule("before").search(query)
    assert (nginx_page.group(1) if nginx_page else "") == ("" if page == 1 else str(page))
    assert (nginx_before.group(1) if nginx_before else "") == before


@pytest.mark.parametrize("query", ["PAGE=2", "Page=2", "page=%32", "BEFORE=5", "before=%35"])
def test_other_spellings_are_the_first_page(query, rf):
    assert key(query) == key("")
    assert page_cache.requested_page(rf.get(PATH + "?" + query)) == 1


def test_the_first_canonical_page_argument_selects_the_page(rf):
    assert key("page=2") != key("")
    assert key("page=2&page=3") == key("page=2")
    assert key("page=x&page=2") == key("")
    assert page_cache.requested_page(rf.get(PATH + "?page=2&page=3")) == 2
    assert page_cache.requested_page(rf.get(PATH + "?page=x&page=2")) == 1


def test_a_live_entry_permalink_is_never_served_or_stored_by_the_page_cache():
    def cacheable(query):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": query}
        return page_cache._cacheable_request(environ)

    assert cacheable("before=12")
    assert not cacheable("entry=12")
    assert not cacheable("utm_source=x&entry=12")
