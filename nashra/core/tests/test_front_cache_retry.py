"""Front-cache purges against a fake nginx that drops a connection mid-queue or refuses an
address: every address is purged or kept for a retry, and the failure is reported."""

import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from nashra.core import front_cache
from nashra.core.front_cache import KeepAliveHTTPBackend
from nashra.core.models import PendingPurge
from tests.support import free_port

pytestmark = pytest.mark.django_db
ROOT = "http://news.example"


class FakeNginx(ThreadingHTTPServer):
    """Answers PURGE over kept-alive connections; drops the connection without an answer on
    the requests numbered in `drop` (counting from 1), and answers 502 for `refuse`."""

    daemon_threads = True

    def __init__(self, drop=(), refuse=()):
        self.drop, self.refuse = set(drop), set(refuse)
        self.seen, self.purged, self.lock = 0, [], threading.Lock()
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def location(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class PurgeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PURGE(self):
        with self.server.lock:
            self.server.seen += 1
            number = self.server.seen
        if number in self.server.drop:
            self.close_connection = True  # mid-connection, no answer: what a restart looks like
            return
        status = 502 if self.path in self.server.refuse else 200
        if status == 200:
            with self.server.lock:
                self.server.purged.append(self.path)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx():
    servers = []

    def start(**kwargs):
        servers.append(FakeNginx(**kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


PATHS = [f"/en/story-{n}/" for n in range(6)]


def _backend(location):
    return KeepAliveHTTPBackend({"LOCATION": location})


def test_a_dropped_connection_mid_queue_loses_no_address(nginx, caplog):
    server = nginx(drop={3})
    failed = _backend(server.location).purge_batch([ROOT + p for p in PATHS])
    assert failed == set()
    assert sorted(server.purged) == sorted(PATHS)  # all six, the third over a new connection
    assert server.seen == 7
    assert not PendingPurge.objects.exists()
    assert "did not purge" not in caplog.text


def test_an_address_that_keeps_failing_is_reported_kept_and_retried(nginx, caplog):
    caplog.set_level(logging.ERROR, logger="nashra.front_cache")
    refused = PATHS[2]
    server = nginx(refuse={refused})
    failed = _backend(server.location).purge_batch([ROOT + p for p in PATHS])
    assert failed == {ROOT + refused}
    assert sorted(server.purged) == sorted(set(PATHS) - {refused})  # the rest went on
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and ROOT + refused in errors[0] and "HTTP 502" in errors[0]
    assert list(PendingPurge.objects.values_list("kind", "target")) == [("front", ROOT + refused)]
    health = Client().get("/healthz").json()
    assert health["status"] == "degraded" and health["front_cache_purges_pending"] == 1

    settings = {
        "front": {
            "BACKEND": "nashra.core.front_cache.KeepAliveHTTPBackend",
            "LOCATION": server.location,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=settings):
        with pytest.raises(CommandError):
            call_command("core_retry_purges")  # still refused: kept, and the command says so
        assert PendingPurge.objects.get().attempts == 2
        server.refuse.clear()
        call_command("core_retry_purges")
    assert server.purged[-1] == refused
    assert not PendingPurge.objects.exists()


def test_the_next_purge_retries_what_failed_before(nginx, django_capture_on_commit_callbacks):
    server = nginx(refuse={PATHS[0]})
    settings = {
        "front": {
            "BACKEND": "nashra.core.front_cache.KeepAliveHTTPBackend",
            "LOCATION": server.location,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=settings, NASHRA_PUBLIC_URL=ROOT):
        with django_capture_on_commit_callbacks(execute=True):
            front_cache.purge_paths([PATHS[0]])
        assert PendingPurge.objects.count() == 1
        server.refuse.clear()
        with django_capture_on_commit_callbacks(execute=True):
            front_cache.purge_paths([PATHS[1]])
    assert server.purged == [PATHS[1], PATHS[0]]
    assert not PendingPurge.objects.exists()


def test_a_front_cache_that_is_down_costs_little_and_everything_is_kept(caplog):
    caplog.set_level(logging.ERROR, logger="nashra.front_cache")
    urls = [f"{ROOT}/en/politics/?page={n}" for n in range(2, 200)] + [ROOT + p for p in PATHS]
    started = time.monotonic()
    failed = _backend(f"http://127.0.0.1:{free_port()}").purge_batch(urls)
    assert time.monotonic() - started < 5
    assert failed == set(urls)
    assert PendingPurge.objects.filter(kind="front").count() == len(urls)
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1
