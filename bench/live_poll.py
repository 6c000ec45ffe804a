"""Live coverage under load: simulated readers poll a live page's updates through the nginx
front cache while an editor adds entries (docs/developers/live-updates.md).

Each poller is one kept-alive HTTP/1.1 connection that asks for /<lang>/live/<page>/updates/
<cursor>/ every interval from a random phase, as static/js/live.js does. A writer process adds
an entry every few seconds (off the interval's grid). Reported: for each (poller, entry), the
time from the entry's commit to the poll that brought it (p50, p95, max), and the origin's
renders: responses that reached the app (nginx did not answer from its copy) and that the app
rendered (its page cache did not have it either), per updates address and per interval.

    python bench/live_poll.py                        # its own server and front cache, SQLite
    python bench/live_poll.py --pollers 200 --duration 30   # a smoke run
    python bench/run.py ... --live-pollers 1000      # as part of the whole benchmark
"""

import argparse
import asyncio
import gzip
import json
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

WRITER = """
import json, sys, time
from datetime import timedelta
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from nashra.live.models import LiveEntry, LivePage
from nashra.live.signals import entry_changed
from nashra.live.updates import bucket, poll_seconds
from nashra.news.models import ArticlePage
section = ArticlePage.objects.live().filter(locale__language_code="%(lang)s").first().section
page = LivePage(title="Bench live coverage", slug=f"bench-live-{time.time_ns()}",
                standfirst="Polling readers", body=[],
                coverage_start=timezone.now() - timedelta(minutes=5))
section.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({"id": page.pk, "cursor": bucket(time.time()), "interval": poll_seconds()}),
      flush=True)
for line in sys.stdin:  # one entry per line read
    with transaction.atomic():
        entry = LiveEntry.objects.create(page=page, title=line.strip(),
                                         body=[("paragraph", "<p>A benchmark update.</p>")])
    committed = time.time()
    entry_changed.send(sender=LiveEntry, page=page, entry=entry)
    print(json.dumps({"id": entry.pk, "committed": committed}), flush=True)
"""


async def _request(reader, writer, host, path):
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n"
        "Accept-Encoding: gzip\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:  # chunked
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            body += await reader.readexactly(size + 2)
            if not size:
                break
            body = body[:-2]
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return status, headers, body


class Stats:
    def __init__(self):
        self.seen = {}  # entry id -> [seen epoch per poller]
        self.requests = 0
        self.errors = 0
        self.front = {}  # X-Front-Cache state -> count
        self.renders = {}  # path -> renders
        self.origin = {}  # path -> requests that reached the app
        self.paths = set()


async def poller(host, port, lang, page_id, cursor, interval, until, stats):
    reader, writer = await asyncio.open_connection(host, port)
    known = {}  # entry id -> updated
    await asyncio.sleep(random.uniform(0, interval))
    try:
        while time.time() < until:
            started = time.monotonic()
            path = f"/{lang}/live/{page_id}/updates/{cursor}/"
            try:
                status, headers, body = await _request(reader, writer, host, path)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                stats.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            now = time.time()
            stats.requests += 1
            stats.paths.add(path)
            state = headers.get("x-front-cache", "NONE")
            stats.front[state] = stats.front.get(state, 0) + 1
            if state != "HIT":
                stats.origin[path] = stats.origin.get(path, 0) + 1
                if headers.get("x-cache") != "HIT":
                    stats.renders[path] = stats.renders.get(path, 0) + 1
            if status == 200:
                data = json.loads(body)
                cursor = data["cursor"]
                for entry in data["entries"]:
                    if entry["id"] not in known:
                        stats.seen.setdefault(entry["id"], []).append(now)
                    known[entry["id"]] = entry["updated"]
            else:
                stats.errors += 1
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        writer.close()


def _percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else None


