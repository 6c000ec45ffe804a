"""Both fronts in Chromium at a phone's and a desktop's width: laid out in blocks, the top
stories with their pictures, nothing wider than the screen, headings in order."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("width,height", [(390, 844), (1366, 900)])
def test_front_page_in_blocks(page, live_site, shot, lang, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_site['url']}/{lang}/")
    page.wait_for_load_state("load")
    facts = page.evaluate(
        """() => ({
          overflow: document.documentElement.scrollWidth > window.innerWidth,
          blocks: document.querySelectorAll('.front > .front-block').length,
          topPictures: [...document.querySelectorAll('.front-top__list .card__image img')]
            .filter(img => img.getBoundingClientRect().width > 100).length,
          levels: [...document.querySelectorAll('main h1, main h2, main h3')]
            .map(h => Number(h.tagName[1])),
        })"""
    )
    assert not facts["overflow"]
    assert facts["blocks"] >= 5
    assert facts["topPictures"] >= 2
    levels = facts["levels"]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    shot(page, f"front-{lang}-{width}", full_page=True)
