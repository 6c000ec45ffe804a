"""The admin's import with the real analysis and importer: upload the hand-written export,
read its analysis (in Arabic too), start it, let the worker's task run it, read the report."""

import shutil

import pytest
from django.urls import reverse

from nashra.news.models import ArticlePage
from nashra.wpimport import tasks
from nashra.wpimport.models import ImportRun, RunStatus

from .admin_support import export_file, login, staff
from .helpers import NEWSROOM, UPLOADS, article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar"])
def test_upload_analyse_start_and_read_the_report(
    client, django_user_model, import_root, tmp_path, language
):
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    login(client, staff(django_user_model, "importer", can_import=True), language)
    response = client.post(
        reverse("wpimport_upload"),
        {
            "export": export_file("newsroom.xml", NEWSROOM.read_bytes()),
            "default_locale": "en",
            "uploads_dir": str(uploads),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.get()
    tasks.analyse_upload.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.ANALYSED, run.error
    page = client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    assert "polylang" in page.lower()
    assert f'lang="{language}"' in page

    before = ArticlePage.objects.count()
    assert client.post(reverse("wpimport_start", args=[run.pk])).status_code == 302
    tasks.run_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED, run.error
    assert run.done == run.total > 0
    assert run.report["counts"]["post"]["created"] == ArticlePage.objects.count() - before
    assert article(102).locale.language_code == "ar"

    report = client.get(reverse("wpimport_report", args=[run.pk]))
    assert report.status_code == 200
    text = report.content.decode()
    assert "جلسة" in text or "Deleted story" in text  # the lines name the items
    csv = client.get(reverse("wpimport_report_csv", args=[run.pk]))
    assert csv.status_code == 200 and b"attachment" in csv.content
