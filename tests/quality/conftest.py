"""One production-like Nashra server for the page-quality checks (tests/quality/), and the
tools they need: the Nu HTML checker (npm vnu-jar, run by Java), Lighthouse (npm lighthouse)
and Debian's Chromium.

The server is the demo as `make demo` serves it: nashra.settings.demo (DEBUG off, the page
cache, hashed and compressed static files, media served) behind deploy/serve.py, on a scratch
SQLite database loaded with the demo. Only two settings differ (tests/quality/settings.py):
static files are collected into this run's own directory, and listings hold three articles so
a section has a page 2. The checks do not depend on the database backend, so the PostgreSQL
pass leaves them out (the Makefile's test-postgres runs `-m "not quality"`).

A missing tool fails the run in CI (CI=true) and skips the checks, saying which, elsewhere.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.support import free_port, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Headless Chromium as the container allows: no sandbox (root), no GPU, /tmp not /dev/shm, and
# nothing fetched from Google's servers in the background.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


def missing_tools():
    """What the checks need and this machine lacks, with how to get it."""
    missing = []
    if not shutil.which("java"):
        missing.append("java (apt-get install openjdk-17-jre-headless)")
    if not shutil.which("node"):
        missing.append("node (apt-get install nodejs npm)")
    if not VNU_JAR.is_file() or not LIGHTHOUSE.exists():
        missing.append("vnu-jar and lighthouse (make browsers: npm ci)")
    if not os.access(CHROME, os.X_OK):
        missing.append(f"Chromium at {CHROME} (apt-get install chromium, or set CHROME_PATH)")
    return missing


@pytest.fixture(scope="session")
def quality_tools():
    missing = missing_tools()
    if missing:
        message = "page-quality checks need: " + "; ".join(missing)
        if IN_CI:
            pytest.fail(message + ". CI requires them.", pytrace=False)
        pytest.skip(message + " (skipped outside CI; CI=true makes this fatal)")


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


@pytest.fixture(scope="session")
def quality_site(quality_tools):
    """The server's base address and {language: {page type: path}} for every public page type
    (tests/quality/pages.py picks them from the demo's content)."""
    tmp = Path(tempfile.mkdtemp(prefix="nashra-quality-"))
    port = free_port()
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.quality.settings",
            "PYTHONPATH": str(ROOT),
            "BIND": f"127.0.0.1:{port}",
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
            "SECRET_KEY": "quality-" + uuid.uuid4().hex,
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "NASHRA_CACHE_DIR": str(tmp / "cache"),
            "NASHRA_QUALITY_STATIC_ROOT": str(tmp / "static"),
        }
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "news_load_demo", "--no-editor")
    _manage(env, "engagement_load_demo")
    _manage(env, "update_index")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    pages = json.loads(
        _manage(env, "shell", "--no-imports", "-v", "0", "-c", (HERE / "pages.py").read_text())
        .strip()
        .splitlines()[-1]
    )
    base = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "deploy/serve.py"],
            env=env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_answering(f"{base}/healthz", server, log, seconds=60)
        yield {"base": base, "pages": pages}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def page_list(site, lighthouse=False):
    """[(name, absolute URL)], a name being language-type (en-front, ar-tag, ...). Lighthouse
    scores no 404 response: it gets the 404 page as served with status 200 instead."""
    left_out = "not-found" if lighthouse else "not-found-for-lighthouse"
    return [
        (f"{lang}-{kind}", site["base"] + path)
        for lang, kinds in sorted(site["pages"].items())
        for kind, path in kinds.items()
        if kind != left_out
    ]


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
