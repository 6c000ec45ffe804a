"""A smoke run of the benchmark harness on a tiny corpus: it must set up, load both servers,
measure every scenario and write its JSON. Figures themselves are not asserted (noisy)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import scratch_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_smoke_run(tmp_path):
    for tool in ("nginx", "wrk"):
        assert shutil.which(tool), f"{tool} missing: `make bench-deps` installs it"
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [
            sys.executable,
            "bench/run.py",
            "--articles",
            "30",
            "--comments",
            "100",
            "--duration",
            "3",
            "--connections",
            "4",
            "--rounds",
            "2",
            "--port",
            "8131",
            "--nginx-port",
            "8132",
            "--front-port",
            "8133",
            "--database-url",
            scratch_database_url(tmp_path, "nashra_bench_smoke"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = Path(result.stdout.strip().splitlines()[-1].removeprefix("JSON: "))
    summary = json.loads(out.read_text())
    out.unlink()
    assert summary["corpus"]["database"] == _expected_scheme()
    expected = {
        "nginx_static",
        "front_cached_article",
        # The same page through an nginx without the breaking banner's version in its key,
        # in the same rounds: what the banner key costs a hit (bench/banner.py).
        "front_cached_article_unkeyed",
        "cached_article",
        "uncached_article",
        "home",
        "search",
        # The same search repeated: a page-cache hit under its canonical query.
        "search_hot_query",
        "reaction_vote",
        "comment_post",
    }
    assert set(summary["results"]) == expected
    # Every scenario must complete requests; 3 s with 4 connections leaves room for a slow
    # render (search, uncached article) on a loaded CI machine, where 1 s did not.
    assert all(row["requests"] > 0 for row in summary["results"].values()), summary["results"]
    assert summary["results"]["cached_article"]["non_2xx"] == 0
    assert summary["results"]["search_hot_query"]["non_2xx"] == 0
    for paired in ("nginx_static", "front_cached_article"):  # loaded in turn, median round
        rounds = summary["results"][paired]["rounds_rps"]
        assert len(rounds) == 2 and summary["results"][paired]["rps"] in rounds
    assert summary["results"]["front_cached_article"]["non_2xx"] == 0
    assert summary["results"]["reaction_vote"]["non_2xx"] == 0
    assert summary["uncached_render_python_ms_median"] > 1
    published = summary["publish_to_visible"]
    assert published is not None, "a publish never became visible through the front cache"
    for kind in ("edit", "new"):  # a new title on the article; a new article on its section
        assert published[kind]["rounds"] == 5 and 0 < published[kind]["median_ms"] < 1000
    assert summary["memory_per_worker_mib"]["peak_rss"] and summary["memory_per_worker_mib"]["pss"]


def _expected_scheme():
    return "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