async def _run(front_base, env, pollers, duration, lang, every):
    host_port = front_base.split("//", 1)[1]
    host, port = host_port.split(":")
    writer = subprocess.Popen(
        [PY, "-c", WRITER % {"lang": lang}],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        page = json.loads(writer.stdout.readline())
        interval = page["interval"]
        stats = Stats()
        started = time.time()
        until = started + duration
        tasks = [
            asyncio.create_task(
                poller(host, int(port), lang, page["id"], page["cursor"], interval, until, stats)
            )
            for _ in range(pollers)
        ]
        committed = {}
        await asyncio.sleep(interval * 1.5)  # every poller has started
        loop = asyncio.get_running_loop()
        while time.time() < until - 2 * interval:
            writer.stdin.write(f"Bench update {len(committed)}\n")
            writer.stdin.flush()
            row = json.loads(await loop.run_in_executor(None, writer.stdout.readline))
            committed[row["id"]] = row["committed"]
            await asyncio.sleep(every)
        await asyncio.gather(*tasks)
        elapsed = time.time() - started
    finally:
        writer.stdin.close()
        writer.wait(30)

    delays = [
        seen - committed[entry_id]
        for entry_id, times in stats.seen.items()
        if entry_id in committed
        for seen in times
    ]
    expected = len(committed) * pollers
    renders = sum(stats.renders.values())
    return {
        "pollers": pollers,
        "interval_s": interval,
        "duration_s": round(elapsed, 1),
        "entries_added": len(committed),
        "requests": stats.requests,
        "requests_per_s": round(stats.requests / elapsed, 1),
        "errors": stats.errors,
        "seen_of_expected": f"{len(delays)}/{expected}",
        "entry_to_seen_p50_s": round(_percentile(delays, 0.5), 2) if delays else None,
        "entry_to_seen_p95_s": round(_percentile(delays, 0.95), 2) if delays else None,
        "entry_to_seen_max_s": round(max(delays), 2) if delays else None,
        "front_cache_states": stats.front,
        "updates_addresses": len(stats.paths),
        "origin_requests": sum(stats.origin.values()),
        "origin_renders": renders,
        # Renders per address polled (a bucket's cursor): 1 when nothing changes; each change
        # adds one for the address being polled then.
        "renders_per_address_max": max(stats.renders.values(), default=0),
        "renders_per_interval": round(renders / (elapsed / interval), 2),
        "changes_per_interval": round(len(committed) / (elapsed / interval), 2),
    }


def measure(env, front_base, pollers=1000, duration=90, lang="ar", every=7.3):
    """Run the pollers and the writer against the stack at front_base (nginx in front of the
    app, as bench/run.py starts them); `env` is the app's environment, for the writer."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, pollers + 256)), hard))
    print(f"live polling: {pollers} pollers for {duration}s ...", file=sys.stderr)
    return asyncio.run(_run(front_base, env, pollers, duration, lang, every))


def main():
    sys.path.insert(0, str(ROOT))
    from bench.run import app_server, manage, nginx_front
    from tests.support import production_environment, wait_until_answering

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pollers", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=90, help="seconds of polling")
    parser.add_argument("--lang", default="ar", choices=("en", "ar"))
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--front-port", type=int, default=8113)
    args = parser.parse_args()
    if not shutil.which("nginx"):
        sys.exit("nginx is missing: `make bench-deps` installs it (Debian).")
    tmp = tempfile.mkdtemp(prefix="nashra-live-bench-")
    Path(tmp).chmod(0o755)
    db = args.database_url or f"sqlite:///{tmp}/live.sqlite3"
    env = production_environment(
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=f"{tmp}/media",
        NASHRA_CACHE_DIR=f"{tmp}/cache",
        NASHRA_PAGE_CACHE="true",
        WEB_CONCURRENCY=str(args.workers),
        BIND=f"127.0.0.1:{args.port}",
        PYTHONPATH=str(ROOT),
        NASHRA_FRONT_CACHE_URL=f"http://127.0.0.1:{args.front_port}",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    print(f"Setting up {db} ...", file=sys.stderr)
    for command in (
        ("migrate", "--noinput"),
        ("news_load_demo", "--no-editor"),
        ("collectstatic", "--noinput"),
    ):
        manage(env, *command)
    with open(f"{tmp}/server.log", "w") as log:
        server = subprocess.Popen(
            app_server("granian"), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
        )
    front = None
    try:
        wait_until_answering(f"http://127.0.0.1:{args.port}/healthz", seconds=180)
        front = nginx_front(tmp, env, args.port, args.front_port)
        front_base = f"http://127.0.0.1:{args.front_port}"
        wait_until_answering(front_base + "/healthz")
        result = measure(env, front_base, args.pollers, args.duration, args.lang)
    finally:
        server.send_signal(signal.SIGTERM)
        if front:
            front.send_signal(signal.SIGQUIT)
            front.wait(20)
        server.wait(20)
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
