"""The production settings boot against the real PostgreSQL and Redis, as an operator runs them.

A scratch database is created and dropped around the run. Outside CI a missing PostgreSQL or
Redis skips with the reason; with CI=true it is a failure (the same rule as conftest.py).
Also here: /healthz unit tests, including its 503 answers.
"""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.test import Client, override_settings

from tests.support import (
    OwnRedis,
    free_port,
    production_environment,
    redis_test_db,
    wait_until_answering,
)

ROOT = Path(__file__).resolve().parents[3]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# A Redis database for this test alone.
REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, redis_test_db(5)


def _postgres_server():
    """The PostgreSQL of the PostgreSQL test run, else the local one (trust auth, postgres)."""
    url = os.environ.get("DATABASE_URL", "")
    cfg = dj_database_url.parse(
        url if url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    )
    return {
        "host": cfg["HOST"] or "127.0.0.1",
        "port": int(cfg["PORT"] or 5432),
        "user": cfg["USER"] or "postgres",
        "password": cfg["PASSWORD"] or "",
    }


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"{reason}. CI requires it.")
    pytest.skip(f"{reason}; skipped outside CI (CI=true makes this a failure)")


def _admin_connection(server):
    import psycopg

    try:
        return psycopg.connect(
            host=server["host"],
            port=server["port"],
            user=server["user"],
            password=server["password"] or None,
            dbname="postgres",
            connect_timeout=3,
            autocommit=True,
        )
    except psycopg.OperationalError as exc:
        reason = str(exc).strip()
        _unavailable(f"PostgreSQL at {server['host']}:{server['port']} is unreachable ({reason})")


