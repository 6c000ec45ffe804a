"""A real Nashra server for the browser tests: its own database, migrated and loaded with
the demo, served by a separate process exactly as a reader's browser would reach it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import free_port, scratch_database_url, scratch_name, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
ADMIN_USER, ADMIN_PASSWORD = "browser-admin", "browser-admin-pw-7419"


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nashra.settings.test",
        "DATABASE_URL": scratch_database_url(tmp, scratch_name("browser")),
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
        # Every journey that comments does so from 127.0.0.1: more than the five comments per
        # address in ten minutes a reader may post (nashra/settings/test.py).
        "NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN": "100",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput"],
        ["news_load_demo", "--no-editor"],
        ["engagement_load_demo"],
        ["createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "a@example.org"],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, capture_output=True)
    port = free_port()
    with open(tmp / "server.log", "w") as log:
        server = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + "/healthz", server, tmp / "server.log")
    yield {"url": base, "env": env}
    server.terminate()
    server.wait(10)


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backend = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )

    def take(page, name, **kwargs):
        path = ARTIFACTS / f"{name}-{backend}.png"
        page.screenshot(path=str(path), **kwargs)
        return path

    return take


def site_shell(live_site, code):
    """Run Python in the live site's Django (its database) and return what it prints."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-v", "0", "-c", code],
        env=live_site["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def admin_login(page, base):
    """Log the browser tests' superuser into the Wagtail admin."""
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", ADMIN_USER)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
