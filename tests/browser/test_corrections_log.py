"""The corrections log in a browser: reached from a corrected article, free of axe-core
WCAG 2.2 A/AA violations in either language."""

import pytest

from tests.browser.test_accessibility import _axe_installed, _violations, browser_context_args  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_log_from_a_corrected_article(page, live_site, lang):
    base = live_site["url"]
    page.goto(f"{base}/{lang}/corrections/")
    assert _violations(page) == []
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    first = page.locator("ol.corrections-log h2 a").first
    corrected = first.get_attribute("href")
    page.goto(base + corrected)
    assert _violations(page) == [], corrected
    page.locator(".corrections__log a").click()
    page.wait_for_url(f"**/{lang}/corrections/")
    assert page.locator("ol.corrections-log li").count() > 0
