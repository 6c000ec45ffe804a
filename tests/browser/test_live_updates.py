"""A live page open in Chromium, in both languages, while editors add, delete and end: new
entries go in at the top for a reader at the top; a reader further down gets "N new updates"
(in the language's plural form) and nothing moves; deletions vanish; an ended coverage stops
the polling. And axe-core finds nothing on the page."""

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .conftest import site_shell
from .test_accessibility import AXE, TAGS

pytestmark = pytest.mark.browser

TWO_NEW = {"en": "2 new updates", "ar": "تحديثان جديدان"}
ENDED = {"en": "This coverage has ended", "ar": "انتهت هذه التغطية"}
WAIT = 30_000  # ms: two poll intervals and a start-up

SETUP = """
import json, time
from datetime import timedelta
from django.utils import timezone
from nashra.live.models import LiveEntry, LivePage
from nashra.news.models import ArticlePage
section = ArticlePage.objects.live().filter(locale__language_code="LANG").first().section
page = LivePage(title="Harbour raid live", slug="harbour-raid-live-" + str(time.time_ns()),
                standfirst="What we know so far.", body=[],
                coverage_start=timezone.now() - timedelta(hours=1))
section.add_child(instance=page)
page.save_revision().publish()
text = "<p>" + "The harbour road stays closed while divers search the water. " * 12 + "</p>"
for i in range(8):
    LiveEntry.objects.create(page=page, title=f"Earlier update {i}",
                             posted_at=timezone.now() - timedelta(minutes=50 - i),
                             body=[("paragraph", text)])
print(json.dumps({"id": page.pk, "url": page.url}))
"""

CHANGE = """
from django.utils import timezone
from nashra.live.models import LiveEntry, LivePage
from nashra.live.signals import entry_changed
page = LivePage.objects.get(pk=PAGE)
ids = []
for title in TITLES:
    entry = LiveEntry.objects.create(page=page, title=title, body=[("paragraph", "<p>New.</p>")])
    entry_changed.send(sender=LiveEntry, page=page, entry=entry)
    ids.append(entry.pk)
for pk in DELETE:
    entry = LiveEntry.objects.get(pk=pk)
    entry.deleted_at = timezone.now()
    entry.save()
    entry_changed.send(sender=LiveEntry, page=page, entry=entry)
if END:
    page.status = "ended"
    page.save_revision().publish()
print(ids)
"""

# Counts the script's requests, then asks it to poll at once (it does when the tab shows).
POLL_NOW = """() => {
  if (!window.__polls) {
    window.__polls = [];
    const original = window.fetch;
    window.fetch = (...args) => { window.__polls.push(String(args[0])); return original(...args); };
  }
  const before = window.__polls.length;
  document.dispatchEvent(new Event("visibilitychange"));
  return window.__polls.length - before;
}"""


def change(live_site, page_id, titles=(), delete=(), end=False):
    code = (
        CHANGE.replace("PAGE", str(page_id))
        .replace("TITLES", repr(list(titles)))
        .replace("DELETE", repr(list(delete)))
        .replace("END", repr(end))
    )
    return json.loads(site_shell(live_site, code))


def open_live_page(page, live_site, lang):
    created = json.loads(site_shell(live_site, SETUP.replace("LANG", lang)))
    page.goto(live_site["url"] + quote(created["url"], safe="/%"))
    return created["id"]


def first_entry_id(page):
    return page.locator(".live-entries .live-entry").first.get_attribute("id")


def top_of(page, selector):
    return page.evaluate("(s) => document.querySelector(s).getBoundingClientRect().top", selector)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_live_page_receives_entries_while_open(page, live_site, lang):
    page_id = open_live_page(page, live_site, lang)
    stream = page.locator("[data-live-page]")
    expect(stream).to_have_attribute("data-live-status", "live")

    # At the top: the new entry goes in first.
    (first,) = change(live_site, page_id, ["Divers reached the pier"])
    page.evaluate(POLL_NOW)
    expect(page.locator(f"#entry-{first}")).to_have_count(1, timeout=WAIT)
    assert first_entry_id(page) == f"entry-{first}"

    # Further down: nothing is inserted above the reader, a button counts what waits.
    reference = ".live-entries .live-entry:nth-of-type(5)"
    page.locator(reference).scroll_into_view_if_needed()
    page.evaluate("(s) => document.querySelector(s).scrollIntoView()", reference)
    before = top_of(page, reference)
    second, third = change(live_site, page_id, ["Road reopened", "Ferries resume"])
    page.evaluate(POLL_NOW)
    button = page.locator(".live-updates__button")
    expect(button).to_have_text(TWO_NEW[lang], timeout=WAIT)
    expect(page.locator(f"#entry-{second}")).to_have_count(0)
    assert abs(top_of(page, reference) - before) < 1
    assert page.locator(".live-updates__notice").get_attribute("aria-live") == "polite"

    button.click()
    expect(page.locator(f"#entry-{third}")).to_be_focused()
    assert first_entry_id(page) == f"entry-{third}"
    expect(page.locator(f"#entry-{second}")).to_have_count(1)

    # A deletion removes the entry.
    change(live_site, page_id, delete=[first])
    page.evaluate(POLL_NOW)
    expect(page.locator(f"#entry-{first}")).to_have_count(0, timeout=WAIT)

    # Ended: the page says so and polls no more, even when the tab shows again.
    change(live_site, page_id, end=True)
    page.evaluate(POLL_NOW)
    expect(stream).to_have_attribute("data-live-status", "ended", timeout=WAIT)
    expect(page.locator(".live-updates__message")).to_contain_text(ENDED[lang])
    assert page.evaluate(POLL_NOW) == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_live_page_has_no_accessibility_violations(browser, live_site, lang):
    # axe-core goes in as an inline script, which the site's Content-Security-Policy refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page_id = open_live_page(page, live_site, lang)
        (entry,) = change(live_site, page_id, ["Divers reached the pier"])
        page.locator(".live-entries .live-entry:nth-of-type(5)").scroll_into_view_if_needed()
        change(live_site, page_id, ["Road reopened"])
        page.evaluate(POLL_NOW)
        expect(page.locator(".live-updates__button")).to_be_visible(timeout=WAIT)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    finally:
        context.close()
