"""A reader votes and comments; a moderator approves; the comment appears."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, site_shell

pytestmark = pytest.mark.browser


def _open_article(page, base, lang, nth=1):
    page.goto(f"{base}/{lang}/")
    page.locator(".front-top__list .card__headline a").nth(nth).click()
    page.wait_for_selector("[data-engagement][data-ready=true]")


def test_vote_comment_approve_and_see_it(browser, live_site, shot):
    base = live_site["url"]
    reader = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reader.new_page()
    _open_article(page, base, "en")
    article_url = page.url

    page.get_by_role("button", name="Yes").click()
    status = page.locator(".reaction__status")
    expect(status).to_contain_text("Thank you for your answer.")
    # One reader, or a plural count (never "1 readers").
    expect(status).to_contain_text(
        re.compile(r"\d+% of (1 reader|([02-9]|\d\d+) readers) liked this article")
    )
    expect(page.get_by_role("button", name="Yes")).to_have_attribute("aria-pressed", "true")

    page.get_by_role("textbox", name="Name").fill("Leila from the harbour")
    page.get_by_label("E-mail").fill("leila@example.org")
    page.get_by_role("textbox", name="Comment").fill(
        "Who decides how long the port footage is kept? https://example.org/rules"
    )
    expect(page.locator("[data-captcha-status]")).to_have_text(
        "Verified. You can send your comment.", timeout=20_000
    )
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator("[data-form-status]")).to_have_text(
        "Thank you. Your comment will appear once a moderator approves it."
    )
    shot(page.locator("[data-engagement]"), "engagement-en-submitted")
    page.reload()
    # Held for moderation: shown to its author only, apart from the published thread.
    expect(page.locator("[data-my-comments]")).to_contain_text("Who decides how long")
    published = page.locator("[data-comment-list] .comment", has_text="Leila from the harbour")
    expect(published).to_have_count(0)

    moderator = browser.new_context(viewport={"width": 1400, "height": 1000})
    admin = moderator.new_page()
    admin_login(admin, base)
    admin.goto(f"{base}/admin/snippets/engagement/comment/?status=pending")
    admin.get_by_role("link", name=re.compile("Leila from the harbour")).first.click()
    admin.locator("select#id_status").select_option("approved")
    admin.get_by_role("button", name="Save").click()
    expect(admin.locator(".messages")).to_contain_text("updated")
    moderator.close()

    page.goto(article_url)
    comment = page.locator(".comment", has_text="Leila from the harbour")
    expect(comment).to_be_visible()
    expect(comment.locator("a[rel='nofollow ugc noopener']")).to_have_attribute(
        "href", "https://example.org/rules"
    )
    shot(page.locator("#comments"), "engagement-en-approved")
    reader.close()


def test_arabic_reader_votes_no_and_a_latin_name_reads_right(page, live_site, shot):
    page.set_viewport_size({"width": 1280, "height": 900})
    _open_article(page, live_site["url"], "ar", nth=2)
    page.get_by_role("button", name="لا").click()
    expect(page.locator(".reaction__status")).to_contain_text("شكرًا على إجابتك.")
    page.get_by_label("الاسم").fill("John Smith")
    page.get_by_label("البريد الإلكتروني").fill("john@example.org")
    page.get_by_role("textbox", name="التعليق").fill("خبر مهم، I agree with the council.")
    expect(page.locator("[data-captcha-status]")).to_have_text(
        "تم التحقق. يمكنك إرسال تعليقك.", timeout=20_000
    )
    page.get_by_role("button", name="أرسل التعليق").click()
    expect(page.locator("[data-form-status]")).to_contain_text("سيظهر تعليقك بعد موافقة المشرف")
    # The form is right-to-left; the Latin name stays a left-to-right run inside it.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.comment-form')).direction")
        == "rtl"
    )
    shot(page.locator("[data-engagement]"), "engagement-ar")


def test_without_javascript_the_image_captcha_takes_over(browser, live_site, shot):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1000, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_site['url']}/en/")
    page.locator(".front-top__lead h2 a").click()
    page.get_by_role("button", name="Yes").click()
    expect(page.locator(".reaction__status")).to_contain_text("Thank you for your answer.")
    assert "?reacted=yes" in page.url

    page.get_by_role("textbox", name="Name").fill("Omar")
    page.get_by_label("E-mail").fill("omar@example.org")
    page.get_by_role("textbox", name="Comment").fill("Written without JavaScript, and not lost.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator(".comment-form__errors")).to_contain_text("Please complete the captcha.")
    expect(page.get_by_role("textbox", name="Comment")).to_have_value(
        "Written without JavaScript, and not lost."
    )
    image = page.locator(".captcha__image img")
    expect(image).to_be_visible()
    src = image.get_attribute("src")
    picture = page.request.get(live_site["url"] + src)
    assert picture.status == 200, (src, picture.status, picture.text()[:300])
    assert picture.body()[:8] == b"\x89PNG\r\n\x1a\n"
    shot(page, "comment-image-captcha-en")
    answer = site_shell(
        live_site,
        "from nashra.engagement.models import ImageChallenge;"
        "print(ImageChallenge.objects.order_by('-expires_at').first().answer)",
    )
    page.get_by_label("Type the digits").fill(answer)
    page.get_by_role("button", name="Send comment").click()
    expect(page.locator(".notice")).to_contain_text("will appear once a moderator approves it")
    context.close()
