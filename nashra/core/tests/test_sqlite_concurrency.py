"""SQLite as configured (nashra/settings/database.py): a publish and a reader's write that
overlap both land, whatever the order their transactions began in."""

import threading
import time
from unittest import mock

from django.db import transaction
from django.db.utils import ConnectionHandler

from nashra.settings.database import database


def test_a_reader_that_writes_during_a_publish_waits_its_turn_and_both_land(
    tmp_path, django_db_blocker
):
    config = database(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    handler = ConnectionHandler({"default": config, "reader": config})  # one connection each
    publishing, errors = threading.Event(), []

    def run(alias, work):
        try:
            with transaction.atomic(using=alias), handler[alias].cursor() as cursor:
                work(cursor)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            handler[alias].close()

    def publish(cursor):
        cursor.execute("INSERT INTO votes VALUES ('editor')")
        publishing.set()
        time.sleep(0.3)  # the publish is still in progress when the reader begins

    def vote(cursor):  # reads first, then writes: a deferred transaction fails here at once
        cursor.execute("SELECT count(*) FROM votes")
        cursor.execute("INSERT INTO votes VALUES ('reader')")

    # A scratch file of its own, not the test database: pytest-django lets it be opened.
    with django_db_blocker.unblock(), mock.patch("django.db.transaction.connections", handler):
        with handler["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE votes (who TEXT)")
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"  # readers never hold up a commit
        threads = [
            threading.Thread(target=run, args=("default", publish)),
            threading.Thread(target=lambda: publishing.wait(5) and run("reader", vote)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with handler["default"].cursor() as cursor:
            cursor.execute("SELECT who FROM votes ORDER BY rowid")
            assert [row[0] for row in cursor.fetchall()] == ["editor", "reader"]
        handler.close_all()
