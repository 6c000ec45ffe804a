"""The purge batch: one per transaction, each purge once, nothing after a rollback."""

import threading

import pytest
from django.db import transaction

from nashra.core import page_cache
from nashra.distribution.purge_batch import collecting

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
    monkeypatch.setattr(page_cache, "purge", lambda **names: bumped.append(names))
    with transaction.atomic():
        for _change in range(3):
            with collecting() as batch:
                batch.page_cache(paths=["/en/"], languages=["en"])
        with collecting() as batch:
            batch.page_cache(paths=["/en/", "/en/politics/"])
    assert bumped == [
        {"paths": ["/en/"], "groups": [], "languages": ["en"]},
        {"paths": ["/en/politics/"], "groups": [], "languages": []},
    ]
    with collecting() as batch:  # outside a transaction: at once, every time
        batch.page_cache(paths=["/en/"])
    assert bumped[-1] == {"paths": ["/en/"], "groups": [], "languages": []}
