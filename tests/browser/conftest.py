"""A real Nashra server for the browser tests: its own database, migrated and loaded with
the demo, served by a separate process exactly as a reader's browser would reach it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
ADMIN_USER, ADMIN_PASSWORD = "browser-admin", "browser-admin-pw-7419"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / 'browser.sqlite3'}"
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = f"{cfg['NAME']}_browser"
    with psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"], user=cfg["USER"] or None, dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nashra.settings.test",
        "DATABASE_URL": _database_url(tmp),
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput"],
        ["news_load_demo", "--no-editor"],
        ["engagement_load_demo"],
        ["createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "a@example.org"],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, capture_output=True)
    port = _free_port()
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((tmp / "server.log").read_text())
            time.sleep(0.3)
    yield {"url": base, "env": env}
    server.terminate()
    server.wait(10)


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backend = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"

    def take(page, name, **kwargs):
        path = ARTIFACTS / f"{name}-{backend}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return take


def site_shell(live_site, code):
    """Run Python in the live site's Django (its database) and return what it prints."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-v", "0", "-c", code],
        env=live_site["env"], cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return result.stdout.strip()


def admin_login(page, base):
    """Log the browser tests' superuser into the Wagtail admin."""
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", ADMIN_USER)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
