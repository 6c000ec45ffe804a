"""An editor schedules an article and its translation for the next minute in the admin; the
newsroom worker (a short tick) publishes both, and readers find them on time in each edition."""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .conftest import ROOT, admin_login, site_shell

pytestmark = pytest.mark.browser

TICK_SECONDS = 2
# The rule: a scheduled page is public within a minute of its time.
ON_TIME = timedelta(seconds=60)
# Time to fill the form and submit it before the chosen minute starts.
LEAD_TIME = timedelta(seconds=15)

# A fresh unpublished pair copied from a demo article and its twin, so that the other browser
# tests' demo pages stay as they were.
MAKE_DRAFT_PAIR = """
import json, uuid
from nashra.news.models import ArticlePage
from nashra.core.newsroom_time import newsroom_zone
english = next(
    a for a in ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk")
    if a.get_translations().filter(locale__language_code="ar").exists()
)
arabic = english.get_translations().get(locale__language_code="ar").specific
suffix = uuid.uuid4().hex[:8]
pair = {}
for original in (english, arabic):
    copy = original.copy(
        update_attrs={"slug": f"{original.slug}-twins-{suffix}", "title": original.title + " *"},
        keep_live=False,
        copy_revisions=False,
        log_action=None,
    ).specific
    if original is arabic:  # the copies are each other's translations
        copy.translation_key = pair["en"]["translation_key"]
        copy.save(update_fields=["translation_key"])
    copy.save_revision()
    pair[original.locale.language_code] = {
        "pk": copy.pk, "url": copy.get_url(), "title": copy.title,
        "translation_key": str(copy.translation_key),
    }
pair["zone"] = newsroom_zone().key
print(json.dumps(pair))
"""

PREFERRED_LANGUAGE = """
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile
profile = UserProfile.get_for_user(get_user_model().objects.get(username="browser-admin"))
profile.preferred_language = "{language}"
profile.save()
"""

# Watches the database, not the public site: a reader's 404 after the time would make the web
# server publish (the safety net), and the test is about the worker doing it.
WAIT_UNTIL_LIVE = """
import json, time
from nashra.news.models import ArticlePage
deadline = time.time() + {timeout}
while time.time() < deadline:
    pages = list(ArticlePage.objects.filter(pk__in={pks}).values("pk", "live", "last_published_at"))
    if all(p["live"] for p in pages):
        break
    time.sleep(0.2)
print(json.dumps({{p["pk"]: p["last_published_at"] and p["last_published_at"].isoformat()
                  for p in pages}}))
"""


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture
def newsroom_worker(live_site, tmp_path):
    env = {**live_site["env"], "NASHRA_TICK_SECONDS": str(TICK_SECONDS)}
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "worker.py")],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield log_path
    finally:
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(10)


def _next_minute(zone):
    """The first whole minute at least LEAD_TIME away, in the newsroom's zone."""
    start = datetime.now(zone) + LEAD_TIME
    return start.replace(second=0, microsecond=0) + timedelta(minutes=1)


def test_editor_schedules_twins_and_both_go_live_on_time(page, live_site, shot, newsroom_worker):
    base = live_site["url"]
    pair = json.loads(site_shell(live_site, MAKE_DRAFT_PAIR))
    english, arabic, zone = pair["en"], pair["ar"], ZoneInfo(pair["zone"])
    assert english["url"].startswith("/en/") and arabic["url"].startswith("/ar/")
    page.set_viewport_size({"width": 1400, "height": 1000})
    admin_login(page, base)
    form_url = f"{base}/admin/news/articles/{english['pk']}/schedule-with-twin/"

    # The form in the Arabic admin: right to left, and it says which time zone it expects.
    site_shell(live_site, PREFERRED_LANGUAGE.format(language="ar"))
    try:
        page.goto(form_url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        zone_line = page.locator("form p.help")
        assert zone_line.count() == 1 and zone_line.inner_text().strip()
        shot(page, "admin-schedule-twins-ar", full_page=False)
    finally:
        site_shell(live_site, PREFERRED_LANGUAGE.format(language="en"))

    # The editor opens the English article and chooses the menu item.
    page.goto(f"{base}/admin/pages/{english['pk']}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle], footer .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Schedule with translation…").click()
    page.wait_for_url(form_url)
    assert arabic["title"] in page.content()

    when = _next_minute(zone)
    page.fill("input[name=go_live_at]", when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule both").click()
    page.wait_for_url(f"{base}/admin/pages/{english['pk']}/edit/")
    confirmation = page.locator(".messages").inner_text()
    assert english["title"] in confirmation and arabic["title"] in confirmation
    assert "scheduled to go live" in confirmation
    assert datetime.now(zone) < when, "the form was submitted too late for the test"
    # Away from the admin: its pages run the safety net too, and this test is about the worker.
    page.goto("about:blank")

    # Before the time, neither edition shows the article.
    while datetime.now(zone) < when - timedelta(seconds=2):
        for twin in (english, arabic):
            assert _status(base + twin["url"])[0] == 404, f"{twin['url']} is public early"
        time.sleep(1)

    remaining = (when - datetime.now(zone)).total_seconds()
    wait_code = WAIT_UNTIL_LIVE.format(
        timeout=remaining + ON_TIME.total_seconds(), pks=[english["pk"], arabic["pk"]]
    )
    published = json.loads(site_shell(live_site, wait_code))
    seen_live = datetime.now(UTC)
    assert all(published.values()), f"not published by the worker: {published}"
    delays = {pk: datetime.fromisoformat(at) - when.astimezone(UTC) for pk, at in published.items()}
    assert all(timedelta(0) <= delay <= ON_TIME for delay in delays.values()), delays

    pages = {}
    for twin in (english, arabic):
        status, html = _status(base + twin["url"])
        assert status == 200, twin["url"]
        pages[twin["url"]] = html
    visible_after = datetime.now(UTC) - when.astimezone(UTC)
    assert visible_after <= ON_TIME + timedelta(seconds=5)
    arabic_html = re.search(r"<html[^>]*>", pages[arabic["url"]]).group(0)
    assert 'lang="ar"' in arabic_html and 'dir="rtl"' in arabic_html
    english_html = re.search(r"<html[^>]*>", pages[english["url"]]).group(0)
    assert 'lang="en"' in english_html and 'dir="ltr"' in english_html
    print(
        f"published {sorted(d.total_seconds() for d in delays.values())} s after T; "
        f"seen live in the database {(seen_live - when.astimezone(UTC)).total_seconds():.1f} s, "
        f"both 200 {visible_after.total_seconds():.1f} s after T"
    )
