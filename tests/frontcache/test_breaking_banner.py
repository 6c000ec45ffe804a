"""The breaking banner through the nginx front cache: set, changed, removed and expired, every
page type of the edition follows on the next request, with no per-page purge, and the other
edition's cached pages stay cached."""

import json
import time

from .conftest import stack_shell
from .test_nginx_front_cache import fetch

SET = """
import datetime as dt
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from nashra.news import breaking
from nashra.news.models import BreakingBanner
with transaction.atomic():
    BreakingBanner.objects.update_or_create(
        locale=Locale.objects.get(language_code="{language}"),
        defaults=dict(text="{text}", link_url="https://example.org/live", expires_at={expires}),
    )
    breaking.after_commit("{language}")
"""
REMOVE = """
from django.db import transaction
from nashra.news import breaking
from nashra.news.models import BreakingBanner
with transaction.atomic():
    BreakingBanner.objects.filter(locale__language_code="{language}").delete()
    breaking.after_commit("{language}")
"""


def _pages(stack, language):
    return json.loads(
        stack_shell(
            stack,
            f"""
import json
from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage, StandardPage
def url(model):
    return model.objects.live().filter(locale__language_code="{language}").first().url
home = HomePage.objects.get(locale__language_code="{language}")
article = ArticlePage.objects.live().filter(locale__language_code="{language}").first()
print(json.dumps({{"front": home.url, "article": article.url, "section": url(SectionPage),
    "tag": home.tag_url(article.tags.first()), "author": url(AuthorPage),
    "standard": url(StandardPage), "404": "/{language}/no-such-page/",
    "search": "/{language}/search/?q=port"}}))
""",
        )
    )


def _banner(stack, path):
    status, headers, body = fetch(stack["url"] + path)
    assert status in (200, 404), (path, status)
    start = body.find('class="breaking-banner__link"')
    if start < 0:
        return None, headers.get("X-Front-Cache")
    text = body[body.index(">", start) + 1 : body.index("</a>", start)]
    return text, headers.get("X-Front-Cache")


def _all(stack, pages):
    return {name: _banner(stack, path)[0] for name, path in pages.items()}


def _warm(stack, pages):
    for path in pages.values():
        fetch(stack["url"] + path)
    cached = {name: _banner(stack, path)[1] for name, path in pages.items()}
    # Search is never cached; the 404 page is, for a minute, when nginx sees it whole.
    assert all(cached[name] == "HIT" for name in pages if name not in ("search", "404")), cached


def test_set_change_and_remove_reach_every_page_type_through_nginx(front_stack):
    en, ar = _pages(front_stack, "en"), _pages(front_stack, "ar")
    _warm(front_stack, en)
    _warm(front_stack, ar)
    stack_shell(front_stack, SET.format(language="en", text="Port closed", expires="None"))
    assert _all(front_stack, en) == dict.fromkeys(en, "Port closed")
    _warm(front_stack, en)  # and cached again, with the banner
    assert _all(front_stack, en) == dict.fromkeys(en, "Port closed")
    # The Arabic edition's pages stayed in nginx's cache, without a banner.
    kept = [name for name in ar if name not in ("search", "404")]
    assert {name: _banner(front_stack, ar[name]) for name in kept} == dict.fromkeys(
        kept, (None, "HIT")
    )

    stack_shell(front_stack, SET.format(language="en", text="Port reopens", expires="None"))
    assert _all(front_stack, en) == dict.fromkeys(en, "Port reopens")
    stack_shell(front_stack, REMOVE.format(language="en"))
    assert _all(front_stack, en) == dict.fromkeys(en)


def test_an_expiry_takes_the_banner_off_every_page_by_itself(front_stack):
    en = _pages(front_stack, "en")
    # Whole seconds, as the cache keys count them; far enough ahead to read every page first on
    # a busy machine (nginx's clock cannot be moved, so the test waits for it).
    expires = int(time.time()) + 30
    stack_shell(
        front_stack,
        SET.format(
            language="en",
            text="Curfew until dawn",
            expires=f"dt.datetime.fromtimestamp({expires}, tz=dt.UTC)",
        ),
    )
    for _ in range(2):  # stored by nginx, then served from it
        shown = _all(front_stack, en)
    assert time.time() < expires, "the pages took longer to read than the expiry is ahead"
    assert shown == dict.fromkeys(en, "Curfew until dawn")
    while time.time() < expires + 0.05:  # waiting for the clock itself, nothing else
        time.sleep(expires + 0.05 - time.time())
    shown = {name: _banner(front_stack, path) for name, path in en.items()}
    assert {name: text for name, (text, _state) in shown.items()} == dict.fromkeys(en)
    assert shown["article"][1] == "MISS"  # a new key, not a purge
    stack_shell(front_stack, REMOVE.format(language="en"))


def test_the_banner_state_endpoint_takes_only_well_formed_versions(front_stack):
    url = front_stack["url"] + "/_nashra_banner/en"
    assert fetch(url + "?v=../../etc", method="PUT")[0] == 400
    assert fetch(url + "?v=abc@notatime", method="PUT")[0] == 400
    assert fetch(front_stack["url"] + "/_nashra_banner/xx1?v=abc", method="PUT")[0] == 400
    assert fetch(url + "?v=abc", method="GET")[0] == 405
    # The worker's minute job sends the app's own version again: nginx converges to it.
    stack_shell(front_stack, "from nashra.news import breaking; breaking.resend_all()")
    state = (front_stack["tmp"] / "nginx-cache-state" / "banner-en").read_text()
    version = stack_shell(
        front_stack,
        "from nashra.core import page_cache; n = page_cache.banner_version_name('en'); "
        "print(page_cache.current_versions([n])[n])",
    )
    assert state == version
