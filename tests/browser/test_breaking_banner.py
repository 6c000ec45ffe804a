"""The breaking banner in a browser: set for one edition, shown at the top of its pages on a
phone and a desktop, in either direction, free of axe-core WCAG 2.2 A/AA violations."""

import pytest

from tests.browser.conftest import admin_login
from tests.browser.test_accessibility import _axe_installed, _violations, browser_context_args  # noqa: F401

pytestmark = pytest.mark.browser

TEXT = {"en": "Port closed after the overnight raid", "ar": "إغلاق الميناء بعد مداهمة ليلية"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_banner_is_labelled_readable_and_accessible(page, live_site, lang):
    base = live_site["url"]
    # Through the admin screen, in the server's own process (its cache is its own memory).
    admin_login(page, base)
    page.goto(f"{base}/admin/breaking-banner/{lang}/")
    page.fill("#id_text", TEXT[lang])
    page.fill("#id_link_url", "https://example.org/live")
    page.click("button[name=save]")
    page.wait_for_url(f"**/admin/breaking-banner/{lang}/")
    page.context.clear_cookies()  # read as an anonymous reader
    try:
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{base}/{lang}/")
            region = page.get_by_role("region", name="Breaking news" if lang == "en" else "عاجل")
            assert region.is_visible()
            assert region.get_by_role("link").inner_text() == TEXT[lang]
            box, masthead = region.bounding_box(), page.locator(".masthead").bounding_box()
            assert box["y"] >= masthead["y"] + masthead["height"] - 1  # right under it
            assert box["width"] <= width  # no sideways scrolling on a phone
            assert _violations(page) == [], width
    finally:
        admin_login(page, base)
        page.goto(f"{base}/admin/breaking-banner/{lang}/")
        page.click("button[name=remove]")
        page.wait_for_url(f"**/admin/breaking-banner/{lang}/")
        page.context.clear_cookies()
        page.goto(f"{base}/{lang}/")
        assert page.locator(".breaking-banner").count() == 0
