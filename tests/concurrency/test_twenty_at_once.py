"""Twenty simultaneous requests against the production server (4 processes x 5 threads, on
this pass's database and the real Redis), through bench/concurrency.py: every cap, duplicate
and double submit decided exactly, nothing lost, and no error from concurrent Arabic searches."""

import json
import subprocess
import sys
from pathlib import Path

from tests.support import free_port, redis_or_skip, redis_test_url, scratch_database_url

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = [  # (replies, stored), in the order the script runs the cases
    ({"new": 10, "daily cap": 10}, 10),  # votes past the daily cap
    ({"new": 20}, 20),  # votes from 20 readers
    ({"new": 1, "duplicate": 19}, 1),  # the same text with 20 new form tokens
    ({"new": 1, "duplicate": 19}, 1),  # one form sent 20 times: never "captcha already used"
    ({"new": 1, "duplicate": 19}, 1),  # its token reused on another article: a new comment there
    ({"new": 20}, 20),  # comments from 20 readers
    ({"new": 30, "rate limit": 30}, 30),  # 60 votes in 5 s, 30 a minute
    ({"new": 20}, 20),  # Arabic searches: 200, with the results of a one-thread server
]


def test_twenty_simultaneous_requests_are_decided_exactly(tmp_path):
    redis_or_skip(redis_test_url(12))
    out = tmp_path / "concurrency.json"
    result = subprocess.run(
        [
            sys.executable,
            "bench/concurrency.py",
            "--quick",
            "--port",
            str(free_port()),
            "--json",
            str(out),
            "--database-url",
            scratch_database_url(tmp_path, "nashra_concurrency_test"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.exists(), result.stderr[-3000:]
    summary = json.loads(out.read_text())
    figures = [(row["replies"], row["stored"]) for row in summary["cases"]]
    assert figures == EXPECTED, result.stdout
    assert [row["wrong"] for row in summary["cases"]] == [0] * len(EXPECTED)
    assert summary["server_errors"] == []
    assert result.returncode == 0, result.stdout
