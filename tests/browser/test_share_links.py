"""The article's share block in a real browser: plain links with 44px targets in both
directions, and "Copy link" once the script has run."""

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import site_shell

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"title": "Share this article", "copy": "Copy link", "copied": "Link copied."},
    "ar": {"title": "شارك هذا المقال", "copy": "انسخ الرابط", "copied": "نُسخ الرابط."},
}


def _article(live_site, lang):
    code = f"""
import json
from nashra.news.models import ArticlePage
a = list(ArticlePage.objects.live().filter(locale__language_code="{lang}").order_by("pk"))[1]
print(json.dumps(a.url))
"""
    return live_site["url"] + quote(json.loads(site_shell(live_site, code)), safe="/%")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("width", [390, 1366])
def test_share_block_targets_and_copy_link(browser, live_site, shot, lang, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    url = _article(live_site, lang)
    page.goto(url)
    share = page.get_by_role("region", name=WORDS[lang]["title"])
    expect(share).to_be_visible()
    links = share.locator("a.share__link")
    expect(links).to_have_count(6)
    for i in range(6):
        box = links.nth(i).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (i, box)
    copy = share.get_by_role("button", name=WORDS[lang]["copy"])
    expect(copy).to_be_visible()
    # The first link starts the row on the reading side: left in English, right in Arabic.
    first, last = links.first.bounding_box(), links.nth(5).bounding_box()
    if first["y"] == last["y"]:
        assert (first["x"] < last["x"]) == (lang == "en")
    copy.click()
    expect(share.locator("[data-share-status]")).to_have_text(WORDS[lang]["copied"])
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    share.scroll_into_view_if_needed()
    shot(page, f"share-links-{lang}-{width}")
    context.close()


def test_without_javascript_the_links_work_and_copy_is_hidden(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_article(live_site, "en"))
    share = page.locator("section.share")
    expect(share.locator("a.share__link")).to_have_count(6)
    expect(share.locator("[data-share-copy]")).to_be_hidden()
    context.close()
