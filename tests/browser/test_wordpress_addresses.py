"""A reader follows an old WordPress address to the imported Arabic article, in Chromium."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "nashra" / "wpimport" / "tests" / "fixtures"
ARABIC_SLUG = "البرلمان-يقر-الميزانية"
OLD_ARABIC = (
    "/ar/2024/03/15/%d8%a7%d9%84%d8%a8%d8%b1%d9%84%d9%85%d8%a7%d9%86-%d9%8a%d9%82%d8%b1-"
    "%d8%a7%d9%84%d9%85%d9%8a%d8%b2%d8%a7%d9%86%d9%8a%d8%a9/"
)


@pytest.fixture(scope="module")
def imported_site(live_site):
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "news_import_wordpress",
            str(FIXTURES / "newsroom.xml"),
            "--uploads-dir",
            str(FIXTURES / "uploads"),
        ],
        env=live_site["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return live_site


@pytest.mark.parametrize("old", [OLD_ARABIC, "/?p=102"])
def test_an_old_address_opens_the_arabic_article(page, imported_site, shot, old):
    base = imported_site["url"]
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(base + old)
    assert response.ok
    assert unquote(page.url).rstrip("/").endswith(ARABIC_SLUG)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "البرلمان" in page.locator("h1").inner_text()
    first_hop = response.request.redirected_from
    while first_hop and first_hop.redirected_from:
        first_hop = first_hop.redirected_from
    assert first_hop is not None and first_hop.response().status == 301
    if old == OLD_ARABIC:
        shot(page, "wordpress-old-address-ar-phone", full_page=True)