def _redis():
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        _unavailable(f"Redis at {REDIS_HOST}:{REDIS_PORT} is unreachable ({exc})")
    return client


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def _run(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


SERVERS = {
    # The production server (Granian, docs/operators/production.md), and gunicorn, the alternative.
    "serve": [sys.executable, "deploy/serve.py"],
    "gunicorn": [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "deploy/gunicorn.conf.py",
        "--no-control-socket",
        "nashra.wsgi",
    ],
}


def _start(command, env, port, log):
    process = subprocess.Popen(
        command,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_until_answering(f"http://127.0.0.1:{port}/healthz", process, log, seconds=60)
    return process


@pytest.fixture(scope="module")
def booted():
    """check --deploy, migrate, a cache write and both servers, with production settings."""
    server = _postgres_server()
    admin = _admin_connection(server)
    redis_client = _redis()

    database = f"nashra_boot_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{database}"')
    password = f":{server['password']}" if server["password"] else ""
    ports = {name: free_port() for name in SERVERS}
    cache_key, cache_value = f"boot-probe-{uuid.uuid4().hex}", secrets.randbelow(10**9)
    media_root = tempfile.mkdtemp(prefix="nashra-boot-media-")
    # What an operator behind a TLS-terminating proxy sets, and nothing from this shell.
    env = production_environment(
        clean=True,
        CSRF_TRUSTED_ORIGINS=",".join(f"https://127.0.0.1:{port}" for port in ports.values()),
        DATABASE_URL=(
            f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{database}"
        ),
        REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        MEDIA_ROOT=media_root,
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
        WEB_CONCURRENCY="2",
    )
    processes = []
    # Closed in the finally below, once the servers writing to it have stopped.
    log = tempfile.NamedTemporaryFile("w+", prefix="nashra-boot-server-", suffix=".log")  # noqa: SIM115
    try:
        # Against a Redis kept as docs/operators/votes.md asks (this machine's keeps nothing on
        # disk, which the same check must warn about: queued votes would not survive a restart).
        persistent = OwnRedis(media_root, "--appendonly", "yes", "--appendfsync", "always")
        persistent.start()
        try:
            check = _run(
                {**env, "REDIS_URL": persistent.url},
                *("manage.py", "check", "--deploy", "--fail-level", "WARNING"),
            )
        finally:
            persistent.shutdown()
        volatile = _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
        migrate = _run(env, "manage.py", "migrate", "--noinput")
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        cache_write = _run(
            env,
            "-c",
            (
                "import django; django.setup(); from django.core.cache import cache; "
                f"cache.set({cache_key!r}, {cache_value}, 300)"
            ),
        )
        assert cache_write.returncode == 0, cache_write.stderr
        for name, command in SERVERS.items():
            processes.append(_start(command, env, ports[name], log))
        # The background worker, as production runs it (a short tick: the test waits for it).
        processes.append(
            subprocess.Popen(
                [sys.executable, "deploy/worker.py"],
                env={**env, "NASHRA_TICK_SECONDS": "2"},
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        yield {
            "bases": {name: f"http://127.0.0.1:{port}" for name, port in ports.items()},
            "env": env,
            "check": check,
            "volatile_check": volatile,
            "redis": redis_client,
            "cache_key": cache_key,
            "cache_value": cache_value,
            "database": database,
        }
    finally:
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        # Redis database REDIS_DB is this test's own: leave no cached pages behind.
        for key in redis_client.scan_iter("nashra:*"):
            redis_client.delete(key)
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=list(SERVERS))
def base(request, booted):
    return booted["bases"][request.param]


def test_deploy_checks_pass_with_the_operator_settings(booted):
    check = booted["check"]
    assert check.returncode == 0, check.stdout + check.stderr


def test_deploy_checks_warn_when_redis_would_lose_queued_votes(booted):
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    check = booted["volatile_check"]
    output = check.stdout + check.stderr
    if client.config_get("appendonly")["appendonly"] == "yes":
        assert check.returncode == 0, output  # a Redis that keeps its writes: no warning
        return
    assert check.returncode != 0, output
    assert "nashra.engagement.W001" in output and "identified 1 issue" in output, output


def test_healthz_reaches_postgresql_and_redis_over_plain_http(base):
    status, headers, body = _get(f"{base}/healthz")
    assert status == 200, body
    assert json.loads(body) == HEALTHY
    assert "no-store" in headers["Cache-Control"]


def test_a_page_is_served_and_then_answered_from_the_redis_page_cache(booted, base):
    url = f"{base}/en/"
    proxied = {"X-Forwarded-Proto": "https"}
    status, headers, body = _get(url, proxied)
    assert status == 200, body
    assert '<html lang="en" dir="ltr">' in body
    assert "Welcome to your new Wagtail site!" in body  # the page `migrate` creates
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    status, headers, again = _get(url, proxied)
    assert (status, headers["X-Cache"], again) == (200, "HIT", body)
    assert booted["redis"].keys("nashra:*")


def test_a_publish_in_another_process_reaches_every_worker_of_every_server_at_once(booted):
    """Workers hold the page cache's versions in memory, told of purges over Redis pub/sub
    (nashra.core.local_versions): the next request anywhere must show the change."""
    proxied = {"X-Forwarded-Proto": "https"}
    urls = [f"{base}/en/" for base in booted["bases"].values()]
    for _ in range(10):  # new connections, so each server's workers cache and hold it
        for url in urls:
            _get(url, proxied)
    assert all(_get(url, proxied)[1]["X-Cache"] == "HIT" for url in urls)
    title = f"Morning edition {uuid.uuid4().hex[:6]}"
    publish = _run(
        booted["env"],
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        (
            "from wagtail.models import Page; "
            "page = Page.objects.get(depth=2, locale__language_code='en').specific; "
            f"page.title = {title!r}; page.save_revision().publish()"
        ),
    )
    assert publish.returncode == 0, publish.stderr
    for _ in range(10):
        for url in urls:
            status, _headers, body = _get(url, proxied)
            assert status == 200 and title in body, url


SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
home = Page.objects.get(depth=2, locale__language_code="en")
page = home.add_child(instance=Page(title={title!r}, slug={slug!r}, live=False))
page.go_live_at = timezone.now() + timedelta(seconds=3)
page.save_revision().publish()
page.refresh_from_db()
assert not page.live
"""


def test_the_worker_publishes_a_scheduled_page_on_time(booted):
    """Nobody asks for the page before it is due (the safety net stays out of it): the worker
    alone makes it live, through every server."""
    slug = f"scheduled-{uuid.uuid4().hex[:8]}"
    title = f"Scheduled {slug}"
    schedule = _run(
        booted["env"],
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        SCHEDULE.format(title=title, slug=slug),
    )
    assert schedule.returncode == 0, schedule.stderr
    # When it went live, against when it was due (polling here is slow on a loaded machine).
    lateness = (
        "from wagtail.models import Page; "
        f"page = Page.objects.get(slug={slug!r}); "
        "print(page.live, (page.last_published_at - page.go_live_at).total_seconds() "
        "if page.live else '')"
    )
    started, live = time.monotonic(), ["False"]
    while live[0] != "True" and time.monotonic() - started < 90:
        time.sleep(1)
        check = _run(booted["env"], "manage.py", "shell", "--no-imports", "-c", lateness)
        live = check.stdout.split() if check.returncode == 0 else [check.stderr]
    assert live[0] == "True"
    assert 0 <= float(live[1]) < 2 + 5  # the tick's slot (2 s here) and a loaded machine
    proxied = {"X-Forwarded-Proto": "https"}
    urls = [f"{base}/en/{slug}/" for base in booted["bases"].values()]
    for url in urls:
        status, _headers, body = _get(url, proxied)
        assert status == 200 and title in body, url


def test_plain_http_pages_are_redirected_to_https(base):
    path = f"/en/probe-{uuid.uuid4().hex}/"  # never in the page cache: see the next test
    status, headers, _ = _get(f"{base}{path}")
    assert status == 301
    assert headers["Location"] == f"https://{base.removeprefix('http://')}{path}"


def test_a_cached_page_is_not_served_over_plain_http_when_ssl_redirect_is_on(base):
    url = f"{base}/en/"
    _get(url, {"X-Forwarded-Proto": "https"})  # cache it
    status, _, _ = _get(url)
    assert status == 301


def test_a_value_cached_through_django_is_in_redis(booted):
    stored = booted["redis"].get(f"nashra:1:{booted['cache_key']}")
    assert stored == str(booted["cache_value"]).encode()


# /healthz in process and with a database that cannot be opened -----------------------------


HEALTHY = {
    "status": "ok",
    "database": "ok",
    "cache": "ok",
    "front_cache_purges_pending": 0,
    "page_cache_purges_pending": 0,
    "mail_outbox": 0,
}


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_and_cache_answer():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == HEALTHY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend", ["nashra.core.resilient_cache.ResilientRedisCache", "django_redis.cache.RedisCache"]
)
def test_healthz_names_an_unreachable_cache_as_degraded_not_down(backend, caplog):
    """Every server shares one Redis, and the site reads without it: a 503 would make load
    balancers take every server out at once (docs/operators/degraded-mode.md)."""
    closed_port = free_port()  # nothing listens there
    unreachable = {
        "default": {
            "BACKEND": backend,
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {**HEALTHY, "status": "degraded", "cache": "unavailable"}
    assert "Redis cache unavailable" in caplog.text or "the cache is unavailable" in caplog.text
    assert str(closed_port) not in response.content.decode()  # details go to the log only


def test_healthz_answers_503_naming_an_unreachable_database(tmp_path):
    env = production_environment(
        clean=True,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path}/missing-directory/db.sqlite3",
        NASHRA_CACHE_DIR=str(tmp_path / "cache"),
    )
    result = _run(
        env,
        "-c",
        (
            "import django, json; django.setup(); from django.test import Client; "
            "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
        ),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    status, report = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert report == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "Health check: the database is unavailable" in result.stderr
