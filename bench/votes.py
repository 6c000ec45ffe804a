"""The reaction vote under load, as deployed: the production server (deploy/serve.py) and the
worker (deploy/worker.py) on PostgreSQL + Redis (a redis-server of its own, with appendonly yes
and appendfsync everysec as docs/operators/votes.md asks), and on SQLite alone (no Redis: the
database path). Each is reported against nginx serving the article as a static file, from the
same run, with p99 at --connections; then how fast the worker's flush empties a queue.

    python bench/votes.py --database-url postgres://postgres@127.0.0.1:5432/nashra_votes_bench

Writes a table to stdout and JSON to bench/results/votes-<timestamp>.json. Every vote is a new
reader (wrk keeps no cookie), so each one is a first vote: the heaviest case.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.run import PY, app_server, manage, nginx_static, post_script, wrk  # noqa: E402
from tests.support import (  # noqa: E402
    free_port,
    production_environment,
    scratch_database_url,
    wait_until_answering,
)

FLUSH_CHECK = """
import time
from nashra.engagement import vote_queue
from nashra.engagement.models import Reaction
store = vote_queue.store()
queued = store.pending_count()
before = Reaction.objects.count()
started = time.perf_counter()
store.flush()
elapsed = time.perf_counter() - started
print(queued, Reaction.objects.count() - before, elapsed)
"""


def redis_server(tmp):
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            tmp,
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
        ],
        stdout=subprocess.DEVNULL,
    )
    return process, f"redis://127.0.0.1:{port}/0"


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")
    manage(env, "engagement_load_demo")
    manage(env, "collectstatic", "--noinput")


def measure(label, env, args, tmp, static_url):
    """wrk on nginx-static, then on the vote; the server and worker running throughout."""
    base = f"http://127.0.0.1:{args.port}"
    log = open(Path(tmp) / f"{label}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(app_server("granian"), env=env, cwd=ROOT, stderr=log)
    worker = subprocess.Popen([PY, "deploy/worker.py"], env=env, cwd=ROOT, stderr=log)
    try:
        wait_until_answering(base + "/healthz", seconds=180)
        article, _path = article_of(env)
        url = f"{base}/en/engagement/articles/{article}/reaction/"
        script = post_script(
            tmp,
            "value=yes",
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": base,
                "Accept": "application/json",
            },
        )
        # Warm: every worker process learns the reply's headers and meets the article.
        wrk(url, argparse.Namespace(**{**vars(args), "duration": 2}), script=script)
        static = wrk(static_url, args, headers=["Accept-Encoding: gzip"])
        vote = wrk(url, args, script=script)
        row = {
            "nginx_static_rps": static["rps"],
            "vote_rps": vote["rps"],
            "ratio_to_nginx_static": round(vote["rps"] / (static["rps"] or 1), 4),
            "vote_p50_ms": vote["p50_ms"],
            "vote_p99_ms": vote["p99_ms"],
            "non_2xx": vote["non_2xx"],
        }
        if env.get("REDIS_URL"):
            # Flush throughput: the worker stopped, a queue filled by load, then one flush.
            worker.terminate()
            worker.wait(30)
            wrk(url, argparse.Namespace(**{**vars(args), "duration": 5}), script=script)
            out = subprocess.run(
                [PY, "-c", "import django; django.setup()\n" + FLUSH_CHECK],
                env=env,
                cwd=ROOT,
                check=True,
                text=True,
                capture_output=True,
            ).stdout.split()
            queued, written, seconds = int(out[0]), int(out[1]), float(out[2])
            row.update(
                flush_queued=queued,
                flush_written=written,
                flush_seconds=round(seconds, 3),
                flush_votes_per_second=round(written / seconds) if seconds else None,
            )
        return row
    finally:
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()
                process.wait(30)
        log.close()


def article_of(env):
    """The first English article's id and address."""
    return tuple(
        subprocess.run(
            [
                PY,
                "-c",
                "import django; django.setup()\n"
                "from nashra.news.models import ArticlePage\n"
                "a = ArticlePage.objects.live().filter(locale__language_code='en')"
                ".order_by('pk').first()\n"
                "print(a.pk, a.url)",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            text=True,
            capture_output=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", required=True, help="PostgreSQL (made afresh), for the Redis run"
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--nginx-port", type=int, default=8112)
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count())
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="nashra-votes-bench-")
    os.chmod(tmp, 0o755)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    common = {
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "MEDIA_ROOT": str(results / "media"),
        "NASHRA_PAGE_CACHE": "true",
        "NASHRA_VOTES_PER_ADDRESS_PER_MINUTE": "100000000",
        "NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY": "100000000",
        "WEB_CONCURRENCY": str(args.workers),
        "BIND": f"127.0.0.1:{args.port}",
        "PYTHONPATH": str(ROOT),
    }
    os.environ["DATABASE_URL"] = args.database_url  # scratch_database_url makes it afresh
    name = args.database_url.rsplit("/", 1)[1]
    pg = scratch_database_url(Path(tmp), name)
    redis_process, redis_url = redis_server(tmp)
    sqlite = f"sqlite:///{tmp}/votes.sqlite3"
    runs = {
        "postgresql_redis": production_environment(
            DATABASE_URL=pg or args.database_url,
            REDIS_URL=redis_url,
            NASHRA_CACHE_DIR=f"{tmp}/cache-pg",
            **common,
        ),
        "sqlite_only": production_environment(
            DATABASE_URL=sqlite, NASHRA_CACHE_DIR=f"{tmp}/cache-sqlite", **common
        ),
    }
    nginx = None
    report = {}
    try:
        for label, env in runs.items():
            print(f"Setting up {label} ...", file=sys.stderr)
            prepare(env)
            if nginx is None:
                base = f"http://127.0.0.1:{args.port}"
                server = subprocess.Popen(app_server("granian"), env=env, cwd=ROOT)
                try:
                    wait_until_answering(base + "/healthz", seconds=180)
                    html = wait_until_answering(base + article_of(env)[1], seconds=180)
                finally:
                    server.terminate()
                    server.wait(30)
                nginx = nginx_static(tmp, html, args.nginx_port)
                static_url = f"http://127.0.0.1:{args.nginx_port}/article.html"
                wait_until_answering(static_url)
            report[label] = measure(label, env, args, tmp, static_url)
    finally:
        if nginx is not None:
            nginx.terminate()
        redis_process.terminate()
    report["load_average_1min"] = os.getloadavg()[0]  # a busy machine slows every figure
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (results / f"votes-{stamp}.json").write_text(json.dumps(report, indent=2))
    print(f"{'run':18} {'req/s':>9} {'x nginx':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for label, row in report.items():
        if not isinstance(row, dict):
            continue
        print(
            f"{label:18} {row['vote_rps']:>9.0f} {row['ratio_to_nginx_static']:>8.3f} "
            f"{row['vote_p50_ms'] or 0:>8.1f} {row['vote_p99_ms'] or 0:>8.1f} {row['non_2xx']:>8}"
        )
        if "flush_votes_per_second" in row:
            print(
                f"  flush: {row['flush_written']} of {row['flush_queued']} queued votes in "
                f"{row['flush_seconds']} s ({row['flush_votes_per_second']}/s)"
            )


if __name__ == "__main__":
    main()
