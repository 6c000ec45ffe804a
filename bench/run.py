"""Nashra's benchmark: the production server against nginx serving the same article as a
static file (this machine's physical limit), loaded with the same wrk settings on loopback.

    python bench/run.py                      # 20,000 articles, 200,000 comments, SQLite
    python bench/run.py --articles 200 --comments 500 --duration 3   # a smoke run
    python bench/votes.py --database-url postgres://...   # votes: PostgreSQL + Redis, SQLite alone

Writes a table to stdout and JSON to bench/results/<timestamp>.json. Every throughput is also
reported as a ratio to nginx-static from the same run, the only comparison that holds on a
noisy machine.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
sys.path.insert(0, str(ROOT))  # for tests/support.py, which the benchmark shares with the tests
import banner as bench_banner  # noqa: E402 - bench/banner.py

from bench import live_poll  # noqa: E402
from tests.support import production_environment, wait_until_answering  # noqa: E402

JS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")


def sh(cmd, env, **kw):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, text=True, capture_output=True, **kw)


def manage(env, *args):
    return sh([PY, "manage.py", *args], env)


def parse_wrk(output):
    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    total = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(total.group(1)) if total else 0,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def wrk(url, args, headers=(), script=None):
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], check=True, text=True, capture_output=True).stdout
    return parse_wrk(out)


def post_script(tmp, body, headers):
    path = Path(tmp) / f"post-{abs(hash(body))}.lua"
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def nginx_static(tmp, html, port):
    root = Path(tmp) / "static-site"
    root.mkdir()
    (root / "article.html").write_bytes(html)
    conf = Path(tmp) / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    default_type text/html;
  }}
}}
""")
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", tmp, "-g", "daemon off;"])


