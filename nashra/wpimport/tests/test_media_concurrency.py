"""Imports running at once, as separate processes on one database (a scratch one of the kind
this pass tests): each file still becomes one image and each origin one ImportedObject."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import scratch_database_url, scratch_name

from .media_helpers import image_bytes

ROOT = Path(__file__).resolve().parents[3]
RUNS = 4


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("media-concurrency")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nashra.settings.test",
        "DATABASE_URL": scratch_database_url(tmp, scratch_name("wpmedia")),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True}
    subprocess.run(manage + ["migrate", "--noinput"], **run)
    create = (
        "from nashra.wpimport.models import ImportSource;"
        "ImportSource._default_manager.create(site_url='https://old.example')"
    )
    subprocess.run(manage + ["shell", "--no-imports", "-c", create], **run)
    return env, tmp


def test_imports_at_once_make_one_image_per_file(database):
    env, tmp = database
    folder = tmp / "uploads" / "2024" / "05"
    folder.mkdir(parents=True)
    red = image_bytes(colour=(200, 30, 30))
    (folder / "red.jpg").write_bytes(red)
    (folder / "red-copy.jpg").write_bytes(red)
    (folder / "blue.jpg").write_bytes(image_bytes(colour=(30, 30, 200)))
    go = tmp / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "nashra.wpimport.tests.media_worker"]
            + [str(tmp / "uploads"), str(tmp / "media"), str(go)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(RUNS)
    ]
    go.write_text("go")
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))

    ids = {tuple(result["ids"]) for result in results}
    assert len(ids) == 1, results  # every run ended on the same images
    (red_one, red_two, blue) = ids.pop()
    assert red_one == red_two and blue and blue != red_one
    # each run accounts for both attachments and the inline address; exactly one run says
    # it created each (the others found it, before or by losing the claim)
    counts = [result["report"]["counts"] for result in results]
    assert all(sum(c["attachment"].values()) == 2 for c in counts), counts
    assert sum(c["attachment"].get("created", 0) for c in counts) == 2, counts
    assert sum(c["media_url"].get("created", 0) for c in counts) == 1, counts

    check = (
        "from nashra.images.models import NashraImage;"
        "from nashra.wpimport.models import ImportedObject;"
        "print(NashraImage.objects.count(), ImportedObject.objects.count())"
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
    out = subprocess.run(manage + ["shell", "--no-imports", "-c", check], **run).stdout.split()
    # 2 images; rows: 2 attachments, the 2 red addresses, blue's original and its sized address
    assert out == ["2", "6"]
    assert len(list((tmp / "media" / "original_images").iterdir())) == 2  # losers' files gone
