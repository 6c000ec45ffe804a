"""Real worker processes on a scratch database of the run's kind (a SQLite file, or PostgreSQL):
several racing one tick slot run it once; two workers draining one queue run each task once;
and a worker with a short tick publishes a scheduled page on time, with nobody asking."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import production_environment, scratch_database_url, scratch_name

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("newsroom")
    env = production_environment(
        DJANGO_SETTINGS_MODULE="nashra.settings.test",
        DATABASE_URL=scratch_database_url(tmp, scratch_name("newsroom")),
    )
    _python(env, "manage.py", "migrate", "--noinput")
    return env, tmp


def _python(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


RACER = """
import sys, time
import django
django.setup()
from django.utils.dateparse import parse_datetime
from nashra.newsroom import tick
start, at = float(sys.argv[1]), parse_datetime(sys.argv[2])
time.sleep(max(start - time.time(), 0))  # every racer claims at the same instant
print("ran" if tick.run(now=at, worker=sys.argv[3]) else "skipped")
"""


@pytest.mark.parametrize("slot", ["2031-03-04T06:00:10+00:00", "2031-03-04T06:01:30+00:00"])
def test_workers_racing_one_tick_slot_run_it_once(scratch, slot):
    env, _ = scratch
    start = time.time() + 4  # after every racer has started Django
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(start), slot, f"racer-{n}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    outcomes = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err[-3000:]
        outcomes.append(out.strip().splitlines()[-1])
    assert sorted(outcomes) == ["ran", "skipped", "skipped", "skipped"]


ENQUEUE = """
import sys
import django
django.setup()
from nashra.newsroom.tests.probe_tasks import record_run
for _ in range(int(sys.argv[1])):
    record_run.enqueue(sys.argv[2])
"""


def test_two_workers_draining_one_queue_run_each_task_once(scratch):
    env, tmp = scratch
    log = tmp / "runs.log"
    _python(env, "-c", ENQUEUE, "40", str(log))
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "newsroom_worker", "--batch", "--interval", "0.05"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=180)[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    runs = log.read_text().split()
    assert len(runs) == 40 and len(set(runs)) == 40
    counts = _python(
        env,
        "-c",
        "import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.successful().count(), DBTaskResult.objects.count())",
    )
    assert counts.split() == ["40", "40"]


SCHEDULE = """
import sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from wagtail.models import Page
home = Page.objects.get(depth=2)
page = home.add_child(instance=Page(title="Worker scheduled", slug="worker-scheduled", live=False))
page.go_live_at = timezone.now() + timedelta(seconds=float(sys.argv[1]))
page.save_revision().publish()
page.refresh_from_db()
assert not page.live
print(page.pk, page.go_live_at.timestamp())
"""

TICKS = (
    "import django; django.setup(); from nashra.newsroom.models import Tick; "
    "print(Tick.objects.count())"
)
LIVE = """
import sys
import django
django.setup()
from wagtail.models import Page
page = Page.objects.get(pk=int(sys.argv[1]))
print(page.live, page.last_published_at.timestamp() if page.live else "")
"""


def test_a_worker_with_a_short_tick_publishes_a_scheduled_page_on_time(scratch):
    env, _ = scratch
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "newsroom_worker", "--tick-seconds", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ticks = "0"
        while ticks == "0" and worker.poll() is None:  # the worker has started and ticked
            time.sleep(0.5)
            ticks = _python(env, "-c", TICKS).strip()
        pk, due = _python(env, "-c", SCHEDULE, "4").split()
        deadline, live = time.time() + 60, ["False"]
        while time.time() < deadline and live[0] != "True":
            time.sleep(0.5)
            live = _python(env, "-c", LIVE, pk).split()
    finally:
        worker.terminate()
        output = worker.communicate(timeout=60)[0]
    assert live[0] == "True", output
    # On time, to the tick's precision (2 s here; the test settings' cache is per process, so
    # the worker learns of the schedule at its next tick) and a loaded machine's margin.
    assert float(due) <= float(live[1]) <= float(due) + 2 + 3
    assert worker.returncode == 0, output  # SIGTERM stops it cleanly
