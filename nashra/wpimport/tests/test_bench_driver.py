"""A smoke run of the import benchmark (bench/wp_import.py) on a tiny export: it must generate
the exports, run the dry run and both imports in processes of their own, see the re-run add
nothing and write its JSON. Figures themselves are not asserted (noisy)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_import_benchmark_smoke_run():
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    cmd = [sys.executable, "bench/wp_import.py", "--posts", "30", "--comments", "120"]
    cmd += ["--media-posts", "10"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        cmd += ["--database-url", os.environ["DATABASE_URL"]]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:] + result.stdout[-3000:]
    out = Path(result.stdout.strip().splitlines()[-1].removeprefix("JSON: "))
    report = json.loads(out.read_text())
    out.unlink()
    assert report["baseline"]["peak_rss_mib"] > 0
    assert report["dry_run"]["exit_code"] == 0 and report["dry_run"]["peak_rss_mib"] > 0
    first, rerun = report["without_media"]["runs"]
    assert first["added"]["articles"] > 0 and first["added"]["comments"] > 0
    assert first["added"]["images"] == 0  # no uploads: every attachment is a missing file
    assert report["without_media"]["rerun_added_nothing"], (first["added"], rerun["added"])
    (with_media,) = report["with_media"]["runs"]
    assert with_media["added"]["images"] > 0
    for run in (first, rerun, with_media):
        assert run["posts_per_s"] > 0 and run["peak_rss_mib"] > 0
