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


def test_nginx_keys_before_with_the_same_rule():
    template = (
        Path(page_cache.__file__).parents[2] / "deploy/nginx/nashra.conf.template"
    ).read_text()
    rule = re.search(r'map \$arg_before \$nashra_before_key \{\s*"~\^(.*?)\$"', template).group(1)
    assert rule == page_cache.BEFORE.pattern
    assert "$nashra_before_key" in re.search(r"set \$nashra_cache_key (.*);", template).group(1)


def test_a_live_entry_permalink_is_never_served_or_stored_by_the_page_cache():
    def cacheable(query):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": PATH, "QUERY_STRING": query}
        return page_cache._cacheable_request(environ)

    assert cacheable("before=12")
    assert not cacheable("entry=12")
    assert not cacheable("utm_source=x&entry=12")
