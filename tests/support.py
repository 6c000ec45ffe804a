"""What the tests that start real servers share: free ports, scratch databases of the kind the
current pass tests (a SQLite file, or a PostgreSQL database beside DATABASE_URL's), the
production settings' environment, and waiting for a server to answer."""

import contextlib
import os
import secrets
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import redis


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scratch_name(suffix):
    """The current pass's database name with a suffix (nashra_browser), for a scratch database
    of a test's own beside the pass's."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    base = dj_database_url.parse(url)["NAME"] if url.startswith("postgres") else "nashra"
    return f"{base}_{suffix}"


def scratch_database_url(tmp_path, name):
    """A fresh, empty database called `name` (a file in tmp_path for SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"],
        user=cfg["USER"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def redis_test_db(db):
    """Redis database `db` of this test pass: `make test` runs the SQLite and PostgreSQL passes
    at once, and NASHRA_TEST_REDIS_DB_OFFSET moves the second pass's databases clear of the
    first's (each test flushes its own)."""
    return db + int(os.environ.get("NASHRA_TEST_REDIS_DB_OFFSET", "0"))


def redis_test_url(db):
    return f"redis://127.0.0.1:6379/{redis_test_db(db)}"


def redis_or_skip(url):
    """A client for the Redis at `url`; unreachable, that fails the test in CI and skips it,
    with the reason, outside CI (the rule conftest.py applies to PostgreSQL)."""
    import pytest
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Redis at {url} is unreachable ({exc}). CI requires it.")
        pytest.skip(f"Redis at {url} is unreachable ({exc}); skipped outside CI")
    return client


def production_environment(*, clean=False, without=(), **settings):
    """The environment of a process started on nashra.settings.production.

    It starts from this process's environment, less DJANGO_ALLOW_ASYNC_UNSAFE (pytest-playwright's
    need, not the server's) and the names in `without`; or, with clean=True, from the shell's
    PATH, HOME, LANG and TMPDIR alone, as an operator's would be. Then `settings`, each an
    environment variable; None removes one. SECRET_KEY and ALLOWED_HOSTS default to a throwaway
    key and the loopback hosts, the two production refuses to start without."""
    if clean:
        env = {
            name: os.environ[name]
            for name in ("PATH", "HOME", "LANG", "TMPDIR")
            if name in os.environ
        }
    else:
        dropped = {"DJANGO_ALLOW_ASYNC_UNSAFE", *without}
        env = {name: value for name, value in os.environ.items() if name not in dropped}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "nashra.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    env.update(settings)
    return {name: value for name, value in env.items() if value is not None}


class ServerDidNotStart(RuntimeError):
    """A server under test exited, or did not answer in time; the message ends with its log."""


def wait_until_answering(url, process=None, log=None, *, seconds=30, interval=0.2):
    """Poll `url` until it answers with a success, and return the body. If `process` exits
    first or `seconds` pass, kill it and raise ServerDidNotStart with the tail of `log` (a path,
    an open file, or None for the process's piped stderr)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            exited = process is not None and process.poll() is not None
            if exited or time.monotonic() > deadline:
                break
            time.sleep(interval)
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    raise ServerDidNotStart(f"{url} did not answer:\n{_tail(log, process)}")


def _tail(log, process, length=4000):
    if log is None:
        stream = getattr(process, "stderr", None)
        text = stream.read() if stream else b""
    elif hasattr(log, "read"):
        log.flush()
        log.seek(0)
        text = log.read()
    else:
        text = Path(log).read_text(errors="replace")
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return text[-length:]


class OwnRedis:
    """A redis-server of the test's own, on a free port, keeping its files in `directory`:
    for what the machine's shared Redis must not be put through (restarts, persistence)."""

    def __init__(self, directory, *options):
        self.port = free_port()
        self.directory = directory
        self.options = options
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                *self.options,
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(200):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.02)  # redis-server offers no readiness signal but answering
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.kill()  # SIGKILL: no chance to write anything more
        self.process.wait()

    def shutdown(self):
        with contextlib.suppress(redis.ConnectionError):
            redis.Redis(port=self.port).shutdown()
        self.process.wait()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"