def nginx_front(tmp, env, app_port, port):
    """nginx as deployed (`manage.py nginx_config`): the front cache in front of the app."""
    cache = Path(tmp) / "front-cache"
    cache.mkdir()
    os.chmod(cache, 0o777)
    state = Path(tmp) / "front-cache-state"  # the breaking banner's versions (nginx_config)
    state.mkdir()
    os.chmod(state, 0o777)
    site = sh(
        [
            PY,
            "manage.py",
            "nginx_config",
            "--listen",
            f"127.0.0.1:{port}",
            "--upstream",
            f"127.0.0.1:{app_port}",
            "--cache-dir",
            str(cache),
        ],
        env,
    ).stdout
    (Path(tmp) / "front-site.conf").write_text(site)
    temp = "".join(
        f"  {kind}_temp_path {tmp}/front-{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = Path(tmp) / "front.conf"
    conf.write_text(
        f"load_module {JS_MODULE};\nworker_processes 2;\npid {tmp}/front.pid;\n"
        f"error_log {tmp}/front-error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n  access_log off;\n  sendfile on;\n  keepalive_requests 100000;\n{temp}"
        f"  include {tmp}/front-site.conf;\n}}\n"
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", tmp, "-g", "daemon off;"])


def app_server(kind):
    """The command of either server; both take BIND and WEB_CONCURRENCY from the environment."""
    if kind == "granian":  # the production server: Granian with the app preloaded
        return [PY, "deploy/serve.py"]
    return [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "nashra.wsgi"]


def worker_memory_mib(master_pid):
    """Per worker: the peak resident set (VmHWM, counting pages shared with the master in
    full) and the proportional set size now (PSS: shared pages divided among their sharers,
    what a worker really costs the machine)."""
    peaks, pss = [], []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            if f"PPid:\t{master_pid}\n" not in text:
                continue
            rollup = (status.parent / "smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", text)
        if match:
            peaks.append(int(match.group(1)) / 1024)
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        if match:
            pss.append(int(match.group(1)) / 1024)
    return {
        "peak_rss": round(max(peaks), 1) if peaks else None,
        "pss": round(max(pss), 1) if pss else None,
    }


RENDER_TIMER = """
import statistics, time
import django
django.setup()
from django.test import Client
from nashra.news.models import ArticlePage
article = ArticlePage.objects.live().filter(slug__startswith="bench-").order_by("-pk").first() \
    or ArticlePage.objects.live().first()
client = Client(HTTP_HOST="127.0.0.1")
assert client.get(article.url).status_code == 200
times = []
for _ in range(%(n)d):
    t = time.perf_counter(); client.get(article.url); times.append((time.perf_counter() - t) * 1000)
print(article.url, round(statistics.median(times), 2))
"""

PUBLISHER = """
import sys, time
import django
django.setup()
from nashra.news.models import ArticlePage
print(ArticlePage.objects.get(pk=%(pk)d).section.url, flush=True)
for n, line in enumerate(sys.stdin):  # one publish per line read, so the parent can watch each
    kind, title = line.strip().split(" ", 1)
    article = ArticlePage.objects.get(pk=%(pk)d)
    if kind == "new":  # an editor's new draft (copied), then its first publish
        article = article.copy(keep_live=False, update_attrs={
            "title": title, "slug": f"bench-new-{time.time_ns()}"})
    article.title = title
    started = time.time()
    article.save_revision().publish()
    print(started, time.time(), flush=True)
"""


def publish_to_visible(env, article_id, front_base, article_path, rounds=5):
    """Time, from the start of each publish to the first response through the front cache that
    shows it, `rounds` publishes of each kind, made in another process as an editor's publish
    in the admin: an edit (a new title for the article, seen on the article's page) and a new
    article's first publish (seen on its section's first page, which every ?page=N shifts
    behind). Returns, for each kind, the median, the worst and how long publish() took."""
    publisher = subprocess.Popen(
        [PY, "-c", PUBLISHER % {"pk": article_id}],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    section_path = urlsplit(publisher.stdout.readline().strip()).path
    report = {}
    try:
        for kind, path in (("edit", article_path), ("new", section_path)):
            visible, calls = [], []
            for n in range(rounds):
                title = f"Bench {kind} {n} {time.time():.0f}"
                publisher.stdin.write(f"{kind} {title}\n")
                publisher.stdin.flush()
                seen, deadline = None, time.monotonic() + 60
                while seen is None and time.monotonic() < deadline:
                    body = urllib.request.urlopen(front_base + path, timeout=5).read().decode()
                    if title in body:
                        seen = time.time()
                    else:
                        time.sleep(0.005)
                started, finished = map(float, publisher.stdout.readline().split())
                if seen is None:
                    return None
                visible.append((seen - started) * 1000)
                calls.append((finished - started) * 1000)
            visible.sort()
            report[kind] = {
                "median_ms": round(visible[len(visible) // 2], 1),
                "max_ms": round(visible[-1], 1),
                "publish_call_median_ms": round(sorted(calls)[len(calls) // 2], 1),
                "rounds": rounds,
            }
    finally:
        publisher.stdin.close()
        publisher.wait(60)
    return report


SCHEDULER = """
import sys, time
from datetime import UTC, datetime
import django
django.setup()
from nashra.news.models import ArticlePage
print(ArticlePage.objects.get(pk=%(pk)d).section.url, flush=True)
for line in sys.stdin:  # one scheduled article per line: "<due epoch> <title>"
    due, title = line.strip().split(" ", 1)
    article = ArticlePage.objects.get(pk=%(pk)d).copy(keep_live=False, update_attrs={
        "title": title, "slug": f"bench-scheduled-{time.time_ns()}"})
    article.go_live_at = datetime.fromtimestamp(float(due), tz=UTC)
    article.save_revision().publish()
    print("scheduled", flush=True)
"""


def scheduled_to_visible(env, article_id, front_base, rounds=5, ahead=4.0):
    """Time from the due time of a scheduled article (scheduled `ahead` seconds before) to the
    first response through the front cache that shows it, with only the server and the worker
    running: watched on its section's first page (a 200 all along), so no reader's 404 sets
    off the safety net and the worker alone publishes it."""
    scheduler = subprocess.Popen(
        [PY, "-c", SCHEDULER % {"pk": article_id}],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    section_path = urlsplit(scheduler.stdout.readline().strip()).path
    visible = []
    try:
        for n in range(rounds):
            title = f"Bench scheduled {n} {time.time():.0f}"
            due = time.time() + ahead
            scheduler.stdin.write(f"{due} {title}\n")
            scheduler.stdin.flush()
            scheduler.stdout.readline()
            seen = None
            while seen is None and time.time() < due + 120:
                body = urllib.request.urlopen(front_base + section_path, timeout=5).read().decode()
                if title in body:
                    seen = time.time()
                else:
                    time.sleep(0.02)
            if seen is None:
                return None
            visible.append((seen - due) * 1000)
    finally:
        scheduler.stdin.close()
        scheduler.wait(60)
    visible.sort()
    return {
        "median_ms": round(visible[len(visible) // 2], 1),
        "max_ms": round(visible[-1], 1),
        "rounds": rounds,
        "scheduled_ahead_s": ahead,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds of nginx-static "
        "and the front cache (each reported by its median round)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--nginx-port", type=int, default=8102)
    parser.add_argument("--front-port", type=int, default=8103, help="nginx front cache")
    parser.add_argument(
        "--server",
        choices=("granian", "gunicorn"),
        default="granian",
        help="the app server to measure: deploy/serve.py (Granian, the "
        "production default) or gunicorn with deploy/gunicorn.conf.py",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * os.cpu_count(),
        help="app server processes (default: two per core)",
    )
    parser.add_argument(
        "--live-pollers",
        type=int,
        default=1000,
        help="readers polling a live page in bench/live_poll.py (0: skip it)",
    )
    parser.add_argument("--keep", action="store_true", help="reuse an existing bench database")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated scenarios to load (nginx_static "
        "always runs, as the yardstick), e.g. --only cached_article,home",
    )
    parser.add_argument(
        "--breaking-day",
        action="store_true",
        help="then reads, polling, votes and comments all at once (bench/breaking_day.py)",
    )
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: `make bench-deps` installs it (Debian).")

    tmp = tempfile.mkdtemp(prefix="nashra-bench-")
    os.chmod(tmp, 0o755)  # nginx's workers run as an unprivileged user
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    db = args.database_url or f"sqlite:///{ROOT / 'bench' / 'results' / 'bench.sqlite3'}"
    if db.startswith("sqlite") and not args.keep:
        Path(db.removeprefix("sqlite:///")).unlink(missing_ok=True)
    env = production_environment(
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=str(results_dir / "media"),
        NASHRA_CACHE_DIR=f"{tmp}/cache",
        NASHRA_PAGE_CACHE="true",
        NASHRA_VOTES_PER_ADDRESS_PER_MINUTE="100000000",
        NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY="100000000",
        NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN="100000000",
        WEB_CONCURRENCY=str(args.workers),
        BIND=f"127.0.0.1:{args.port}",
        PYTHONPATH=str(ROOT),
        NASHRA_FRONT_CACHE_URL=f"http://127.0.0.1:{args.front_port}",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if args.breaking_day:  # its votes and comments each come from a reader's own address
        env["NASHRA_TRUSTED_PROXY_HEADER"] = "HTTP_X_FORWARDED_FOR"

    print(f"Setting up {db} ...", file=sys.stderr)
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")
    manage(env, "engagement_load_demo")
    subprocess.run(
        [PY, "bench/corpus.py", "--articles", str(args.articles), "--comments", str(args.comments)],
        env=env,
        cwd=ROOT,
        check=True,
    )
    manage(env, "collectstatic", "--noinput")

    render = sh([PY, "-c", RENDER_TIMER % {"n": 50}], env).stdout.split()
    article_path, render_ms = render[0], float(render[1])

    base = f"http://127.0.0.1:{args.port}"
    with open(f"{tmp}/server.log", "w") as server_log:
        server = subprocess.Popen(
            app_server(args.server), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=server_log
        )
        # The background worker, as `make demo` and production run it beside the server.
        worker = subprocess.Popen(
            [PY, "deploy/worker.py"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
        )
    nginx = front = unkeyed = None
    try:
        wait_until_answering(base + "/healthz", seconds=180)  # a loaded machine starts slowly
        front = nginx_front(tmp, env, args.port, args.front_port)
        front_base = f"http://127.0.0.1:{args.front_port}"
        wait_until_answering(front_base + "/healthz")
        unkeyed = bench_banner.unkeyed_front(tmp, args.front_port, args.front_port + 10)
        unkeyed_base = f"http://127.0.0.1:{args.front_port + 10}"
        wait_until_answering(unkeyed_base + "/healthz")
        html = wait_until_answering(base + article_path)
        nginx = nginx_static(tmp, html, args.nginx_port)
        wait_until_answering(f"http://127.0.0.1:{args.nginx_port}/article.html")
        article_id = int(re.search(rb"/engagement/articles/(\d+)/state/", html).group(1))
        gzip = ["Accept-Encoding: gzip"]
        scenarios = {
            "nginx_static": (f"http://127.0.0.1:{args.nginx_port}/article.html", gzip, None),
            "front_cached_article": (front_base + article_path, gzip, None),
            # The same front cache without the breaking banner in its keys (bench/banner.py).
            "front_cached_article_unkeyed": (unkeyed_base + article_path, gzip, None),
            "cached_article": (base + article_path, gzip, None),
            "uncached_article": (
                base + article_path,
                gzip + ["Cookie: sessionid=bench-bypass"],
                None,
            ),
            "home": (base + "/en/", gzip, None),
            # A search rendered every time (the session cookie bypasses the page cache), and
            # the same search repeated by anonymous readers: a page-cache hit under its
            # canonical query (docs/developers/caching.md), whatever the spelling.
            "search": (
                base + "/en/search/?q=harbour+council",
                gzip + ["Cookie: sessionid=bench-bypass"],
                None,
            ),
            "search_hot_query": (base + "/en/search/?q=Harbour+Council", gzip, None),
            "reaction_vote": (
                base + f"/en/engagement/articles/{article_id}/reaction/",
                [],
                post_script(
                    tmp,
                    "value=yes",
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Origin": base,
                        "Accept": "application/json",
                    },
                ),
            ),
            "comment_post": (
                base + f"/en/engagement/articles/{article_id}/comment/",
                [],
                post_script(
                    tmp,
                    "name=Bench&email=bench%40example.org&body=A+benchmark+comment&altcha=bm90LWEtc29sdXRpb24%3D",
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Origin": base,
                        "Accept": "application/json",
                    },
                ),
            ),
        }
        if args.only:
            wanted = {"nginx_static", *args.only.split(",")}
            unknown = wanted - set(scenarios)
            if unknown:
                sys.exit(f"Unknown scenarios: {', '.join(sorted(unknown))}")
            scenarios = {name: row for name, row in scenarios.items() if name in wanted}
        # Each cached scenario starts from a stored copy, as it would be after the first reader
        # (the front cache's copy is gzip, as wrk asks). Otherwise wrk's first requests all
        # render at once, and its latency correction turns that one stall into the p99.
        for _name, (url, headers, script) in scenarios.items():
            if script is None and "Cookie" not in " ".join(headers):
                urllib.request.urlopen(
                    urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers)),
                    timeout=60,
                ).read()
        report = {}
        # The yardstick and the front cache, nearly the same work for one nginx, swing widely
        # (docs/developers/benchmark.md) from one run to the next on a shared machine: they are
        # loaded in turn for `--rounds` rounds and each reported by its median round (all rounds
        # in the JSON).
        paired = [
            name
            for name in ("nginx_static", "front_cached_article", "front_cached_article_unkeyed")
            if name in scenarios
        ]
        rounds = {name: [] for name in paired}
        for n in range(args.rounds):
            for name in paired:
                url, headers, script = scenarios[name]
                print(f"wrk {name} (round {n + 1} of {args.rounds}) ...", file=sys.stderr)
                rounds[name].append(wrk(url, args, headers, script))
        for name, runs in rounds.items():
            report[name] = {
                **sorted(runs, key=lambda r: r["rps"])[len(runs) // 2],
                "rounds_rps": [r["rps"] for r in runs],
            }
        for name, (url, headers, script) in scenarios.items():
            if name not in paired:
                print(f"wrk {name} ...", file=sys.stderr)
                report[name] = wrk(url, args, headers, script)
        static_rps = report["nginx_static"]["rps"] or 1.0
        for row in report.values():
            row["ratio_to_nginx_static"] = round(row["rps"] / static_rps, 4)

        # Before the day: it leaves the live page the day's pollers read.
        live = live_poll.measure(env, front_base, args.live_pollers) if args.live_pollers else None
        day = None
        if args.breaking_day:
            from bench import breaking_day
            from bench.concurrency import Store

            print("breaking news day ...", file=sys.stderr)
            day = breaking_day.run(
                env=env,
                store=Store(db),
                app_base=base,
                front_base=front_base,
                article_path=article_path,
                article_id=article_id,
                tmp=tmp,
                seconds=args.duration,
                static_rps=static_rps,
            )
        published = publish_to_visible(env, article_id, front_base, article_path)
        scheduled = scheduled_to_visible(env, article_id, front_base)
        breaking = bench_banner.to_visible(env, {"front": front_base, "app": base})
        summary = {
            "corpus": {
                "articles": args.articles,
                "comments": args.comments,
                "database": db.split(":")[0],
            },
            "wrk": {
                "threads": args.threads,
                "connections": args.connections,
                "duration_s": args.duration,
            },
            "results": report,
            "uncached_render_python_ms_median": render_ms,
            "memory_per_worker_mib": worker_memory_mib(server.pid),
            "workers": int(env["WEB_CONCURRENCY"]),
            "server": args.server,
            # Through the front cache: purge in the app's cache and nginx, then a fresh render.
            "publish_to_visible": published,
            # Due time to first response through the front cache, published by the worker.
            "scheduled_to_visible": scheduled,
            # Save to visible (and removed to gone) on every page type, worst over rounds.
            "banner_to_visible": breaking,
            # Entry-to-seen at N polling readers and the origin's renders (bench/live_poll.py).
            "live_poll": live,
            "breaking_day": day,
        }
    finally:
        server.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
        for proxy in (nginx, front, unkeyed):
            if proxy:
                proxy.send_signal(signal.SIGQUIT)
        server.wait(20)
        for proxy in (nginx, front, unkeyed):
            if proxy:
                proxy.wait(20)
        shutil.rmtree(tmp, ignore_errors=True)

    out = results_dir / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(summary, indent=2))
    print(
        f"{'scenario':18} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'x nginx':>8} {'non-2xx':>8}"
    )
    for name, row in summary["results"].items():
        print(
            f"{name:18} {row['rps']:>10.0f} {row['p50_ms'] or 0:>8.2f} {row['p99_ms'] or 0:>8.2f} "
            f"{row['ratio_to_nginx_static']:>8.3f} {row['non_2xx']:>8}"
        )
    print(
        f"uncached render (Python, median): {summary['uncached_render_python_ms_median']} ms; "
        f"memory per worker (MiB): {summary['memory_per_worker_mib']} x {summary['workers']}; "
        f"publish-to-visible (ms): {summary['publish_to_visible']}; "
        f"scheduled-to-visible (ms): {summary['scheduled_to_visible']}; "
        f"banner-to-visible, worst (ms): "
        + str(
            {
                where: (rows["set_max_ms"], rows["removed_max_ms"])
                for where, rows in summary["banner_to_visible"].items()
                if where not in ("rounds", "save_ms")
            }
        )
    )
    if "search_hot_query" in summary["results"]:
        hot = summary["results"]["search_hot_query"]["ratio_to_nginx_static"]
        print(f"search hot query through the app: {hot:.3f}x nginx-static (target 0.3x)")
    print(f"live polling: {summary['live_poll']}")
    if summary["breaking_day"]:
        from bench import breaking_day

        breaking_day.print_report(summary["breaking_day"])
    print(f"JSON: {out}")
    return summary


if __name__ == "__main__":
    main()
