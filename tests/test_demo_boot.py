"""`make demo` as a new user runs it: the demo settings on SQLite, the demo content loaded as
the Makefile loads it, served by the production server (deploy/serve.py) with two workers.

One server boot for the module; setup (migrate, the demo, collectstatic) takes most of it.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import free_port

# The demo is SQLite's (whatever DATABASE_URL the run has): the PostgreSQL pass need not repeat it.
pytestmark = pytest.mark.skipif(
    os.environ.get("NASHRA_TEST_DATABASE") == "postgresql",
    reason="the demo runs on SQLite; the SQLite pass boots it",
)
ROOT = Path(__file__).resolve().parents[1]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _get(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _serve(env, base, log):
    process = subprocess.Popen(
        [sys.executable, "deploy/serve.py"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.seek(0)
                pytest.fail(f"deploy/serve.py did not answer /healthz:\n{log.read()[-4000:]}")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def demo():
    tmp = Path(tempfile.mkdtemp(prefix="nashra-demo-"))
    port = free_port()
    # What the Makefile exports, and nothing else from this shell: every other setting must
    # come from nashra/settings/demo.py's defaults. (A fixed key: the default would write
    # .demo-secret-key into the checkout.)
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "nashra.settings.demo",
            "PORT": str(port),
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "SECRET_KEY": "demo-boot-test-" + uuid.uuid4().hex,
            "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "NASHRA_CACHE_DIR": str(tmp / "cache"),
        }
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "news_load_demo", "--no-editor")
    _manage(env, "engagement_load_demo")
    _manage(env, "live_load_demo")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    settings = json.loads(
        _manage(
            env,
            "shell",
            "--no-imports",
            "-v",
            "0",
            "-c",
            (
                "import json; from django.conf import settings as s; print(json.dumps({"
                "'DEBUG': s.DEBUG, 'PAGE_CACHE': s.NASHRA_PAGE_CACHE, "
                "'CACHE': s.CACHES['default']['BACKEND'], 'SSL_REDIRECT': s.SECURE_SSL_REDIRECT, "
                "'SECURE_COOKIES': s.SESSION_COOKIE_SECURE, '2FA': s.NASHRA_2FA_REQUIRED, "
                "'STATIC': s.STORAGES['staticfiles']['BACKEND']}))"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        server = _serve(env, base, log)
        try:
            yield {"base": base, "env": env, "settings": settings}
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    subprocess.run(["rm", "-rf", str(tmp)], check=False)


def _newest_article(base):
    status, _, body = _get(f"{base}/sitemap-news.xml")
    assert status == 200
    return ET.fromstring(body).find(f"{SITEMAP}url/{SITEMAP}loc").text


def test_the_demo_runs_the_production_settings_with_local_defaults(demo):
    assert demo["settings"] == {
        "DEBUG": False,
        "PAGE_CACHE": True,
        "CACHE": "django.core.cache.backends.filebased.FileBasedCache",  # no Redis needed
        "SSL_REDIRECT": False,  # plain http on this machine
        "SECURE_COOKIES": False,
        "2FA": "off",  # the demo editor signs in with the printed password
        "STATIC": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


@pytest.mark.parametrize(
    "language, direction, title",
    [
        ("ar", "rtl", "الصفحة غير موجودة"),
        ("en", "ltr", "Page not found"),
    ],
)
def test_an_unknown_address_gets_the_readers_404_in_its_language(demo, language, direction, title):
    status, headers, body = _get(f"{demo['base']}/{language}/no-such-page-{uuid.uuid4().hex}/")
    html = body.decode()
    assert status == 404
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f"<title>{title} · " in html
    assert "Using the URLconf" not in html and "DEBUG = True" not in html  # Django's debug page
    assert headers["Content-Type"].startswith("text/html")


def test_an_article_is_cached_after_its_first_request(demo):
    url = _newest_article(demo["base"])
    status, headers, first = _get(url)
    assert (status, headers["X-Cache"]) == (200, "MISS")
    status, headers, again = _get(url)
    assert (status, headers["X-Cache"], again) == (200, "HIT", first)


def test_static_files_and_demo_pictures_are_served(demo):
    _, _, body = _get(_newest_article(demo["base"]))
    html = body.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    status, headers, css = _get(demo["base"] + stylesheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css") and css
    assert "immutable" in headers["Cache-Control"]  # hashed names, as in production
    picture = re.search(r'src="(/media/images/[^"]+\.jpg)"', html).group(1)
    status, headers, jpeg = _get(demo["base"] + picture)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert jpeg.startswith(b"\xff\xd8")


def test_the_news_sitemap_lists_the_newest_articles(demo):
    status, headers, body = _get(f"{demo['base']}/sitemap-news.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    urls = ET.fromstring(body).findall(f"{SITEMAP}url")
    assert urls
    now = datetime.now(UTC)
    for url in urls:
        assert url.find(f"{SITEMAP}loc").text.startswith(demo["base"] + "/")
        news = url.find(f"{NEWS}news")
        assert news.find(f"{NEWS}publication/{NEWS}name").text
        assert news.find(f"{NEWS}publication/{NEWS}language").text in ("en", "ar")
        assert news.find(f"{NEWS}title").text
        published = datetime.fromisoformat(news.find(f"{NEWS}publication_date").text)
        assert now - timedelta(days=2) <= published <= now


def test_a_publish_in_another_process_is_seen_by_every_worker_at_once(demo):
    url = f"{demo['base']}/en/"
    for _ in range(8):  # new connections: both workers serve it from the cache
        _get(url)
    assert _get(url)[1]["X-Cache"] == "HIT"
    tagline = f"Tagline {uuid.uuid4().hex[:8]}"
    _manage(
        demo["env"],
        "shell",
        "--no-imports",
        "-c",
        (
            "from nashra.news.models import HomePage; "
            "page = HomePage.objects.get(locale__language_code='en'); "
            f"page.tagline = {tagline!r}; page.save_revision().publish()"
        ),
    )
    for _ in range(8):
        status, _, body = _get(url)
        assert status == 200 and tagline in body.decode()
