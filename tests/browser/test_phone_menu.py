"""The phone masthead: the brand and a menu button within 120 px, a menu a keyboard opens,
walks and closes, with and without JavaScript; the full masthead on a desktop; the search
page's first result on a phone's first screen."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
MENU_LABEL = {"en": "Menu", "ar": "القائمة"}
QUERY = {"en": "Marsa Zahra", "ar": "مرسى الزهرة"}


def _phone(browser, javascript=True):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    return context, context.new_page()


def _focused(page):
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id,
                inMenu: !!e.closest('.site-menu__panel'),
                section: !!e.closest('.site-menu__sections')}; }"""
    )


def _tab_to_menu_button(page):
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('summary.site-menu__button')"):
            return
    raise AssertionError("Tab never reached the menu button")


def _menu_button_ax(context, page):
    """The menu button's accessible name and expanded state, as Chromium gives them to
    screen readers (the <summary> of a <details>: no ARIA needed)."""
    cdp = context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "summary.site-menu__button"})
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"]})["nodes"][0]
    expanded = {p["name"]: p["value"]["value"] for p in ax.get("properties", [])}.get("expanded")
    cdp.detach()
    return ax["name"]["value"], expanded


def _header_height(page):
    return page.evaluate("document.querySelector('header.masthead').getBoundingClientRect().height")


def _menu_open(page):
    return page.evaluate("document.querySelector('details.site-menu').open")


def _walk_the_menu(page):
    """Tab from the opened menu's button: the search box, then every section link."""
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        state = _focused(page)
        if not state["inMenu"]:
            break
        reached.append(state)
    return reached


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_menu_by_keyboard(browser, live_site, shot, lang, javascript):
    context, page = _phone(browser, javascript)
    page.goto(f"{live_site['url']}/{lang}/")
    height = _header_height(page)
    assert height <= 120, height
    button = page.locator("summary.site-menu__button")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    # The button sits at the end of the line: right in English, left in Arabic.
    brand = page.locator(".masthead__brand").bounding_box()
    assert (box["x"] > brand["x"]) == (lang == "en")
    # Nothing of the wide masthead is reachable on a phone.
    for hidden in (".masthead .site-search", ".masthead .language-switcher", ".sections-nav"):
        assert page.locator(hidden).evaluate("e => getComputedStyle(e).display") == "none"
    assert _menu_button_ax(context, page) == (MENU_LABEL[lang], False)
    suffix = "js" if javascript else "nojs"
    shot(page, f"phone-menu-closed-{lang}-390-{suffix}")

    _tab_to_menu_button(page)
    page.keyboard.press("Enter")
    assert _menu_open(page)
    assert _menu_button_ax(context, page) == (MENU_LABEL[lang], True)
    shot(page, f"phone-menu-open-{lang}-390-{suffix}")
    reached = _walk_the_menu(page)
    assert reached[0]["id"] == "site-menu-q"  # search first
    sections = page.locator(".site-menu__sections a").count()
    assert sections >= 6  # home, the sections, the writers
    assert sum(r["section"] for r in reached) == sections
    assert [r["tag"] for r in reached].count("a") >= sections + 1  # and the other language

    # Closed again from its button: Space this time (Escape too, with the script).
    _tab_to_menu_button_backwards(page)
    page.keyboard.press("Space")
    assert not _menu_open(page)
    if javascript:
        page.keyboard.press("Enter")
        assert _menu_open(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        assert not _menu_open(page)
        assert page.evaluate("document.activeElement.matches('summary.site-menu__button')")
    context.close()


def _tab_to_menu_button_backwards(page):
    for _ in range(30):
        if page.evaluate("document.activeElement.matches('summary.site-menu__button')"):
            return
        page.keyboard.press("Shift+Tab")
    raise AssertionError("Shift+Tab never reached the menu button")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_menu_search_goes_to_results(browser, live_site, lang):
    context, page = _phone(browser)
    page.goto(f"{live_site['url']}/{lang}/")
    page.locator("summary.site-menu__button").click()
    page.fill("#site-menu-q", QUERY[lang])
    page.press("#site-menu-q", "Enter")
    page.wait_for_url(f"**/{lang}/search/?q=*")
    assert page.locator(".search-result").count() > 0
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_desktop_shows_the_sections_without_a_menu(page, live_site, shot, lang):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_site['url']}/{lang}/")
    assert page.locator(".sections-nav").is_visible()
    assert page.locator(".sections-nav a").count() >= 6
    assert page.locator("#site-search-q").is_visible()
    assert page.locator(".language-switcher").is_visible()
    assert page.locator("details.site-menu").evaluate("e => getComputedStyle(e).display") == (
        "none"
    )
    shot(page, f"masthead-{lang}-1366")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    shot(page, f"footer-{lang}-1366")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_results_start_on_a_phones_first_screen(browser, live_site, shot, lang):
    context, page = _phone(browser)
    page.goto(f"{live_site['url']}/{lang}/search/?q={QUERY[lang]}")
    first = page.locator(".search-result").first.bounding_box()
    assert first["y"] < PHONE["height"], first
    assert not page.evaluate("document.querySelector('details.search-filters').open")
    shot(page, f"search-{lang}-390")
    # A filter in use is shown open.
    page.goto(f"{live_site['url']}/{lang}/search/?q={QUERY[lang]}&start=2020-01-01")
    assert page.evaluate("document.querySelector('details.search-filters').open")
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_404_on_a_phone(browser, live_site, shot, lang):
    context, page = _phone(browser)
    page.goto(f"{live_site['url']}/{lang}/no-such-page/")
    assert page.locator(".error-page__latest a").count() == 5
    shot(page, f"404-{lang}-390", full_page=True)
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_menu_open_has_no_axe_violations(browser, live_site, lang):
    from .test_accessibility import AXE, _violations

    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    # axe-core goes in as an inline script, which the site's Content-Security-Policy refuses.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_site['url']}/{lang}/")
    page.locator("summary.site-menu__button").click()
    assert _violations(page) == []
    page.goto(f"{live_site['url']}/{lang}/no-such-page/")
    assert _violations(page) == []
    context.close()
