"""How Nashra's latency grows with the size of the archive.

    python bench/curve.py                         # 1,000 → 20,000 → 100,000 articles, SQLite
    python bench/curve.py --sizes 1000,20000 --database-url postgres://postgres@127.0.0.1/nashra_curve

Grows one database through each size in turn (`bench/corpus.py` adds only the missing
articles and comments), keeping a snapshot of it at each size, then measures the sizes in
alternating rounds (`--rounds`), so that a machine slowing down or speeding up during the
run weighs on every size alike. Each measurement runs in-process with Django's test client
against the production settings and without the page cache: article (a different one each
time), home and section renders with nothing cached (the shared cache is emptied before each,
as after a publish), search in both languages over a fixed set of single- and multi-word
queries (warm, each ranked afresh), and the time to index an article (its text analysed and
written to the search index). Prints a table and writes JSON to
bench/results/curve-<timestamp>.json, every figure also as a ratio to the first size.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from run import PY, ROOT, manage

sys.path.insert(0, str(ROOT))  # for tests/support.py, which the benchmark shares with the tests
from tests.support import production_environment

SEARCH_TARGET_P95_MS = 50
METRICS = ("article", "home", "section", "search", "search_en", "search_ar", "index")

# Drawn from bench/corpus.py's vocabulary (every article of an edition holds most of these
# words, so these are broad queries), plus a few that name one article by its number.
QUERIES = {
    "en": [
        "council",
        "harbour",
        "election",
        "hospital",
        "museum",
        "fishermen",
        "tariffs",
        "harbour council",
        "police inquiry",
        "water drought",
        "minister budget report",
        "school train festival",
        "elected ministers",
        "market 4",
        "museum 16",
    ],
    "ar": [
        "الميناء",
        "البلدية",
        "الانتخابات",
        "المستشفى",
        "المتحف",
        "الصيادين",
        "مستشفيات",
        "الميناء البلدية",
        "الشرطة التحقيق",
        "المياه الجفاف",
        "الوزير الموازنة التقرير",
        "المدرسة القطار المهرجان",
        "انتخابات الرسوم",
        "السوق 5",
        "المتحف 17",
    ],
}


def percentile(values, pct):
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]  # nearest rank


def summary(samples):
    wall, cpu = [w for w, _c in samples], [c for _w, c in samples]
    return {
        "p50_ms": round(statistics.median(wall), 2),
        "p95_ms": round(percentile(wall, 95), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "samples": len(samples),
    }


def measure(samples, round_no=0):
    """Runs inside a fresh process with the bench settings; returns the figures of one size."""
    import django

    django.setup()
    from django.core.cache import caches
    from django.test import Client
    from wagtail.search.backends import get_search_backend

    from nashra.engagement.models import Comment
    from nashra.news.models import ArticlePage, HomePage, SectionPage
    from nashra.search.signal_handlers import purge_search

    client = Client(HTTP_HOST="127.0.0.1")
    shared = caches["default"]

    def forget():
        """Empty the shared cache: with Redis only Nashra's keys (its prefix), not the database."""
        if hasattr(shared, "delete_pattern"):
            shared.delete_pattern("*")
        else:
            shared.clear()

    def cold(url):
        forget()
        return timed(url)

    def timed(url):
        """Wall time, and this process's CPU time (which includes SQLite's work but not a
        PostgreSQL server's): the steadier figure on a shared machine."""
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    bench = ArticlePage.objects.live().filter(slug__startswith="bench-")
    count = bench.count()
    rnd = random.Random(f"{count}-{round_no}")  # other articles each round
    wanted = {f"bench-{i}" for i in rnd.sample(range(count), min(count, samples + 5))}
    urls = [a.url for a in bench.filter(slug__in=wanted).select_related("locale")]
    rnd.shuffle(urls)
    for url in urls[:5]:  # compile templates
        timed(url)
    # Pages render cold, as for the first reader after a publish: nothing cached at all.
    figures = {"article": [cold(url) for url in urls[5:]]}
    homes = [h.url for h in HomePage.objects.live()]
    sections = [s.url for s in SectionPage.objects.live().order_by("path")]
    for name, pages, rounds in (("home", homes, 20), ("section", sections, 4)):
        for url in pages:
            timed(url)
        figures[name] = [cold(url) for _ in range(rounds) for url in pages]
    forget()

    # Search ranks afresh each time: the edition's search address is purged before each
    # query, as by a publish, so the ranking cached beneath the results pages
    # (nashra.search.caching) does not answer; the site, edition and templates stay warm.
    per_query = {}
    for lang, queries in QUERIES.items():
        urls = [f"/{lang}/search/?q={q}" for q in queries]
        for url in urls:
            timed(url)
        figures[f"search_{lang}"] = []
        for _ in range(3):
            for query, url in zip(queries, urls, strict=True):
                purge_search(lang)
                elapsed = timed(url)
                figures[f"search_{lang}"].append(elapsed)
                per_query.setdefault(query, []).append(elapsed[0])
    figures["search"] = figures["search_en"] + figures["search_ar"]
    # Index time per article: the text analysis of its words and the index write, as a
    # publish does (`update_index` does the same per article).
    backend = get_search_backend()
    figures["index"] = []
    for article in bench.filter(slug__in=wanted)[:samples]:
        started, cpu = time.perf_counter(), time.process_time()
        backend.add(article)
        figures["index"].append(
            ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
        )
    return {
        "load_average_1m": round(os.getloadavg()[0], 2),
        "articles": count,
        "articles_live_total": ArticlePage.objects.live().count(),
        "comments": Comment.objects.count(),
        "figures": figures,
        "per_query": per_query,
    }


