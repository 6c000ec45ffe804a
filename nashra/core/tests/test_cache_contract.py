"""The cache contract: what an app declares is what the page cache, the nginx front cache and
the purges use; entries are read only by the code version that wrote them."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from nashra.core import cache_contract, code_version, page_cache
from nashra.core.management.commands.nginx_config import Command as NginxConfig
from nashra.core.management.commands.nginx_config import render
from nashra.distribution.caching import FEEDS, SITEMAPS, TAGS
from nashra.engagement.caching import COMMENTED, FLAGGED, REACTED
from nashra.wpimport.middleware import LEGACY_KEYS


@pytest.fixture
def declarations():
    """Declarations made by a test are forgotten after it."""
    saved = (
        dict(cache_contract._pieces),
        dict(cache_contract._groups),
        list(cache_contract._uncacheable),
    )
    cache_contract.contract()  # every app's declarations, before the test adds its own
    yield
    cache_contract._pieces.clear()
    cache_contract._pieces.update(saved[0])
    cache_contract._groups.clear()
    cache_contract._groups.update(saved[1])
    cache_contract._uncacheable[:] = saved[2]
    cache_contract._forget()


def cacheable(path, query=""):
    return page_cache._cacheable_request(
        {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query}
    )


def never_cached_by_nginx(config):
    """The uncacheable prefixes and per-reader sections in a rendered nginx config."""
    prefixes = config.split('location ~ "^/(', 1)[1].split(")(/|$)", 1)[0]
    sections = config.split('location ~ "^/[a-z]{2}/(', 1)[1].split(")/", 1)[0]
    return set(prefixes.split("|")), set(sections.split("|"))


def nginx_config():
    parser = NginxConfig().create_parser("manage.py", "nginx_config")
    options = vars(parser.parse_args([]))
    out = StringIO()
    NginxConfig(stdout=out).handle(**options)
    return out.getvalue()


def test_an_app_declared_path_is_skipped_by_the_page_cache_and_by_nginx(declarations):
    assert cacheable("/letters/to-the-editor/")
    assert cacheable("/en/letters/1/")
    assert "letters" not in nginx_config()

    cache_contract.uncacheable(owner="letters", prefixes=("/letters/",), sections=("letters",))

    assert not cacheable("/letters/to-the-editor/")
    assert not cacheable("/en/letters/1/")
    assert cacheable("/en/world/")
    config = nginx_config()
    assert never_cached_by_nginx(config) == (
        {"admin", "healthz", "documents", "api", "letters"},
        {"engagement", "search", "letters"},
    )


def test_the_apps_own_declarations_reach_both_caches():
    config = nginx_config()
    for path in (
        "/admin/pages/",
        "/api/v2/pages/",
        "/healthz",
        "/documents/1/a.pdf",
        "/en/engagement/articles/1/react/",
    ):
        assert not cacheable(path), path
    # Search results: nginx keeps out; the page cache only under the query's canonical key
    # (nashra.search.query.page_key), and no key without a word to look for.
    assert page_cache.cache_key("/ar/search/", "") is None
    assert page_cache.cache_key("/ar/search/x/", "q=port") is None
    assert page_cache.cache_key("/ar/search/", "q=Port") == page_cache.cache_key(
        "/ar/search/", "q=port%20"
    )
    assert never_cached_by_nginx(config) == (
        {"admin", "api", "documents", "healthz"},
        {"engagement", "search"},
    )


def test_a_flag_declared_once_is_honoured_by_the_page_cache_and_nginx(declarations):
    assert cacheable("/en/world/a-story/", "subscribed=1")
    (subscribed,) = cache_contract.uncacheable(owner="newsletter", flags=("subscribed",))
    assert subscribed == "subscribed"
    assert not cacheable("/en/world/a-story/", "utm_source=x&subscribed=1")
    assert cacheable("/en/world/a-story/", "utm_source=x")
    # After the flags every installed app declared (engagement's, then the WordPress
    # import's; live coverage's wherever its module was first imported).
    legacy = "".join(f"$arg_{key}" for key in LEGACY_KEYS)
    skip = nginx_config().split('map "', 1)[1].split('"', 1)[0].replace("$arg_entry", "")
    assert skip == f"$cookie_sessionid$arg_reacted$arg_commented$arg_flagged{legacy}$arg_subscribed"
    assert "$arg_entry" in nginx_config()


def test_engagement_sends_readers_back_with_the_flags_it_declared():
    assert cache_contract.contract().flags[:3] == (REACTED, COMMENTED, FLAGGED)
    for flag in (REACTED, COMMENTED, FLAGGED):
        assert not cacheable("/en/world/a-story/", f"{flag}=1")
        assert f"$arg_{flag}" in nginx_config()


def test_a_flag_is_owned_by_one_app(declarations):
    with pytest.raises(cache_contract.ContractError):
        cache_contract.uncacheable(owner="someone-else", flags=("reacted",))


def test_pieces_name_their_key_and_what_they_depend_on(declarations, settings):
    letters = cache_contract.piece(
        "letter",
        "letter:{letter_id}",
        owner="letters",
        path=True,
        editions=cache_contract.ONE_EDITION,
    )
    assert letters(letter_id=7, path="/en/letters/7/", language="en") == {
        "key": "letter:7",
        "paths": ["/en/letters/7/"],
        "languages": ["en"],
    }
    with pytest.raises(cache_contract.ContractError):
        letters(letter_id=7, language="en")  # without the path it depends on
    every = cache_contract.piece(
        "letters-index", "letters", owner="letters", editions=cache_contract.EVERY_EDITION
    )
    assert every() == {"key": "letters", "languages": [code for code, _ in settings.LANGUAGES]}
    with pytest.raises(cache_contract.ContractError):  # the same name, another definition
        cache_contract.piece("letter", "letter:{id}", owner="other")
    assert cache_contract.contract().piece("letter") is letters


def test_purges_name_the_groups_the_page_cache_files_pages_under():
    assert page_cache.group_of("/en/feeds/rss/") == FEEDS("en")
    assert page_cache.group_of("/ar/tags/sport/") == TAGS("ar")
    assert page_cache.group_of("/sitemap-en.xml") == SITEMAPS()
    assert page_cache.group_of("/robots.txt") == SITEMAPS()
    assert page_cache.group_of("/en/world/") is None
    assert cache_contract.contract().groups_outside_editions() == [SITEMAPS()]
    with pytest.raises(cache_contract.ContractError):
        FEEDS()  # a group per edition needs the edition


@pytest.mark.django_db
def test_a_value_cached_by_other_code_is_not_read():
    request = RequestFactory().get("/en/")
    builds = []

    def build():
        builds.append(1)
        return f"built {len(builds)}"

    with override_settings(NASHRA_CODE_VERSION="release-1"):
        assert page_cache.versioned(request, "contract-test", build) == "built 1"
        assert page_cache.versioned(RequestFactory().get("/en/"), "contract-test", build) == (
            "built 1"
        )
        old_key = page_cache.data_key("contract-test")
        old_page = page_cache.cache_key("/en/world/", "")
    with override_settings(NASHRA_CODE_VERSION="release-2"):
        assert page_cache.data_key("contract-test") != old_key
        assert page_cache.cache_key("/en/world/", "") != old_page
        assert page_cache.versioned(RequestFactory().get("/en/"), "contract-test", build) == (
            "built 2"
        )
    assert cache.get(old_key) is not None  # still there, for the servers running release 1


@pytest.mark.django_db
def test_a_deploy_keeps_the_versions_so_purges_reach_both_releases():
    with override_settings(NASHRA_CODE_VERSION="release-1"):
        before = page_cache.cache_key("/en/world/", "").split("|", 1)[1]
    with override_settings(NASHRA_CODE_VERSION="release-2"):
        assert page_cache.cache_key("/en/world/", "").split("|", 1)[1] == before


def test_the_namespace_follows_the_installed_code(tmp_path, monkeypatch, settings):
    settings.NASHRA_CODE_VERSION = ""
    (tmp_path / "nashra").mkdir()
    module = tmp_path / "nashra" / "views.py"
    module.write_text("ANSWER = 1\n")
    (tmp_path / "nashra" / "tests").mkdir()
    (tmp_path / "nashra" / "tests" / "test_views.py").write_text("x = 1\n")
    monkeypatch.setattr(code_version, "_roots", lambda: iter([tmp_path / "nashra"]))
    digest = code_version.installed_code_digest.__wrapped__
    first = digest()
    assert digest() == first
    (tmp_path / "nashra" / "tests" / "test_views.py").write_text("x = 2\n")
    assert digest() == first  # tests are not the code that renders
    module.write_text("ANSWER = 2\n")
    assert digest() != first


def test_the_operator_may_name_the_code_version(settings):
    settings.NASHRA_CODE_VERSION = "3f9c2ab"
    assert code_version.code_version() == "3f9c2ab"
    settings.NASHRA_CODE_VERSION = ""
    assert code_version.code_version() == code_version.installed_code_digest()
    settings.NASHRA_CODE_VERSION = 'v1" ; drop'
    with pytest.raises(ImproperlyConfigured):
        code_version.code_version()


def test_nginx_keys_pages_by_the_code_version(settings):
    settings.NASHRA_CODE_VERSION = "release-7"
    config = nginx_config()
    # The edition's breaking-banner version ends the key (deploy/nginx/banner.js).
    assert (
        'set $nashra_cache_key "release-7|$uri|$nashra_page_key|$nashra_before_key|$nashra_banner";'
        in config
    )
    assert "js_set $nashra_banner nashra_banner.version;" in config
    assert "set $nashra_state_dir /var/cache/nginx/nashra-state;" in config
    assert "{{" not in render(
        **dict.fromkeys(
            (
                "listen",
                "server_name",
                "upstream",
                "cache_dir",
                "keys_zone_size",
                "max_size",
                "page_ttl",
                "purge_allow",
                "purge_js",
                "banner_js",
                "state_dir",
                "session_cookie",
                "static_root",
                "media_root",
                "app_prefixes",
                "per_reader_sections",
                "flag_arguments",
                "code_version",
            ),
            "x",
        )
    )
