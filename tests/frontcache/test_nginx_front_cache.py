"""The nginx front cache of deploy/nginx/ in front of the production server: hits, bypasses,
and exact purges sent by Wagtail's frontend-cache backend when content changes."""

import gzip
import json
import urllib.error
import urllib.request

from .conftest import stack_shell


def fetch(url, *, gzip_ok=True, cookie=None, method="GET", data=None, headers=None):
    request = urllib.request.Request(url, method=method, data=data, headers=dict(headers or {}))
    if gzip_ok:
        request.add_header("Accept-Encoding", "gzip")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    raw = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return response.status, response.headers, raw.decode("utf-8", "replace")


def state(stack, path, **kwargs):
    return fetch(stack["url"] + path, **kwargs)[1].get("X-Front-Cache")


def pages(stack):
    """Two English articles in different sections, their sections, and the front pages."""
    return json.loads(
        stack_shell(
            stack,
            """
import json
from nashra.news.models import ArticlePage, HomePage
en = list(ArticlePage.objects.live().filter(locale__language_code="en").select_related("section"))
first = en[0]
other = next(a for a in en if a.section_id != first.section_id)
print(json.dumps({"id": first.pk, "other_id": other.pk, "article": first.url,
                  "section": first.section.url,
                  "other_article": other.url, "other_section": other.section.url,
                  "home": HomePage.objects.get(locale__language_code="en").url,
                  "home_ar": HomePage.objects.get(locale__language_code="ar").url}))
""",
        )
    )


def test_anonymous_pages_are_served_from_the_front_cache(front_stack):
    p = pages(front_stack)
    assert state(front_stack, p["other_article"]) in ("MISS", "EXPIRED", "HIT")
    status, headers, body = fetch(front_stack["url"] + p["other_article"])
    assert status == 200 and headers["X-Front-Cache"] == "HIT"
    assert headers["Content-Encoding"] == "gzip" and "<article" in body
    assert "Set-Cookie" not in headers
    # A client without gzip gets the same page, unzipped by nginx from the one stored copy.
    status, headers, plain = fetch(front_stack["url"] + p["other_article"], gzip_ok=False)
    assert headers.get("Content-Encoding") is None and plain == body
    # Tracking parameters share the entry: they can't bust the cache or dodge a purge.
    assert state(front_stack, p["other_article"] + "?utm_source=newsletter") == "HIT"