def combine(rounds):
    """One size's figures over its rounds: every sample counts, the load average is the mean."""
    first = rounds[0]
    figures = {name: [tuple(s) for r in rounds for s in r["figures"][name]] for name in METRICS}
    per_query = {}
    for r in rounds:
        for query, times in r["per_query"].items():
            per_query.setdefault(query, []).extend(times)
    slowest = max(per_query, key=lambda q: statistics.median(per_query[q]))
    return {
        "load_average_1m": round(statistics.mean(r["load_average_1m"] for r in rounds), 2),
        "articles": first["articles"],
        "articles_live_total": first["articles_live_total"],
        "comments": first["comments"],
        "rounds": len(rounds),
        "metrics": {name: summary(figures[name]) for name in METRICS},
        "slowest_query": {"q": slowest, "p50_ms": round(statistics.median(per_query[slowest]), 2)},
    }


def snapshot(db, size):
    """A copy of the database as it is at `size` articles, to measure later; its URL."""
    if db.startswith("sqlite"):
        import sqlite3

        source = Path(db.removeprefix("sqlite:///"))
        target = source.with_name(f"{source.stem}-{size}.sqlite3")
        target.unlink(missing_ok=True)
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)  # consistent whatever sits in the WAL
        return f"sqlite:///{target}"
    name = db.rsplit("/", 1)[1] + f"_{size}"
    with _pg_admin(db) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db.rsplit("/", 1)[1]}"')
    return db.rsplit("/", 1)[0] + "/" + name


def drop_snapshot(db):
    if db.startswith("sqlite"):
        Path(db.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    with _pg_admin(db) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1]}" WITH (FORCE)')


