"""The Content-Security-Policy as a browser enforces it: no violation on an article page
(vote and comment still work) nor across the admin screens editors use every day."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, site_shell

pytestmark = pytest.mark.browser

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}`));
"""


def watched(context):
    """A page that records CSP violations (events and console reports) and policy warnings."""
    context.add_init_script(WATCH)
    page = context.new_page()
    page.reports = []
    page.on(
        "console",
        lambda m: (
            page.reports.append(m.text)
            if re.search(r"Content Security Policy|Permissions-Policy|Unrecognized feature", m.text)
            else None
        ),
    )
    return page


def violations(page):
    found, page.reports = page.evaluate("window.__violations") + page.reports, []
    return found


def test_an_article_page_votes_and_comments_without_a_violation(browser, live_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = watched(context)
    page.goto(f"{live_site['url']}/en/")
    assert violations(page) == []
    page.locator(".front-top__list .card__headline a").first.click()
    page.wait_for_selector("[data-engagement][data-ready=true]")
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".reaction__status")).to_contain_text("Thank you for your answer.")
    page.get_by_role("textbox", name="Name").fill("Samir on policy")
    page.get_by_label("E-mail").fill("samir@example.org")
    page.get_by_role("textbox", name="Comment").fill("Strict policies and working forms.")
    expect(page.locator("[data-captcha-status]")).to_have_text(
        "Verified. You can send your comment.", timeout=20_000
    )
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator("[data-form-status]")).to_have_text(
        "Thank you. Your comment will appear once a moderator approves it."
    )
    assert violations(page) == []
    context.close()


def test_the_admin_screens_raise_no_violation(browser, live_site):
    base = live_site["url"]
    article_id, section_id = site_shell(
        live_site,
        (
            "from nashra.news.models import ArticlePage; "
            "a = ArticlePage.objects.live().filter(locale__language_code='en').first(); "
            "print(a.pk, a.get_parent().pk)"
        ),
    ).split()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = watched(context)
    admin_login(page, base)
    seen = {"sign-in": violations(page)}
    for name, path in (
        ("dashboard", "/admin/"),
        ("reactions", "/admin/reactions/"),
        ("comment queue", "/admin/snippets/engagement/comment/"),
        ("lockouts", "/admin/lockouts/"),
        ("images", "/admin/images/"),
    ):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        seen[name] = violations(page)
    page.goto(f"{base}/admin/pages/{article_id}/edit/")
    page.wait_for_selector("[data-draftail-input], .Draftail-Editor", state="attached")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    page.keyboard.type(" Edited under a strict policy.")
    page.wait_for_load_state("networkidle")
    seen["page editor"] = violations(page)
    # A new article: its empty lead image field opens the image chooser (a modal whose
    # scripts jQuery runs in the editor's page).
    page.goto(f"{base}/admin/pages/add/news/articlepage/{section_id}/")
    page.get_by_role("button", name="Choose an image").first.click()
    expect(page.locator(".modal-dialog")).to_be_visible()
    expect(page.locator(".modal-dialog")).to_contain_text("Choose an image")
    page.wait_for_load_state("networkidle")
    seen["image chooser"] = violations(page)
    assert {name: found for name, found in seen.items() if found} == {}
    context.close()
