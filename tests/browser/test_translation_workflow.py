"""An editor gives an English-only article its Arabic twin through the admin."""

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, site_shell

pytestmark = pytest.mark.browser

ARABIC_TITLE = "المصرف المركزي يُبقي سعر الفائدة دون تغيير"


def test_translate_publish_and_switch(page, live_site, shot):
    base = live_site["url"]
    article_id, public_path = site_shell(
        live_site,
        "from nashra.news.models import ArticlePage\n"
        "for a in ArticlePage.objects.live().filter(locale__language_code='en').order_by('pk'):\n"
        "    if not a.get_translations().exists():\n"
        "        print(a.pk, a.url); break",
    ).split()
    page.set_viewport_size({"width": 1400, "height": 1000})
    admin_login(page, base)

    page.goto(f"{base}/admin/translation/submit/page/{article_id}/")
    page.get_by_label("Arabic").check()
    page.locator("main form input[type=submit]").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    title = page.locator("[name=title]")
    assert title.evaluate("el => getComputedStyle(el).direction") == "rtl"
    title.fill(ARABIC_TITLE)
    page.evaluate("document.querySelector('button[name=action-publish]').click()")
    page.wait_for_url("**/admin/pages/*/")
    expect(page.locator(".messages")).to_contain_text("published")

    page.goto(base + public_path)
    twin_link = page.locator('.language-switcher a[hreflang="ar"]')
    assert twin_link.get_attribute("title") is None  # a real twin, not the fallback
    twin_link.click()
    expect(page.locator("h1")).to_have_text(ARABIC_TITLE)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.url.startswith(f"{base}/ar/")
    # The byline now credits the author's Arabic page.
    assert page.locator(".byline a").first.get_attribute("href").startswith("/ar/")
    shot(page, "translated-article-ar")
