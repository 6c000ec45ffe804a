"""The fault script's core in seconds, on the database of this pass (SQLite or PostgreSQL):
its own Redis killed and restarted during reads and writes, the production server restarted
during posting, the mail server down then back. The script checks its own targets (0 5xx, 0
empty error pages, 0 lost, pages read with Redis down, the cache back by itself, mail kept)
and exits non-zero on a miss; here each target must also have been exercised."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support import scratch_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_faults_quick_run(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    url = scratch_database_url(tmp_path, "nashra_faults_quick")
    result = subprocess.run(
        [
            sys.executable,
            "bench/faults.py",
            "--phase-seconds",
            "2",
            "--no-measure",
            "--database-url",
            url,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1].removeprefix("JSON: "))
    assert report["database"] == ("postgres" if url.startswith("postgres") else "sqlite")
    assert all(report["checks"].values()) and len(report["checks"]) >= 11, report["checks"]
    assert report["server_errors"] == 0 and report["empty_errors"] == 0
    assert report["stored"]["lost"] == 0
    assert report["accepted"]["comments"] > 0 and report["accepted"]["votes"] > 0
    assert report["stored"]["comments"] >= report["accepted"]["comments"]
    assert report["bypass_reads"] > 0
