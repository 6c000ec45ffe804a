"""axe-core finds no WCAG 2.2 A/AA violations on the reader's pages, in either language."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy refuses.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(scope="module", autouse=True)
def _axe_installed():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_front_section_article_and_author_pages(page, live_site, lang):
    base = live_site["url"]
    page.goto(f"{base}/{lang}/")
    assert _violations(page) == []
    article = page.locator(".front-top__lead h2 a").get_attribute("href")
    section = page.locator(".sections-nav li:nth-child(2) a").get_attribute("href")
    for path in (article, section):
        page.goto(base + path)
        assert _violations(page) == [], path
    author = page.goto(base + article) and page.locator(".byline a").first.get_attribute("href")
    page.goto(base + author)
    assert _violations(page) == [], author
    page.goto(f"{base}/{lang}/no-such-page/")
    assert _violations(page) == []
    # The reader searches from the header form.
    page.goto(f"{base}/{lang}/")
    page.fill("#site-search-q", "مرسى الزهرة" if lang == "ar" else "Marsa Zahra")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(f"**/{lang}/search/?q=*")
    assert page.locator(".search-result mark").count() > 0
    assert _violations(page) == [], page.url