def test_editors_searches_and_posts_never_touch_the_front_cache(front_stack):
    p = pages(front_stack)
    fetch(front_stack["url"] + p["home"])
    assert state(front_stack, p["home"]) == "HIT"
    assert state(front_stack, p["home"], cookie="sessionid=an-editor") == "BYPASS"
    assert state(front_stack, "/en/search/?q=port") is None
    assert state(front_stack, "/en/search/?q=port") is None
    assert state(front_stack, p["home"] + "?reacted=yes") == "BYPASS"
    status, headers, _ = fetch(
        front_stack["url"] + f"/en/engagement/articles/{p['id']}/reaction/",
        method="POST",
        data=b"value=yes",
        headers={
            "Origin": front_stack["url"],
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert status == 200 and headers.get("X-Front-Cache") is None


def test_purge_needs_an_allowed_address_and_the_purge_method(front_stack):
    p = pages(front_stack)
    fetch(front_stack["url"] + p["home"])
    # From 127.0.0.1 (the app servers) PURGE works; it's the method Wagtail's backend sends.
    status, _, _ = fetch(front_stack["url"] + p["home"], method="PURGE")
    assert status == 200
    assert state(front_stack, p["home"]) == "MISS"


def test_publishing_purges_exactly_the_pages_that_show_the_article(front_stack):
    p = pages(front_stack)
    watched = [
        p["article"],
        p["section"],
        p["home"],
        p["other_article"],
        p["other_section"],
        p["home_ar"],
    ]
    for path in watched:
        fetch(front_stack["url"] + path)
    assert all(state(front_stack, path) == "HIT" for path in watched)

    stack_shell(
        front_stack,
        f"""
from nashra.news.models import ArticlePage
article = ArticlePage.objects.get(pk={p["id"]})
article.title = "Harbour cranes return after the strike"
article.save_revision().publish()
""",
    )
    for path in (p["article"], p["section"], p["home"]):
        status, headers, body = fetch(front_stack["url"] + path)
        assert headers["X-Front-Cache"] == "MISS", path
        assert "Harbour cranes return after the strike" in body, path
    # Pages that don't show the article stay cached.
    for path in (p["other_article"], p["other_section"], p["home_ar"]):
        assert state(front_stack, path) == "HIT", path


BROWSERS = ["gzip", "gzip, deflate, br, zstd", "gzip, deflate", "identity"]


def _fetch_as(stack, path, accept_encoding):
    return fetch(stack["url"] + path, gzip_ok=False, headers={"Accept-Encoding": accept_encoding})


def test_readers_of_every_browser_share_one_copy_and_all_see_a_publish(front_stack):
    p = pages(front_stack)
    path = p["other_article"]
    _fetch_as(front_stack, path, BROWSERS[0])
    # One stored copy for every Accept-Encoding a browser sends (each would otherwise be a
    # copy of its own, out of a purge's reach).
    for accept_encoding in BROWSERS:
        status, headers, _ = _fetch_as(front_stack, path, accept_encoding)
        assert (status, headers["X-Front-Cache"]) == (200, "HIT"), accept_encoding
        assert headers["Vary"] == "Accept-Encoding"
    stack_shell(
        front_stack,
        f"""
from nashra.news.models import ArticlePage
article = ArticlePage.objects.get(pk={p["other_id"]})
article.title = "Night ferry resumes for every reader"
article.save_revision().publish()
""",
    )
    for accept_encoding in reversed(BROWSERS):
        _, headers, body = _fetch_as(front_stack, path, accept_encoding)
        assert "Night ferry resumes for every reader" in body, accept_encoding
        assert headers.get("Content-Encoding") == (
            None if accept_encoding == "identity" else "gzip"
        ), accept_encoding


def test_unpublishing_is_a_404_at_once_and_comment_approval_shows_at_once(front_stack):
    p = pages(front_stack)
    fetch(front_stack["url"] + p["other_article"])
    assert state(front_stack, p["other_article"]) == "HIT"
    stack_shell(
        front_stack,
        f"""
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
article = ArticlePage.objects.get(pk={p["other_id"]})
comment = Comment.objects.create(article=article, name="Salma", email="s@example.org",
                                 body="The night ferry schedule matters here.", status="pending")
comment.status = "approved"
comment.save()
""",
    )
    status, headers, body = fetch(front_stack["url"] + p["other_article"])
    assert headers["X-Front-Cache"] == "MISS"
    assert "The night ferry schedule matters here." in body

    stack_shell(
        front_stack,
        f"""
from nashra.news.models import ArticlePage
ArticlePage.objects.get(pk={p["id"]}).unpublish()
""",
    )
    status, _, _ = fetch(front_stack["url"] + p["article"])
    assert status == 404


def test_arabic_addresses_are_purged_too(front_stack):
    """Arabic tag addresses reach nginx percent-encoded; the cache key is the decoded path and
    the purge (sent encoded by the backend) must find the same key."""
    ar = json.loads(
        stack_shell(
            front_stack,
            """
import json
from django.utils.encoding import iri_to_uri
from nashra.news.models import ArticlePage, HomePage
home = HomePage.objects.get(locale__language_code="ar")
article, tag = next((a, t) for a in ArticlePage.objects.live().filter(locale__language_code="ar")
                    for t in a.tags.all() if not t.slug.isascii())
print(json.dumps({"id": article.pk, "article": iri_to_uri(article.url),
                  "tag": iri_to_uri(home.tag_url(tag))}))
""",
        )
    )
    for path in (ar["article"], ar["tag"]):
        fetch(front_stack["url"] + path)
        assert state(front_stack, path) == "HIT"
    stack_shell(
        front_stack,
        f"""
from nashra.news.models import ArticlePage
article = ArticlePage.objects.get(pk={ar["id"]})
article.title = "عودة الرافعات إلى الميناء بعد الإضراب"
article.save_revision().publish()
""",
    )
    for path in (ar["article"], ar["tag"]):
        status, headers, body = fetch(front_stack["url"] + path)
        assert headers["X-Front-Cache"] == "MISS", path
        assert "عودة الرافعات إلى الميناء بعد الإضراب" in body, path


def test_every_app_worker_serves_a_publish_at_once(front_stack):
    """Behind nginx or not, the app's workers hold page-cache versions in memory
    (nashra.core.local_versions): a publish in another process must reach every one of them
    before the next request, with no wait."""
    p = pages(front_stack)
    url = front_stack["app"] + p["other_section"]
    for _ in range(20):  # a new connection each: the workers cache it and hold its versions
        fetch(url)
    assert fetch(url)[1]["X-Cache"] == "HIT"
    stack_shell(
        front_stack,
        f"""
from nashra.news.models import ArticlePage
article = ArticlePage.objects.get(pk={p["other_id"]})
article.title = "Night ferries keep their winter timetable"
article.save_revision().publish()
""",
    )
    for _ in range(20):
        assert "Night ferries keep their winter timetable" in fetch(url)[2]
    assert fetch(url)[1]["X-Cache"] == "HIT"  # and it is cached again


def test_a_front_cache_hit_keeps_the_security_headers(front_stack):
    p = pages(front_stack)
    fetch(front_stack["url"] + p["section"])
    _, first, _ = fetch(front_stack["url"] + p["section"])
    assert first["X-Front-Cache"] == "HIT"
    csp = first["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
    assert "camera=()" in first["Permissions-Policy"]
    assert first["X-Content-Type-Options"] == "nosniff" and first["X-Frame-Options"] == "DENY"
    assert first["Referrer-Policy"] == "strict-origin-when-cross-origin"
    _, static, _ = fetch(front_stack["url"] + "/static/css/site.css")
    assert static["X-Content-Type-Options"] == "nosniff"


def test_live_pages_before_has_its_own_entry_only_when_canonical(front_stack):
    """?before=<id> pages a live page's older updates: a canonical id is its own entry, kept
    only for a page that says it is paged by it (an article is not: served, never stored), any
    other spelling shares the first page's (nashra.core.page_cache.canonical_before), and the
    one-off ?entry=<id> redirect is never cached."""
    p = pages(front_stack)
    path = p["other_article"]
    fetch(front_stack["url"] + path)
    assert state(front_stack, path) == "HIT"
    assert state(front_stack, path + "?before=4242") == "MISS"
    assert state(front_stack, path + "?before=4242") == "MISS"
    for spelling in ("abc", "04242", "0", "-1"):
        assert state(front_stack, path + f"?before={spelling}") == "HIT", spelling
    assert state(front_stack, path + "?entry=4242") == "BYPASS"


def test_argument_names_in_another_case_share_the_first_pages_entry(front_stack):
    """nginx's $arg_before would match ?BEFORE=; the app reads only "before=" and renders the
    first page, so keying it apart would store the first page under another's key. Both
    apply one rule: the first argument named exactly so, its value as sent."""
    p = pages(front_stack)
    for path, name in ((p["other_article"], "before"), (p["other_section"], "page")):
        fetch(front_stack["url"] + path)
        assert state(front_stack, path) == "HIT"
        for query in (
            name.upper() + "=2",
            name.title() + "=2",
            f"{name}=%32",
            f"{name}=x&{name}=2",
        ):
            assert state(front_stack, f"{path}?{query}") == "HIT", query
    assert state(front_stack, p["other_article"] + "?before=77") == "MISS"


def test_a_page_not_paged_by_before_is_never_stored_under_a_before_key(front_stack):
    """?before= is in the key for a live page's older updates; any other page asked with it is
    answered but not stored, so it cannot fill the cache with 10^18 copies of the page."""
    p = pages(front_stack)
    for path in (p["other_article"], p["other_section"], "/en/"):
        for _ in range(2):
            status, headers, _body = fetch(front_stack["url"] + path + "?before=91")
            assert status == 200 and headers.get("X-Front-Cache") == "MISS", path
