"""A long comment thread in pages: "More comments" appends the next page in place (with
JavaScript) or opens it (without), in English and in Arabic."""

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import site_shell

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "more": "More comments",
        "earlier": "Earlier comments",
        "reply": "Reply",
        "replying": "Replying to",
    },
    "ar": {
        "more": "مزيد من التعليقات",
        "earlier": "التعليقات السابقة",
        "reply": "رُدّ",
        "replying": "ردًّا على",
    },
}


def _long_thread(live_site, lang):
    """The address of an article no other test opens, with 120 top-level comments (three
    pages of 50), made once, before the server first shows it (its cache is its own memory,
    which a purge from this shell cannot reach)."""
    code = f"""
import json
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
a = ArticlePage.objects.live().filter(locale__language_code="{lang}").order_by("-pk").first()
names = ["Leila", "Omar", "Sara Haddad", "نادية", "يوسف الخطيب"]
if Comment.objects.filter(article=a, parent=None).count() != 120:
    Comment.objects.filter(article=a).delete()
    for n in range(120):
        top = Comment.objects.create(
            article=a, name=f"{{names[n % 5]}} {{n}}", email="r@example.org", status="approved",
            body=f"Comment number {{n}}: the harbour works ran late again. تعليق رقم {{n}}",
            language="{lang}")
        if n % 10 == 0:
            Comment.objects.create(article=a, parent=top, name="Nashra desk", email="d@example.org",
                                   body=f"A reply to comment {{n}}.", status="approved")
print(json.dumps(a.url))
"""
    return quote(json.loads(site_shell(live_site, code)), safe="/%")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_more_comments_appends_the_next_pages(browser, live_site, shot, lang):
    base, words = live_site["url"], TEXT[lang]
    url = base + _long_thread(live_site, lang)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-engagement][data-ready=true]")
    threads = page.locator("[data-comment-list] > li")
    expect(threads).to_have_count(50)
    more = page.get_by_role("link", name=words["more"])
    more.click()
    expect(threads).to_have_count(100)
    assert page.url == url  # appended in place
    # Focus goes to the first comment added, so keyboard and screen-reader users follow.
    assert page.evaluate("document.activeElement.id") == page.locator(
        "[data-comment-list] > li"
    ).nth(50).locator("article").first.get_attribute("id")
    expect(page.locator("[data-comment-pages] a[rel=prev]")).to_have_count(0)
    page.locator("[data-comment-pages]").scroll_into_view_if_needed()
    shot(page, f"comment-pages-{lang}-more")
    more.click()
    expect(threads).to_have_count(120)
    expect(page.locator("[data-comment-pages]")).to_have_count(0)  # all shown
    # The comments added answer like the others: a reply names whom it answers, isolated.
    added = threads.nth(110)
    added.get_by_role("link", name=words["reply"], exact=True).click()
    replying = page.locator("[data-replying-label]")
    expect(replying).to_contain_text(words["replying"])
    expect(replying.locator("bdi")).to_have_text(added.locator(".comment__name").first.inner_text())
    assert page.evaluate("getComputedStyle(document.querySelector('.comment-form')).direction") == (
        "rtl" if lang == "ar" else "ltr"
    )
    threads.nth(99).scroll_into_view_if_needed()
    shot(page, f"comment-pages-{lang}-loaded")
    shot(page.locator(".comment-form"), f"comment-pages-{lang}-replying")
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_more_comments_opens_the_next_page(browser, live_site, shot, lang):
    base, words = live_site["url"], TEXT[lang]
    url = base + _long_thread(live_site, lang)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(url)
    threads = page.locator("[data-comment-list] > li")
    expect(threads).to_have_count(50)
    page.get_by_role("link", name=words["more"]).click()
    page.wait_for_url(f"{url}?page=2#comments")
    expect(threads).to_have_count(50)
    expect(threads.first).to_contain_text("50")
    earlier = page.get_by_role("link", name=words["earlier"])
    expect(earlier).to_have_attribute(
        "href", re.compile(r"^[^?]+#comments$")
    )  # page 1: the article
    shot(page.locator("[data-comment-pages]"), f"comment-pages-{lang}-nojs-nav")
    context.close()
