"""Three imports of one export at once, as separate processes on one database (a scratch one
of the kind this pass tests): together they make exactly what one import makes."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import scratch_database_url, scratch_name

from .helpers import NEWSROOM, UPLOADS

ROOT = Path(__file__).resolve().parents[3]
RUNS = 3
COUNT = (
    "from nashra.news.models import ArticlePage, StandardPage, SectionPage, AuthorPage;"
    "from nashra.engagement.models import Comment;"
    "from nashra.images.models import NashraImage;"
    "from wagtail.contrib.redirects.models import Redirect;"
    "from nashra.wpimport.models import ImportedObject;"
    "print(*[m.objects.count() for m in (ArticlePage, StandardPage, SectionPage, AuthorPage,"
    " Comment, NashraImage, Redirect, ImportedObject)])"
)


def _database(tmp, name):
    tmp.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nashra.settings.test",
        "DATABASE_URL": scratch_database_url(tmp, scratch_name(name)),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        manage + ["migrate", "--noinput"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    return env, manage


def _counts(env, manage):
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
    return subprocess.run(manage + ["shell", "--no-imports", "-c", COUNT], **run).stdout.split()


def _import(env, manage, report):
    return subprocess.Popen(
        manage
        + ["news_import_wordpress", str(NEWSROOM), "--uploads-dir", str(UPLOADS)]
        + ["--report", str(report), "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_imports_at_once_make_what_one_import_makes(tmp_path):
    env, manage = _database(tmp_path / "one", "wpone")
    alone = _import(env, manage, tmp_path / "alone.json")
    _out, err = alone.communicate(timeout=300)
    assert alone.returncode == 0, err[-3000:]
    expected = _counts(env, manage)

    env, manage = _database(tmp_path / "many", "wpmany")
    runs = [_import(env, manage, tmp_path / f"run{n}.json") for n in range(RUNS)]
    for run in runs:
        _out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-5000:]
    assert _counts(env, manage) == expected
    reports = [json.loads((tmp_path / f"run{n}.json").read_text()) for n in range(RUNS)]
    created = sum(r["counts"]["post"].get("created", 0) for r in reports)
    single = json.loads((tmp_path / "alone.json").read_text())
    assert created == single["counts"]["post"]["created"]
    for report in reports:  # each run still gives every post one outcome
        assert report["counts"]["post"].get("failed", 0) == 0, [
            line["reason"]
            for line in report["lines"]
            if line["outcome"] == "failed" and line["kind"] == "post"
        ]
        assert sum(report["counts"]["post"].values()) == sum(single["counts"]["post"].values())
        assert report["counts"]["post"].get("failed", 0) == 0, report["lines"]
