"""The admin's WordPress import, first steps: who may use it, the upload and its checks (in
both admin languages), where the file is kept, and the analysis run by the worker."""

import stat
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from nashra.wpimport import tasks
from nashra.wpimport.models import ImportRun, RunStatus

from .admin_support import (
    WXR,
    export_file,
    login,
    staff,
    upload_data,
)

pytestmark = pytest.mark.django_db


def test_staff_without_the_permission_get_no_menu_item_and_are_turned_away(
    client, django_user_model
):
    login(client, staff(django_user_model, "desk", can_import=False))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wpimport_runs") not in home
    # Wagtail answers a PermissionDenied in its admin with its dashboard and a message.
    for response in (
        client.get(reverse("wpimport_runs")),
        client.get(reverse("wpimport_upload")),
        client.post(reverse("wpimport_upload"), upload_data()),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not ImportRun.objects.exists()


def test_staff_with_the_permission_find_it_in_the_settings_menu(
    client, django_user_model, import_root
):
    login(client, staff(django_user_model, "importer", can_import=True))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wpimport_runs") in home and "WordPress import" in home
    assert client.get(reverse("wpimport_upload")).status_code == 200


ERRORS = {
    "en": {
        "extension": "Choose the .xml file of a WordPress export.",
        "not_wxr": "This file is not a WordPress export (an RSS document in XML).",
        "size": "the largest accepted is",
        "section_map": "The categories to sections map is not valid: Line 2: expected",
        "folder": "There is no folder the site can read at this path.",
        "outside": "Copied uploads must be in a folder set aside for imports",
        "relative": "Give the folder&#x27;s full path, from /.",
        "title": "Upload a WordPress export",
    },
    "ar": {
        "extension": "اختر ملف ‎.xml من تصدير ووردبريس.",
        "not_wxr": "هذا الملف ليس تصديرًا من ووردبريس (مستند RSS بصيغة XML).",
        "size": "وأكبر حجم مقبول",
        "section_map": "خريطة التصنيفات إلى الأقسام غير صالحة: السطر 2: المتوقع",
        "folder": "لا مجلد يستطيع الموقع قراءته في هذا المسار.",
        "outside": "يجب أن تكون الملفات المنسوخة في مجلد مخصص للاستيراد",
        "relative": "اكتب المسار الكامل للمجلد، بدءًا من /.",
        "title": "رفع تصدير من ووردبريس",
    },
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_upload_errors_are_shown_in_the_admin_language(
    client, django_user_model, settings, seams, import_root, language, tmp_path
):
    words = ERRORS[language]
    login(client, staff(django_user_model, "importer", can_import=True), language)
    url = reverse("wpimport_upload")
    assert words["title"] in client.get(url).content.decode()

    def errors(**data):
        response = client.post(url, upload_data(**data))
        assert response.status_code == 200  # the form again, with its errors
        return response.content.decode()

    assert words["extension"] in errors(export=export_file("export.docx"))
    assert words["not_wxr"] in errors(export=export_file(content=b"PK\x03\x04 zip"))
    assert words["not_wxr"] in errors(export=export_file(content=b"<html><body>hi</body></html>"))
    settings.NASHRA_IMPORT_MAX_UPLOAD_BYTES = 100
    assert words["size"] in errors()
    settings.NASHRA_IMPORT_MAX_UPLOAD_BYTES = 10_000
    assert words["section_map"] in errors(section_map="news = world\nsport")
    assert words["folder"] in errors(uploads_dir=str(tmp_path / "missing"))
    assert words["relative"] in errors(uploads_dir="wp-content/uploads")
    assert words["outside"] in errors(uploads_dir="/etc")
    assert words["outside"] in errors(uploads_dir=str(tmp_path / ".." / ".."))
    assert not ImportRun.objects.exists()
    assert not import_root.exists() or not any(import_root.iterdir())


def test_an_upload_is_kept_privately_outside_the_media_and_analysed_by_the_worker(
    client, django_user_model, settings, seams, import_root, tmp_path
):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    user = login(client, staff(django_user_model, "importer", can_import=True))
    response = client.post(
        reverse("wpimport_upload"),
        upload_data(
            export=export_file("موقعنا.xml"),
            default_locale="ar",
            section_map="news = world\nsport = sports",
            media_base_url="https://old.example.org/",
            uploads_dir=str(uploads),
            credit_meta_key="_photo_credit",
            include_pingbacks="on",
        ),
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "wpimport_run", args=[run.pk]
    )
    assert run.created_by == user and run.file_name == "موقعنا.xml"
    assert run.options == {
        "default_locale": "ar",
        "credit_meta_key": "_photo_credit",
        "section_map": {"news": "world", "sport": "sports"},
        "media_base_url": "https://old.example.org/",
        "uploads_dir": str(uploads.resolve()),
        "include_pingbacks": True,
    }

    stored = Path(run.stored_path)
    assert stored.read_bytes() == WXR
    assert stored.parent == import_root.resolve() and "موقعنا" not in stored.name
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(import_root.stat().st_mode) == 0o700

    # The analysis waits for the worker: the page says so and asks again by itself.
    task = DBTaskResult.objects.get()
    assert task.status == "READY" and task.task_path.endswith("analyse_upload")
    page = client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    assert "being analysed by the background worker" in page
    assert reverse("wpimport_progress_json", args=[run.pk]) in page
    assert "wpimport/js/progress.js" in page and "Start import" not in page
    assert client.get(reverse("wpimport_progress_json", args=[run.pk])).json()["waiting"]

    tasks.analyse_upload.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.ANALYSED
    assert not client.get(reverse("wpimport_progress_json", args=[run.pk])).json()["waiting"]
    page = client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    assert "Posts by type, status and language" in page and "Translation plugin" in page
    assert "<bdi>سامي العلي</bdi>" in page and "<bdi>vc_row</bdi>" in page
    assert "Start import" in page and "<bdi>موقعنا.xml</bdi>" in page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_analysis_page_reads_in_both_languages(
    client, django_user_model, seams, import_root, language
):
    login(client, staff(django_user_model, "importer", can_import=True), language)
    client.post(reverse("wpimport_upload"), upload_data())
    run = ImportRun.objects.get()
    tasks.analyse_upload.call(run.pk)
    page = client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    words = {
        "en": ("Analysis of the export", "Start import", "Authors"),
        "ar": ("تحليل ملف التصدير", "ابدأ الاستيراد", "الكتّاب"),
    }[language]
    for word in words:
        assert word in page


def test_an_export_the_analysis_refuses_says_why_and_cannot_be_started(
    client, django_user_model, seams, import_root, monkeypatch
):
    def refuse(path, uploads_dir=None):
        raise ValueError("not a WXR export: the root is <html>")

    monkeypatch.setattr(seams.analysis, "analyse", refuse)
    login(client, staff(django_user_model, "importer", can_import=True))
    client.post(reverse("wpimport_upload"), upload_data())
    run = ImportRun.objects.get()
    with pytest.raises(ValueError):
        tasks.analyse_upload.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "the root is <html>" in run.error
    page = client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    assert "The export could not be analysed" in page and "the root is &lt;html&gt;" in page
    assert reverse("wpimport_start", args=[run.pk]) not in page
    assert not tasks.start_import(run.pk)


def test_the_import_root_must_not_be_inside_the_media(
    client, django_user_model, settings, tmp_path
):
    from django.core.exceptions import ImproperlyConfigured

    from nashra.wpimport import storage

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NASHRA_IMPORT_ROOT = tmp_path / "media" / "imports"
    with pytest.raises(ImproperlyConfigured):
        storage.import_root()


def test_an_upload_far_past_the_limit_is_refused_before_it_is_read(
    client, django_user_model, settings, seams, import_root, monkeypatch
):
    from django.http.multipartparser import MultiPartParser

    def unread(*args, **kwargs):
        raise AssertionError("the body was parsed")

    login(client, staff(django_user_model, "importer", can_import=True), "ar")
    settings.NASHRA_IMPORT_MAX_UPLOAD_BYTES = 1000
    monkeypatch.setattr(MultiPartParser, "parse", unread)
    big = export_file(content=WXR + b" " * 200_000)
    response = client.post(reverse("wpimport_upload"), upload_data(export=big))
    assert response.status_code == 200
    assert "وأكبر حجم مقبول" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_the_upload_form_still_needs_its_csrf_token(django_user_model, seams, import_root):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, staff(django_user_model, "importer", can_import=True))
    response = client.post(reverse("wpimport_upload"), upload_data())
    assert response.status_code == 403
    assert not ImportRun.objects.exists()


def test_the_permission_can_be_given_to_a_group_in_the_admin(client, django_user_model):
    login(client, django_user_model.objects.create_superuser("chief", "c@example.org", "pw"))
    page = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "Can import a WordPress export" in page


def test_an_upload_whose_analysis_cannot_be_queued_leaves_no_run_and_no_file(
    client, django_user_model, seams, import_root, monkeypatch
):
    def broken_queue(run):
        raise RuntimeError("the tasks table is missing")

    monkeypatch.setattr(tasks, "queue_analysis", broken_queue)
    login(client, staff(django_user_model, "importer", can_import=True))
    with pytest.raises(RuntimeError):
        client.post(reverse("wpimport_upload"), upload_data())
    assert not ImportRun.objects.exists()
    assert not any(import_root.iterdir())
