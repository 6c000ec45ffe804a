"""After a reload, a reader's own comment that awaits moderation shows its text with a note
in their language; another reader, and the cached page, never show it."""

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import site_shell

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "name": "Name",
        "email": "E-mail",
        "comment": "Comment",
        "verified": "Verified. You can send your comment.",
        "send": "Send comment",
        "awaiting": "Awaiting moderation.",
        "only_you": "Only you can see this comment until a moderator approves it.",
        "empty": "No published comments yet.",
        "text": "Will the night ferry keep running through the winter storms?",
    },
    "ar": {
        "name": "الاسم",
        "email": "البريد الإلكتروني",
        "comment": "التعليق",
        "verified": "تم التحقق. يمكنك إرسال تعليقك.",
        "send": "أرسل التعليق",
        "awaiting": "بانتظار المراجعة.",
        "only_you": "لا يرى هذا التعليق أحد غيرك حتى يوافق عليه أحد المشرفين.",
        "empty": "لا تعليقات منشورة بعد.",
        "text": "هل ستبقى العبّارة الليلية تعمل خلال عواصف الشتاء؟",
    },
}


def _quiet_article(live_site, lang):
    """An article no other browser test comments on, with no published comments."""
    code = f"""
import json
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
a = list(ArticlePage.objects.live().filter(locale__language_code="{lang}").order_by("pk"))[3]
Comment.objects.filter(article=a).delete()
print(json.dumps(a.url))
"""
    return quote(json.loads(site_shell(live_site, code)), safe="/%")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_my_pending_comment_survives_a_reload_and_only_i_see_it(browser, live_site, shot, lang):
    words = WORDS[lang]
    url = live_site["url"] + _quiet_article(live_site, lang)
    other = browser.new_context(viewport={"width": 1366, "height": 900})
    stranger = other.new_page()
    stranger.goto(url)  # the page is now cached, before the comment
    stranger.wait_for_selector("[data-engagement][data-ready=true]")

    reader = browser.new_context(viewport={"width": 1366, "height": 900})
    page = reader.new_page()
    page.goto(url)
    page.wait_for_selector("[data-engagement][data-ready=true]")
    page.get_by_role("textbox", name=words["name"]).fill("Salma")
    page.get_by_label(words["email"]).fill("salma@example.org")
    page.get_by_role("textbox", name=words["comment"]).fill(words["text"])
    expect(page.locator("[data-captcha-status]")).to_have_text(words["verified"], timeout=20_000)
    page.get_by_role("button", name=words["send"]).click()
    mine = page.locator("[data-my-comments]")
    expect(mine).to_contain_text(words["text"], timeout=20_000)  # without a reload

    page.reload()
    page.wait_for_selector("[data-engagement][data-ready=true]")
    expect(mine).to_be_visible()
    item = mine.locator("article.comment--mine")
    expect(item).to_have_count(1)
    expect(item.locator(".comment__body")).to_have_text(words["text"])
    expect(item.locator(".comment__name")).to_have_text("Salma")
    expect(item.locator(".comment__status")).to_contain_text(words["awaiting"])
    expect(item.locator(".comment__status")).to_contain_text(words["only_you"])
    expect(page.locator("#comments .empty")).to_have_text(words["empty"])
    expect(page.locator("[data-comment-list]")).to_have_count(0)
    page.locator("#comments").scroll_into_view_if_needed()
    shot(page.locator("#comments"), f"own-pending-comment-{lang}")

    # What the server sent is the same page as everyone's: the text came from the state call.
    html = page.request.get(url).text()
    assert words["text"] not in html

    stranger.reload()
    stranger.wait_for_selector("[data-engagement][data-ready=true]")
    expect(stranger.locator("#comments")).not_to_contain_text(words["text"])
    expect(stranger.locator("[data-my-comments]")).to_be_hidden()
    reader.close()
    other.close()
