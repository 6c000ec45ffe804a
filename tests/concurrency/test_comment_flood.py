"""A comment flood against the production server (4 processes x 5 threads, on this pass's
database and the real Redis), through bench/comment_flood.py: every post accepted and stored,
or refused with a sentence in its language (503, Retry-After) and, without JavaScript, the
reader's text back in the form; never a 5xx, never "accepted" without its comment; and the
comment queue loads and an approval takes meanwhile. Then the same with the database
refusing writes (a lock held by another connection): every post refused, none lost, and each
accepted when sent again after."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (
    free_port,
    redis_or_skip,
    redis_test_url,
    scratch_database_url,
    scratch_name,
)

ROOT = Path(__file__).resolve().parents[2]


def _flood(tmp_path, *args):
    redis_or_skip(redis_test_url(10))
    out = tmp_path / "flood.json"
    result = subprocess.run(
        [
            sys.executable,
            "bench/comment_flood.py",
            "--port",
            str(free_port()),
            "--redis-url",
            redis_test_url(10),
            "--json",
            str(out),
            "--database-url",
            scratch_database_url(tmp_path, scratch_name("comment_flood")),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    return result, json.loads(out.read_text())


def _every_post_has_a_clear_outcome(summary):
    assert summary["problems"] == {}, summary["problems"]
    assert set(summary["replies"]) <= {"accepted", "refused 503", "refused 429"}
    assert summary["accepted"] == summary["stored_after_flood"]  # no "accepted" unstored
    assert summary["server_errors"] == []
    loads = summary["queue_loads"]
    assert loads and all(row["status"] == 200 and row["lists"] for row in loads)
    approvals = summary["approvals"]
    assert approvals and all(
        row["status"] == 302 and row["stored"] == "approved" for row in approvals
    )


def test_a_flood_of_comments_is_accepted_or_refused_clearly(tmp_path):
    # A short line and wait, so that the flood is both accepted and refused.
    result, summary = _flood(tmp_path, "--count", "160", "--waiting", "1", "--wait-seconds", "2")
    _every_post_has_a_clear_outcome(summary)
    assert summary["accepted"] > 0 and summary["stored"] == summary["accepted"]
    for lang in ("en", "ar"):
        for path in ("json", "html"):
            assert any(key.startswith(f"{lang}/{path}/") for key in summary["by_language_and_path"])
    assert summary["misses"] == [] and result.returncode == 0, result.stdout


@pytest.mark.parametrize("count", [40])
def test_with_the_database_refusing_writes_every_post_is_refused_then_accepted(tmp_path, count):
    result, summary = _flood(tmp_path, "--hold-lock", "--count", str(count), "--wait-seconds", "2")
    _every_post_has_a_clear_outcome(summary)
    assert summary["replies"] == {"refused 503": count}
    refused = summary["by_language_and_path"]
    assert {key.rsplit("/", 1)[0] for key in refused} == {
        "en/json",
        "en/html",
        "ar/json",
        "ar/html",
    }
    # Sent again once the lock is gone (in rounds, as a full line refuses some again): each
    # accepted and stored, none twice.
    assert summary["resent"]["replies"] == {"accepted": count}
    assert summary["resent"]["problems"] == []
    assert summary["stored"] == count
    assert summary["misses"] == [] and result.returncode == 0, result.stdout
