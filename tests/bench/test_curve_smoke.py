"""A smoke run of the growth curve on two tiny sizes: it must grow one database, keep a
snapshot at each size, measure every metric at each size in alternating rounds, remove the
snapshots and write its JSON. Figures themselves are not asserted (noisy)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import scratch_database_url

ROOT = Path(__file__).resolve().parents[2]
METRICS = {"article", "home", "section", "search", "search_en", "search_ar", "index"}


def test_curve_smoke_run(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    url = scratch_database_url(tmp_path, "nashra_curve_smoke")
    result = subprocess.run(
        [
            sys.executable,
            "bench/curve.py",
            "--sizes",
            "30,60",
            "--comments-per-article",
            "2",
            "--samples",
            "10",
            "--rounds",
            "2",
            "--database-url",
            url,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = Path(result.stdout.strip().splitlines()[-1].removeprefix("JSON: "))
    report = json.loads(out.read_text())
    out.unlink()
    expected_db = (
        "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert report["database"] == expected_db and report["rounds"] == 2
    assert result.stderr.count("Measuring 30 articles (round") == 2
    assert not (tmp_path / "nashra_curve_smoke-30.sqlite3").exists()  # the snapshot is gone
    if expected_db == "postgres":
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres") as conn:
            assert (
                conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = 'nashra_curve_smoke_30'"
                ).fetchone()
                is None
            )
    small, large = report["runs"]
    assert (small["articles"], large["articles"]) == (30, 60)
    assert large["articles_live_total"] > small["articles_live_total"]
    assert large["comments"] > small["comments"]
    for run in (small, large):
        assert set(run["metrics"]) == METRICS and run["rounds"] == 2
        for figures in run["metrics"].values():
            assert figures["samples"] > 0
            assert 0 < figures["p50_ms"] <= figures["p95_ms"]
            assert 0 < figures["cpu_p50_ms"] <= figures["cpu_p95_ms"]
        assert set(run["growth"]) == METRICS
        assert all(ratio > 0 for g in run["growth"].values() for ratio in g.values())
    assert set(small["growth"]["search"].values()) == {1.0}
