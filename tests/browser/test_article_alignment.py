"""Columns line up on desktop: an article's byline on its body's text column, and the comment
policy page's title on its body, in left-to-right English and right-to-left Arabic."""

import json
from urllib.parse import quote

import pytest

from .conftest import site_shell

pytestmark = pytest.mark.browser


def _address(live_site, model, lang):
    code = f"""
import json
from {model[0]} import {model[1]} as M
print(json.dumps(M.objects.live().filter(locale__language_code="{lang}").order_by("pk").first().url))
"""
    return live_site["url"] + quote(json.loads(site_shell(live_site, code)), safe="/%")


def _edges(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return box["x"], box["x"] + box["width"]


def _assert_same_column(page, first, second):
    (left_a, right_a), (left_b, right_b) = _edges(page, first), _edges(page, second)
    # Both edges: the inline start (left in English, right in Arabic) and the inline end.
    assert abs(left_a - left_b) <= 1 and abs(right_a - right_b) <= 1, (
        first,
        (left_a, right_a),
        second,
        (left_b, right_b),
    )


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_byline_sits_on_the_body_column(browser, live_site, shot, lang, direction):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(_address(live_site, ("nashra.news.models", "ArticlePage"), lang))
    assert page.evaluate("document.documentElement.dir") == direction
    _assert_same_column(page, ".article__meta .byline", ".article__body > p")
    _assert_same_column(page, ".article__meta .dateline", ".article__body > p")
    _assert_same_column(page, "section.share", ".article__body > p")
    page.locator(".article__meta").scroll_into_view_if_needed()
    shot(page, f"byline-column-{lang}-1366")
    context.close()


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_policy_title_sits_on_its_body(browser, live_site, shot, lang, direction):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(_address(live_site, ("nashra.engagement.models", "CommentPolicyPage"), lang))
    assert page.evaluate("document.documentElement.dir") == direction
    _assert_same_column(page, "h1.article__headline", ".article__body p")
    _assert_same_column(page, "h1.article__headline", ".policy-clauses h2")
    shot(page, f"comment-policy-title-{lang}-1366")
    context.close()
