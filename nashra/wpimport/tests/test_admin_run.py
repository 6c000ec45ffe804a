"""The admin's WordPress import, once analysed: started once however many clicks, run by the
worker with its progress written as it goes, then its report (filtered, paged, as CSV), and
deleting a run with its file."""

import csv
import io
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from nashra.newsroom.worker import NewsroomWorker, TickLoop
from nashra.wpimport import storage, tasks
from nashra.wpimport.models import ImportRun, RunStatus
from nashra.wpimport.report import ImportReport

from .admin_support import ANALYSIS, export_file, login, staff

pytestmark = pytest.mark.django_db


def analysed_run(user=None, **fields):
    fields = {"status": RunStatus.ANALYSED, "analysis": ANALYSIS, **fields}
    return ImportRun.objects.create(
        file_name="export.xml",
        stored_path=storage.store_upload(export_file()),
        options={"default_locale": "en", "section_map": {"news": "world"}},
        created_by=user,
        **fields,
    )


@pytest.fixture
def importer_user(client, django_user_model):
    return login(client, staff(django_user_model, "importer", can_import=True))


def test_a_second_start_of_the_same_run_queues_nothing(client, importer_user, seams, import_root):
    run = analysed_run(importer_user)
    first = client.post(reverse("wpimport_start", args=[run.pk]))
    assert first["Location"] == reverse("wpimport_progress", args=[run.pk])
    second = client.post(reverse("wpimport_start", args=[run.pk]), follow=True)
    assert "being imported already" in second.content.decode()
    task = DBTaskResult.objects.get()
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and run.task_id == str(task.id)
    assert task.status == "READY" and task.task_path.endswith("run_import")
    assert client.get(reverse("wpimport_start", args=[run.pk])).status_code == 405

    tasks.run_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert tasks.run_import.call(run.pk) is None  # a stray second task finds nothing to do
    assert tasks.start_import(run.pk)  # a finished import may be run again (it is re-runnable)
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL (SQLite has one)"
)
def test_two_starts_at_the_same_moment_queue_one_import(import_root):
    run = analysed_run()
    barrier = threading.Barrier(4)
    started = []

    def click():
        try:
            barrier.wait()
            started.append(tasks.start_import(run.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(started) == [False, False, False, True]
    assert DBTaskResult.objects.count() == 1
    assert ImportRun.objects.get().status == RunStatus.QUEUED


def test_the_worker_runs_the_import_and_the_report_is_kept(
    client, importer_user, seams, import_root, monkeypatch
):
    monkeypatch.setattr(TickLoop, "start", lambda self: None)  # the tasks alone, here
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    seen = {}

    def import_wxr(path, options, *, progress=None):
        seen.update(path=path, options=options)
        return ImportReport()

    monkeypatch.setattr(seams.importer, "import_wxr", import_wxr)
    run = analysed_run(importer_user)
    assert tasks.start_import(run.pk)
    NewsroomWorker(
        tick_loop=TickLoop("test"),
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="newsroom",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    ).run()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and run.report == ImportReport().as_dict()
    assert run.started_at <= run.finished_at
    assert seen["path"] == run.stored_path
    assert seen["options"].section_map == {"news": "world"}


def test_a_failed_import_says_why_and_may_be_started_again(
    client, importer_user, seams, import_root, monkeypatch
):
    def crash(path, options, *, progress=None):
        progress(10, 200)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(seams.importer, "import_wxr", crash)
    run = analysed_run(importer_user)
    tasks.start_import(run.pk)
    with pytest.raises(RuntimeError):
        tasks.run_import.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.finished_at is not None
    assert run.error == "RuntimeError: the database went away"
    assert (run.done, run.total) == (10, 200)
    page = client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    assert "The import failed:" in page and "the database went away" in page
    assert "Import again" in client.get(reverse("wpimport_run", args=[run.pk])).content.decode()
    assert tasks.start_import(run.pk)
    run.refresh_from_db()
    assert (run.status, run.done, run.error) == (RunStatus.QUEUED, 0, "")


def test_progress_is_written_every_second_or_every_fifty_items_and_at_the_end(import_root):
    run = analysed_run(status=RunStatus.RUNNING)
    now = [0.0]
    writer = tasks.ProgressWriter(run.pk, clock=lambda: now[0])
    writes = []

    def written():
        run.refresh_from_db()
        return run.done

    for done in range(1, 121):
        writer(done, 120)
        now[0] += 0.001
        writes.append(written())
    # First item, then every 50th, then the last.
    assert sorted(set(writes)) == [1, 51, 101, 120]
    now[0] += 5
    writer(1, 500)  # a second pass with its own total, a while later
    assert written() == 1 and run.total == 500


def test_the_progress_page_and_its_json_show_how_far_the_import_has_got(
    client, importer_user, import_root, worker_alive
):
    run = analysed_run(importer_user, status=RunStatus.RUNNING, done=250, total=1000)
    page = client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    assert '<progress max="1000" value="250"' in page and "Importing: 250 of 1000 (25%)" in page
    assert 'role="status"' in page and "wpimport/js/progress.js" in page
    assert "<script>" not in page.split('id="main"')[-1]  # no inline script of ours
    state = client.get(reverse("wpimport_progress_json", args=[run.pk]))
    assert "no-store" in state["Cache-Control"]
    assert state.json() == {
        "status": "running",
        "status_label": "Importing",
        "done": 250,
        "total": 1000,
        "percent": 25,
        "waiting": True,
        "error": "",
        "report_url": None,
    }
    # The run page of a run in progress is its progress page.
    response = client.get(reverse("wpimport_run", args=[run.pk]))
    assert response["Location"] == reverse("wpimport_progress", args=[run.pk])


def test_the_progress_page_in_arabic(client, django_user_model, import_root, worker_alive):
    login(client, staff(django_user_model, "arabic", can_import=True), "ar")
    run = analysed_run(status=RunStatus.RUNNING, done=1, total=4)
    page = client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    assert "تقدّم الاستيراد" in page and "قيد الاستيراد: 1 من 4 (25%)" in page
    assert client.get(reverse("wpimport_progress_json", args=[run.pk])).json()["status_label"] == (
        "قيد الاستيراد"
    )


def finished_run(user, lines=0):
    report = ImportReport()
    report.record("post", "created", 1, "مقال")
    report.record("post", "unchanged", 2)
    report.record("attachment", "failed", 3, "photo.jpg", "the host did not answer")
    report.record("post", "skipped", 4, '=HYPERLINK("http://x")', "in the trash")
    report.note("comment", 5, "reply moved up a level")
    for number in range(lines):
        report.record("comment", "skipped", 100 + number, "", "spam")
    return analysed_run(user, status=RunStatus.FINISHED, report=report.as_dict(), done=5, total=5)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_counts_each_kind_by_outcome_and_lists_the_lines(
    client, django_user_model, import_root, language
):
    user = login(client, staff(django_user_model, "importer", can_import=True), language)
    run = finished_run(user, lines=150)
    page = client.get(reverse("wpimport_report", args=[run.pk])).content.decode()
    words = {
        "en": ("Import report", "Created", "Unchanged", "Skipped", "Total", "Download as CSV"),
        "ar": ("تقرير الاستيراد", "أُنشئ", "بلا تغيير", "تُخطّي", "المجموع", "تنزيل بصيغة CSV"),
    }[language]
    for word in words:
        assert word in page
    # post: 1 created, 1 unchanged, 1 skipped; comment 150 skipped; attachment 1 failed.
    assert (
        '<tr><th scope="row"><bdi>post</bdi></th><td>1</td><td>0</td><td>1</td><td>1</td>'
        "<td>0</td><td>3</td></tr>"
    ) in page
    assert "<td>1</td><td>0</td><td>1</td><td>151</td><td>1</td><td>154</td>" in page  # totals
    assert "<bdi>the host did not answer</bdi>" in page and "<bdi>photo.jpg</bdi>" in page
    assert "?p=2" in page  # 153 lines, 100 a page

    failed = client.get(reverse("wpimport_report", args=[run.pk]), {"outcome": "failed"})
    failed = failed.content.decode()
    assert "photo.jpg" in failed and "reply moved up a level" not in failed
    noted = client.get(reverse("wpimport_report", args=[run.pk]), {"outcome": "note"})
    assert "reply moved up a level" in noted.content.decode()
    second = client.get(reverse("wpimport_report", args=[run.pk]), {"outcome": "skipped", "p": 2})
    assert "<bdi>149</bdi>" not in second.content.decode()  # wp ids 100.. on page one
    assert "<bdi>249</bdi>" in second.content.decode()

    # The finished progress page and the list lead to it.
    assert (
        reverse("wpimport_report", args=[run.pk])
        in client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    )
    assert (
        reverse("wpimport_report", args=[run.pk])
        in client.get(reverse("wpimport_runs")).content.decode()
    )


def test_the_report_downloads_as_csv(client, importer_user, import_root):
    run = finished_run(importer_user)
    run.report["counts"][" =cmd()"] = {"skipped": 1}  # a post type the export named
    run.save()
    response = client.get(reverse("wpimport_report_csv", args=[run.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"wordpress-import-{run.pk}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["kind", "wp_id", "outcome", "title", "reason", "count"]
    assert ["post", "", "created", "", "", "1"] in rows
    assert ["attachment", "3", "failed", "photo.jpg", "the host did not answer", ""] in rows
    # A title from the export never reaches a spreadsheet as a formula.
    assert ["post", "4", "skipped", '\'=HYPERLINK("http://x")', "in the trash", ""] in rows
    # Nor does a kind of item (a post type is the export's to name), nor a padded formula.
    assert ["' =cmd()", "", "skipped", "", "", "1"] in rows
    assert client.get(reverse("wpimport_report_csv", args=[analysed_run().pk])).status_code == 404


def test_deleting_a_run_deletes_its_file_but_not_while_it_runs(
    client, importer_user, import_root, worker_alive
):
    run = finished_run(importer_user)
    path = Path(run.stored_path)
    assert path.exists()
    confirm = client.get(reverse("wpimport_delete", args=[run.pk])).content.decode()
    assert "What it imported stays on the site" in confirm
    response = client.post(reverse("wpimport_delete", args=[run.pk]))
    assert response["Location"] == reverse("wpimport_runs")
    assert not ImportRun.objects.filter(pk=run.pk).exists() and not path.exists()

    running = analysed_run(importer_user, status=RunStatus.RUNNING)
    response = client.post(reverse("wpimport_delete", args=[running.pk]), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert ImportRun.objects.filter(pk=running.pk).exists()
    assert Path(running.stored_path).exists()


def test_an_import_whose_worker_was_killed_can_be_started_again_or_deleted(
    client, importer_user, import_root
):
    # Running, and no worker has ticked for minutes (here: ever).
    run = analysed_run(importer_user, status=RunStatus.RUNNING, done=40, total=100)
    page = client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    assert "stopped while it was importing" in page
    assert reverse("wpimport_start", args=[run.pk]) in page
    client.post(reverse("wpimport_start", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED and DBTaskResult.objects.count() == 1
    # Queued, it waits for the worker: not started twice, not deleted.
    client.post(reverse("wpimport_start", args=[run.pk]))
    client.post(reverse("wpimport_delete", args=[run.pk]))
    assert DBTaskResult.objects.count() == 1 and ImportRun.objects.filter(pk=run.pk).exists()

    stuck = analysed_run(importer_user, status=RunStatus.RUNNING)
    client.post(reverse("wpimport_delete", args=[stuck.pk]))
    assert not ImportRun.objects.filter(pk=stuck.pk).exists()
    assert not Path(stuck.stored_path).exists()


def test_a_running_import_with_a_live_worker_is_not_started_again(
    client, importer_user, import_root, worker_alive
):
    run = analysed_run(importer_user, status=RunStatus.RUNNING)
    page = client.get(reverse("wpimport_progress", args=[run.pk])).content.decode()
    assert "stopped while it was importing" not in page
    client.post(reverse("wpimport_start", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and not DBTaskResult.objects.exists()


def test_staff_without_the_permission_cannot_start_read_or_delete(
    client, django_user_model, import_root
):
    run = finished_run(None)
    login(client, staff(django_user_model, "desk", can_import=False))
    for name in ("wpimport_run", "wpimport_progress_json", "wpimport_report_csv"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 302
    client.post(reverse("wpimport_start", args=[run.pk]))
    client.post(reverse("wpimport_delete", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and Path(run.stored_path).exists()
    assert not DBTaskResult.objects.exists()
