"""An editor using the English admin writes an Arabic article: prose fields run right to left."""

import pytest

from .conftest import admin_login, site_shell

pytestmark = pytest.mark.browser


def _direction_facts(page):
    return page.evaluate(
        """() => ({
        admin: document.documentElement.dir,
        title: getComputedStyle(document.querySelector('[name=title]')).direction,
        standfirst: getComputedStyle(document.querySelector('[name=standfirst]')).direction,
        caption: getComputedStyle(document.querySelector('[name=lead_image_caption]')).direction,
        draftail: [...document.querySelectorAll('.Draftail-Editor')]
            .map(e => e.getAttribute('dir')),
        blockInputs: [
            ...document.querySelectorAll('[data-contentpath] input[type=text]:not([name=slug])')
        ].map(e => getComputedStyle(e).direction),
        slug: getComputedStyle(document.querySelector('[name=slug]')).direction,
    })"""
    )


@pytest.mark.parametrize("lang,expected", [("ar", "rtl"), ("en", "ltr")])
def test_editor_fields_follow_the_content_language(page, live_site, shot, lang, expected):
    base = live_site["url"]
    article_id = site_shell(
        live_site,
        "from nashra.news.models import ArticlePage;"
        f"print(ArticlePage.objects.filter(locale__language_code='{lang}')"
        ".order_by('pk').first().pk)",
    )
    page.set_viewport_size({"width": 1400, "height": 1000})
    admin_login(page, base)
    page.goto(f"{base}/admin/pages/{article_id}/edit/")
    page.wait_for_selector(".Draftail-Editor", state="attached")
    facts = _direction_facts(page)
    assert facts["admin"] == "ltr"  # the admin itself stays in English
    assert facts["title"] == facts["standfirst"] == facts["caption"] == expected
    assert facts["draftail"] and set(facts["draftail"]) == {expected}
    assert facts["blockInputs"] and set(facts["blockInputs"]) == {expected}
    assert facts["slug"] == "ltr"
    if lang == "ar":
        page.locator("[name=title]").scroll_into_view_if_needed()
        shot(page, "admin-edit-ar-article", full_page=False)