def _pg_admin(db):
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(db)
    return psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def bench_env(db, redis_url):
    results_dir = ROOT / "bench" / "results"
    env = production_environment(
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=str(results_dir / "curve-media"),
        NASHRA_CACHE_DIR=str(
            results_dir / "curve-cache" / hashlib.sha1(db.encode()).hexdigest()[:10]
        ),
        NASHRA_CACHE_KEY_PREFIX="curve-" + hashlib.sha1(db.encode()).hexdigest()[:10],
        NASHRA_PAGE_CACHE="false",
        PYTHONPATH=str(ROOT),
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def static_is_fresh():
    """The production settings need collectstatic's manifest; skip rebuilding an up-to-date one."""
    manifest = ROOT / "static_collected" / "staticfiles.json"
    sources = [ROOT / "requirements.lock", *(ROOT / "nashra" / "static").rglob("*")]
    return manifest.exists() and manifest.stat().st_mtime > max(p.stat().st_mtime for p in sources)


def growth(runs):
    base = runs[0]["metrics"]
    for run in runs:
        run["growth"] = {
            name: {
                k: round(run["metrics"][name][f"{k}_ms"] / max(base[name][f"{k}_ms"], 0.01), 2)
                for k in ("p50", "p95", "cpu_p50", "cpu_p95")
            }
            for name in METRICS
        }


def print_table(report):
    runs = report["runs"]
    print(f"{'':22}" + "".join(f"{run['articles']:>18,}" for run in runs))
    print(f"{'generate (s)':22}" + "".join(f"{run['generate_s']:>18.1f}" for run in runs))
    for name in METRICS:
        for k in ("p50", "p95", "cpu_p95"):
            cells = "".join(
                f"{run['metrics'][name][f'{k}_ms']:>10.1f} (x{run['growth'][name][k]:<4.2f})"
                for run in runs
            )
            print(f"{name + ' ' + k.replace('_', ' ') + ' ms':22}{cells}")
    print(
        f"{'load average (1 min)':22}" + "".join(f"{run['load_average_1m']:>18.2f}" for run in runs)
    )
    last = runs[-1]
    search = last["metrics"]["search"]
    verdict = "meets" if search["p95_ms"] < SEARCH_TARGET_P95_MS else "MISSES"
    print(
        f"search p95 at {last['articles']:,} articles: {search['p95_ms']} ms wall, "
        f"{search['cpu_p95_ms']} ms CPU "
        f"({verdict} the {SEARCH_TARGET_P95_MS} ms target); slowest query: "
        f"{last['slowest_query']['q']!r} {last['slowest_query']['p50_ms']} ms"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,20000,100000", help="article counts, ascending")
    parser.add_argument("--comments-per-article", type=int, default=10)
    parser.add_argument("--samples", type=int, default=50, help="articles rendered per size")
    parser.add_argument("--database-url", default="", help="default: bench/results/curve.sqlite3")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument(
        "--keep", action="store_true", help="grow the existing SQLite file instead of a new one"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating measurement rounds over the sizes' snapshots",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--round-no", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.samples, args.round_no)))
        return None

    sizes = [int(s) for s in args.sizes.split(",")]
    if sizes != sorted(sizes):
        sys.exit("--sizes must be ascending: the corpus only grows.")
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    db = args.database_url or f"sqlite:///{results_dir / 'curve.sqlite3'}"
    if db.startswith("sqlite") and not args.keep:
        Path(db.removeprefix("sqlite:///")).unlink(missing_ok=True)
    env = bench_env(db, args.redis_url)

    print(f"Setting up {db} ...", file=sys.stderr)
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")
    manage(env, "engagement_load_demo")
    if not static_is_fresh():
        manage(env, "collectstatic", "--noinput")
    snapshots = {}
    generated = {}
    try:
        for size in sizes:
            print(f"Growing to {size:,} articles ...", file=sys.stderr)
            started = time.monotonic()
            subprocess.run(
                [
                    PY,
                    "bench/corpus.py",
                    "--articles",
                    str(size),
                    "--comments",
                    str(size * args.comments_per_article),
                ],
                env=env,
                cwd=ROOT,
                check=True,
            )
            generated[size] = round(time.monotonic() - started, 1)
            # The largest size is measured in the database itself; the others in a copy.
            snapshots[size] = db if size == sizes[-1] else snapshot(db, size)
        measured = {size: [] for size in sizes}
        for round_no in range(args.rounds):
            for size in sizes:
                print(
                    f"Measuring {size:,} articles (round {round_no + 1} of {args.rounds}) ...",
                    file=sys.stderr,
                )
                out = subprocess.run(
                    [
                        PY,
                        "bench/curve.py",
                        "--measure",
                        "--samples",
                        str(args.samples),
                        "--round-no",
                        str(round_no),
                    ],
                    env=bench_env(snapshots[size], args.redis_url),
                    cwd=ROOT,
                    check=True,
                    text=True,
                    capture_output=True,
                ).stdout
                measured[size].append(json.loads(out.strip().splitlines()[-1]))
                if measured[size][-1]["articles"] != size:
                    sys.exit(
                        f"The database holds {measured[size][-1]['articles']:,} bench articles, "
                        f"not {size:,}: start from a smaller or empty database."
                    )
    finally:
        for _size, url in snapshots.items():
            if url != db:
                drop_snapshot(url)
    runs = [
        {"size": size, "generate_s": generated[size], **combine(measured[size])} for size in sizes
    ]

    report = {
        "database": db.split(":")[0],
        "redis": bool(args.redis_url),
        "comments_per_article": args.comments_per_article,
        "search_target_p95_ms": SEARCH_TARGET_P95_MS,
        "rounds": args.rounds,
        "queries": QUERIES,
        "runs": runs,
    }
    growth(runs)
    out = results_dir / f"curve-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_table(report)
    print(f"JSON: {out}")
    return report


if __name__ == "__main__":
    main()
