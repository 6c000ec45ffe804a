"""The admin's WordPress import progress page, in Arabic, in a real browser: it follows the
worker's progress by itself (a static script, allowed by the admin's CSP) and shows the report
link when the import ends."""

import pytest
from playwright.sync_api import expect

from .conftest import admin_login, site_shell

pytestmark = pytest.mark.browser


def _run(live_site, code):
    return site_shell(live_site, "from nashra.wpimport.models import ImportRun, RunStatus;" + code)


def test_the_progress_page_follows_the_import_and_leads_to_the_report(page, live_site, shot):
    base = live_site["url"]
    site_shell(
        live_site,
        "from django.contrib.auth.models import User;"
        "from wagtail.users.models import UserProfile;"
        "p = UserProfile.get_for_user(User.objects.get(username='browser-admin'));"
        "p.preferred_language = 'ar'; p.save()",
    )
    # A worker ticked just now: the import is its, not an orphan of a killed worker.
    site_shell(
        live_site,
        "from django.utils import timezone; from nashra.newsroom.models import Tick;"
        "now = timezone.now(); Tick.objects.create(slot=now, worker='browser', started_at=now)",
    )
    pk = _run(
        live_site,
        "print(ImportRun.objects.create(file_name='أرشيف الموقع.xml', stored_path='',"
        " status=RunStatus.RUNNING, analysis={}, done=10, total=100).pk)",
    )
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    admin_login(page, base)
    page.goto(f"{base}/admin/wordpress-import/{pk}/")
    assert page.url.endswith(f"/admin/wordpress-import/{pk}/progress/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    bar = page.locator("progress")
    assert bar.get_attribute("value") == "10"

    _run(live_site, f"ImportRun.objects.filter(pk={pk}).update(done=60)")
    expect(page.locator("#wpimport-progress-text")).to_contain_text(
        "60 من 100 (60%)", timeout=10_000
    )
    assert bar.evaluate("bar => bar.value") == 60
    shot(page, "admin-wordpress-import-progress-ar", full_page=False)

    _run(
        live_site,
        f"ImportRun.objects.filter(pk={pk}).update(status=RunStatus.FINISHED, done=100,"
        " report={'dry_run': False, 'counts': {'post': {'created': 100}}, 'lines': []})",
    )
    page.get_by_role("link", name="اقرأ التقرير").wait_for(timeout=10_000)
    page.get_by_role("link", name="اقرأ التقرير").click()
    page.wait_for_url(f"{base}/admin/wordpress-import/{pk}/report/")
    assert "أُنشئ" in page.locator("table").first.inner_text()
    page.goto(f"{base}/admin/wordpress-import/upload/")
    assert page.get_by_label("ملف التصدير من ووردبريس").count() == 1
    shot(page, "admin-wordpress-import-upload-ar", full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
