"""The purge batch: one per transaction, each purge once, nothing after a rollback."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connections, transaction

from nashra.core import page_cache
from nashra.core.models import PendingPurge
from nashra.distribution import purge_targets
from nashra.distribution.purge_batch import collecting, current
from nashra.distribution.signal_handlers import purge_edition

pytestmark = pytest.mark.django_db


def _sent(front):
    for thread in threading.enumerate():
        if thread.name == "nashra-purge":
            thread.join(10)
    return sorted(p for _m, p, _h, _port in front.seen)


@pytest.mark.parametrize("background", [False, True])
def test_a_transaction_sends_its_purges_once_after_it_commits(
    front, settings, django_capture_on_commit_callbacks, background
):
    settings.NASHRA_PURGE_IN_BACKGROUND = background
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for _change in range(3):  # three signals naming the same pages
            with collecting() as batch:
                batch.front(["/en/", "/en/politics/"])
    assert _sent(front) == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):  # the commit
        for callback in callbacks:
            callback()
    assert _sent(front) == ["/en/", "/en/politics/"]


def test_a_rolled_back_transaction_sends_nothing(front, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        with collecting() as batch:
            batch.front(["/en/"])
        raise RuntimeError("rolled back")
    assert callbacks == []
    with (
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
        collecting() as batch,
    ):
        batch.front(["/en/politics/"])
    assert _sent(front) == ["/en/politics/"]  # a new transaction, a new batch


def test_each_page_cache_version_is_bumped_once_per_transaction(monkeypatch):
    bumped = []
    monkeypatch.setattr(page_cache, "_bump", lambda names, **kw: bumped.append(names) or True)
    with transaction.atomic():
        for _change in range(3):
            with collecting() as batch:
                batch.page_cache(paths=["/en/"], languages=["en"])
        with collecting() as batch:
            batch.page_cache(paths=["/en/", "/en/politics/"])
    assert bumped == [["pcv:path:/en/", "pcv:lang:en"], ["pcv:path:/en/politics/"]]
    with collecting() as batch:  # outside a transaction: at once, every time
        batch.page_cache(paths=["/en/"])
    assert bumped[-1] == ["pcv:path:/en/"]


def test_a_version_bumped_in_a_savepoint_rolled_back_is_still_bumped_at_the_commit(
    monkeypatch, django_capture_on_commit_callbacks
):
    bumped, committed = [], []
    monkeypatch.setattr(page_cache, "_bump", lambda names, **kw: bumped.extend(names) or True)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with collecting() as batch:
            batch.page_cache(paths=["/en/x/"])
        with pytest.raises(RuntimeError), transaction.atomic():
            with collecting() as batch:
                batch.page_cache(paths=["/en/p/"])
            raise RuntimeError("rolled back")
        with collecting() as batch:  # the same path, changed again in the outer transaction
            batch.page_cache(paths=["/en/p/"])
    bumped.clear()
    for callback in callbacks:  # the commit
        callback()
    committed = set(bumped)
    assert {"pcv:path:/en/x/", "pcv:path:/en/p/"} <= committed


def test_each_thread_has_its_own_batch():
    barrier = threading.Barrier(2, timeout=10)
    seen, errors = {}, []

    def change(name):
        # On SQLite, this thread's connection must take no lock the test's transaction
        # holds: no PRAGMA as it opens, no write lock as its transaction begins.
        db = connections["default"]
        locking = {"init_command", "transaction_mode"}
        options = {k: v for k, v in db.settings_dict["OPTIONS"].items() if k not in locking}
        db.settings_dict = {**db.settings_dict, "OPTIONS": options}
        try:
            with transaction.atomic():
                first = current()
                barrier.wait()  # the other thread asks for its batch meanwhile
                barrier.wait()
                seen[name] = (first, current())
        except (RuntimeError, DatabaseError) as error:  # reported below, not lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=change, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert seen["a"][0] is seen["a"][1] and seen["b"][0] is seen["b"][1]
    assert seen["a"][0] is not seen["b"][0]


def test_an_edition_that_could_not_be_worked_out_is_kept_and_retried(
    front, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # Synchronously: the background thread keeps it the same way (_send_front_or_keep), but
    # with a connection of its own, which on SQLite waits for the test's transaction.
    settings.NASHRA_PURGE_IN_BACKGROUND = False

    def broken(language):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(purge_targets, "edition_targets", broken)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        purge_edition("en")  # no exception out of the commit
    _sent(front)
    kept = set(PendingPurge.objects.values_list("target", flat=True))
    assert kept == {"recompute:edition:en"}
    monkeypatch.undo()
    front.seen.clear()
    call_command("core_retry_purges", stdout=io.StringIO())
    assert PendingPurge.objects.count() == 0
    assert {"/en/", "/sitemap-en.xml"} <= set(_sent(front))
    assert set(_sent(front)) >= purge_targets.edition_targets("en")
