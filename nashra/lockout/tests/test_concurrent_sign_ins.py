"""Twenty wrong passwords sent at once to a real threaded server: the account is checked
at most AXES_FAILURE_LIMIT times, on SQLite and PostgreSQL (a scratch database of the
kind this pass tests)."""

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.support import free_port, scratch_database_url, scratch_name, wait_until_answering

ROOT = Path(__file__).resolve().parents[3]
USERNAME, PASSWORD = "concurrent-editor", "concurrent-pw-5517"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lockout")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nashra.lockout.tests.server_settings",
        "DATABASE_URL": scratch_database_url(tmp, scratch_name("lockout")),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "NASHRA_TEST_PASSWORD_CHECKS": str(tmp / "password-checks.log"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput"],
        ["createsuperuser", "--noinput", "--username", USERNAME, "--email", "c@example.org"],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, capture_output=True)
    port = free_port()
    with open(tmp / "server.log", "w") as log:
        process = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    wait_until_answering(base + "/healthz", process, tmp / "server.log")
    yield {"base": base, "checks": tmp / "password-checks.log"}
    process.terminate()
    process.wait(10)


def _login_form(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/admin/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return opener, token


def _post(opener, base, token, password):
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": USERNAME,
            "password": password,
            "next": "/admin/",
        }
    ).encode()
    try:
        return opener.open(base + "/admin/login/", data, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def _checks(server):
    return len(server["checks"].read_text().splitlines()) if server["checks"].exists() else 0


def test_twenty_simultaneous_wrong_passwords_are_checked_at_most_the_limit(server):
    base, limit = server["base"], settings.AXES_FAILURE_LIMIT
    before = _checks(server)
    forms = [_login_form(base) for _ in range(20)]
    start, statuses = threading.Barrier(20), []

    def guess(opener, token):
        start.wait()
        statuses.append(_post(opener, base, token, "wrong"))

    threads = [threading.Thread(target=guess, args=form) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    # Every reply refuses; what matters is how many guesses had their password checked:
    # one of them could have been right. Without one sign-in at a time per account, all
    # twenty pass the lockout check before the first failure is recorded.
    checked = _checks(server) - before
    print("concurrent statuses:", sorted(statuses), "passwords checked:", checked)
    assert len(statuses) == 20 and set(statuses) <= {200, 429}
    assert checked == limit
    assert statuses.count(429) == 20 - (limit - 1)
    opener, token = _login_form(base)
    assert _post(opener, base, token, PASSWORD) == 429  # still locked, right password or not
    assert _checks(server) - before == limit  # refused before its password was looked at
