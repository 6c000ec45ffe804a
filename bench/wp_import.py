"""The WordPress import benchmark: throughput and peak memory of `manage.py
news_import_wordpress` on a generated bilingual export (bench/wxr_generate.py).

    python bench/wp_import.py                  # 20,000 posts + 100,000 comments; 2,000 with media
    python bench/wp_import.py --posts 200 --comments 1000 --media-posts 50   # a smoke run
    python bench/wp_import.py --database-url postgres://postgres@127.0.0.1:5432/nashra_wpbench
    python bench/wp_import.py --export site.xml --uploads-dir wp-uploads/   # a real site's export

Phases, each the command in a process of its own on the production settings, timed from start
to exit, its peak resident memory read from the kernel when it exits (wait4's ru_maxrss, that
process alone) and its resident memory sampled every half second meanwhile. A bare
`manage.py check` is measured the same way: the memory any Django process holds, the yardstick.

- dry run: `--dry-run` over the large export (the streaming parse and the analysis; nothing
  written), the figure for "a 200 MB export in bounded memory";
- without media: the large export imported into a fresh database with an empty --uploads-dir,
  so every attachment is a missing upload (a line in the report) and no image is stored;
- re-run: the same file again, which must change nothing (the counts of pages, images,
  comments and redirects are compared);
- with media: a smaller export (--media-posts) whose every attachment has its JPEG in the
  uploads directory, imported into another fresh database.

Exports are kept in bench/results/ and reused when one with the same parameters, written by the
same version of the generator, is there (the generator is deterministic). Prints a table;
writes JSON to bench/results/wp-import-<timestamp>.json.
"""

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import PY, ROOT, manage
from wxr_generate import generate

sys.path.insert(0, str(ROOT))  # for tests/support.py, which the benchmark shares with the tests
from tests.support import production_environment

COMMAND = "news_import_wordpress"
RESULTS = ROOT / "bench" / "results"

COUNTER = """
import json
import django
django.setup()
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
from nashra.wpimport.models import ImportedObject
kinds = {}
for kind in ImportedObject.objects.values_list("kind", flat=True):
    kinds[kind] = kinds.get(kind, 0) + 1
print(json.dumps({
    "articles": ArticlePage.objects.count(),
    "articles_live": ArticlePage.objects.live().count(),
    "images": get_image_model().objects.count(),
    "comments": Comment.objects.count(),
    "redirects": Redirect.objects.count(),
    "imported_objects": kinds,
}))
"""


def bench_env(db, media_root, cache_dir):
    return production_environment(
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=str(media_root),
        NASHRA_CACHE_DIR=str(cache_dir),
        NASHRA_CACHE_KEY_PREFIX="wpbench",
        NASHRA_PAGE_CACHE="false",
        PYTHONPATH=str(ROOT),
    )


def fresh_database(url, name):
    """An empty database for one import: a SQLite file in bench/results (recreated), or, given
    a PostgreSQL URL, a database of that name beside it (dropped and created)."""
    if not url.startswith("postgres"):
        path = RESULTS / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        host=cfg["HOST"],
        port=cfg["PORT"] or None,
        user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def export_for(posts, comments, seed, media):
    """The export for these parameters, generated unless already in bench/results; with media,
    also its uploads directory. Returns (path, uploads_dir, summary)."""
    stem = f"wp-{posts}p-{comments}c-s{seed}" + ("-media" if media else "")
    path, uploads = RESULTS / f"{stem}.xml", RESULTS / f"{stem}-uploads"
    summary_path = RESULTS / f"{stem}.json"
    # Reused only if written by this version of the generator.
    version = hashlib.sha1((ROOT / "bench" / "wxr_generate.py").read_bytes()).hexdigest()[:12]
    if path.exists() and summary_path.exists() and (uploads.exists() or not media):
        summary = json.loads(summary_path.read_text())
        if summary.get("generator") == version:
            print(f"Reusing {path.name}", file=sys.stderr)
            return path, uploads, summary
    print(f"Generating {path.name} ...", file=sys.stderr)
    shutil.rmtree(uploads, ignore_errors=True)
    uploads.mkdir(parents=True)  # empty without media: every attachment is a missing upload
    summary = generate(
        path,
        posts=posts,
        comments=comments,
        seed=seed,
        polylang=True,
        with_media=-1 if media else None,
        uploads_dir=str(uploads),
    )
    summary["generator"] = version
    summary_path.write_text(json.dumps(summary, indent=2))
    return path, uploads, summary


def count_export(path):
    """What an export holds, counted the way the generator's summary does."""
    from lxml import etree

    counts = {"posts": 0, "pages": 0, "attachments": 0, "comments": 0}
    kinds = {"post": "posts", "page": "pages", "attachment": "attachments"}
    for _event, item in etree.iterparse(
        str(path), tag="item", resolve_entities=False, no_network=True, huge_tree=True, recover=True
    ):
        # Older exports use the 1.1 or 1.0 namespace: match the local names.
        post_type = next((c.text for c in item if etree.QName(c).localname == "post_type"), None)
        if post_type in kinds:
            counts[kinds[post_type]] += 1
        counts["comments"] += sum(1 for c in item if etree.QName(c).localname == "comment")
        item.clear()
        while item.getprevious() is not None:
            del item.getparent()[0]
    counts["bytes"] = Path(path).stat().st_size
    counts["seconds"] = None  # not generated
    return counts


def rss_kib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def measured(cmd, env, log_path):
    """Run cmd to its end: wall seconds, exit code, peak RSS (MiB) of that process alone (the
    kernel's, from wait4) and the resident memory sampled every 0.5 s."""
    with open(log_path, "w") as log:
        started = time.monotonic()
        process = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        samples = []
        while True:
            # wait4 rather than Popen.poll(): it hands back this child's own resource usage.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            rss = rss_kib(process.pid)
            if rss:
                samples.append((round(time.monotonic() - started, 1), round(rss / 1024, 1)))
            time.sleep(0.5)
        wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(wall, 2),
        "exit_code": process.returncode,
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "rss_samples_mib": samples[:: max(1, len(samples) // 60)],  # at most about 60 points
        "log": str(log_path),
    }


def counts(env):
    out = subprocess.run(
        [PY, "-c", COUNTER], env=env, cwd=ROOT, check=True, text=True, capture_output=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def difference(after, before):
    return {key: after[key] - before[key] for key in after if isinstance(after[key], int)} | {
        "imported_objects": {
            kind: n - before["imported_objects"].get(kind, 0)
            for kind, n in after["imported_objects"].items()
        }
    }


def import_phase(name, export, uploads, summary, args, *, rerun=False):
    """Migrate a fresh database, import export into it (and, with rerun, import it again)."""
    db = fresh_database(args.database_url, f"nashra_wpbench_{name}")
    work = Path(tempfile.mkdtemp(prefix=f"nashra-wpbench-{name}-"))
    env = bench_env(db, work / "media", work / "cache")
    print(f"Setting up {db} ...", file=sys.stderr)
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")  # the two editions the import fills
    before = counts(env)
    cmd = [PY, "manage.py", COMMAND, str(export), "--uploads-dir", str(uploads)]
    cmd += ["--default-locale", "en"]
    runs = []
    for attempt in ("first", "rerun") if rerun else ("first",):
        print(f"Importing {export.name} ({name}, {attempt}) ...", file=sys.stderr)
        result = measured(cmd, env, RESULTS / f"wp-import-{name}-{attempt}.log")
        if result["exit_code"]:
            sys.exit(f"{COMMAND} failed ({result['exit_code']}): see {result['log']}")
        result["added"] = difference(counts(env), before)
        result["posts_per_s"] = round(summary["posts"] / result["seconds"], 1)
        result["items_per_s"] = round(
            (summary["posts"] + summary["pages"] + summary["attachments"]) / result["seconds"], 1
        )
        result["comments_per_s"] = round(summary["comments"] / result["seconds"], 1)
        runs.append(result)
    phase = {"export": str(export), "export_summary": summary, "database": db, "runs": runs}
    if rerun:
        phase["rerun_added_nothing"] = runs[1]["added"] == runs[0]["added"]
    shutil.rmtree(work, ignore_errors=True)
    return phase


def print_table(report):
    print(
        f"{'phase':24}{'posts':>8}{'seconds':>10}{'posts/s':>10}{'items/s':>10}"
        f"{'comments/s':>12}{'peak RSS MiB':>14}"
    )
    rows = []
    dry = report.get("dry_run")
    if dry:
        rows.append(("dry run", dry["posts"], dry))
    for name in ("without_media", "export", "with_media"):
        phase = report.get(name)
        for run, label in zip(phase["runs"] if phase else [], ("", " (re-run)"), strict=False):
            rows.append((name.replace("_", " ") + label, phase["export_summary"]["posts"], run))
    baseline = report["baseline"]["peak_rss_mib"]
    for label, posts, run in rows:
        print(
            f"{label:24}{posts:>8,}{run['seconds']:>10.1f}{run.get('posts_per_s', 0):>10.1f}"
            f"{run.get('items_per_s', 0):>10.1f}{run.get('comments_per_s', 0):>12.1f}"
            f"{run['peak_rss_mib']:>14.1f}"
        )
    print(f"peak RSS of a bare `manage.py check`: {baseline} MiB (the yardstick)")
    main_phase = report.get("without_media") or report.get("export") or {}
    big = main_phase.get("export_summary")
    if big:
        made = f", generated in {big['seconds']} s" if big.get("seconds") else ""
        print(
            f"export: {big['bytes'] / 1e6:.1f} MB, {big['posts']:,} posts, "
            f"{big['attachments']:,} attachments, {big['comments']:,} comments{made}"
        )
    if "rerun_added_nothing" in main_phase:
        print(f"re-run added nothing: {main_phase['rerun_added_nothing']}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--comments", type=int, default=100000)
    parser.add_argument(
        "--media-posts", type=int, default=2000, help="posts of the export with media (0: skip)"
    )
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL URL: its server gets a database per phase; default SQLite files",
    )
    parser.add_argument(
        "--export",
        default="",
        help="time this export (a real site's) instead of a generated one; with --uploads-dir",
    )
    parser.add_argument("--uploads-dir", default="", help="the --export's copied uploads folder")
    parser.add_argument("--no-rerun", action="store_true", help="skip importing the file twice")
    parser.add_argument("--no-dry-run", action="store_true", help="skip the dry-run phase")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.export:
        export, summary = Path(args.export).resolve(), count_export(args.export)
        uploads = Path(args.uploads_dir or tempfile.mkdtemp(prefix="nashra-wpbench-uploads-"))
        args.media_posts = 0  # the export's own media, if any, are in its one phase
    else:
        export, uploads, summary = export_for(args.posts, args.comments, args.seed, media=False)
    report = {
        "database": (args.database_url or "sqlite").split(":")[0],
        "command": COMMAND,
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    work = Path(tempfile.mkdtemp(prefix="nashra-wpbench-dry-"))
    db = fresh_database(args.database_url, "nashra_wpbench_dry")
    env = bench_env(db, work / "media", work / "cache")
    manage(env, "migrate", "--noinput")
    # The yardstick: what a manage.py process holds before it reads anything.
    report["baseline"] = measured(
        [PY, "manage.py", "check"], env, RESULTS / "wp-import-baseline.log"
    )
    if not args.no_dry_run:
        print(f"Dry run over {export.name} ...", file=sys.stderr)
        dry = measured(
            [PY, "manage.py", COMMAND, str(export), "--dry-run", "--uploads-dir", str(uploads)],
            env,
            RESULTS / "wp-import-dry-run.log",
        )
        if dry["exit_code"]:
            sys.exit(f"{COMMAND} --dry-run failed ({dry['exit_code']}): see {dry['log']}")
        dry["posts"] = summary["posts"]
        dry["posts_per_s"] = round(summary["posts"] / dry["seconds"], 1)
        dry["export_bytes"] = summary["bytes"]
        report["dry_run"] = dry
    shutil.rmtree(work, ignore_errors=True)
    # A real site's export is imported with its own uploads folder: one phase, "export".
    name = "export" if args.export else "without_media"
    report[name] = import_phase(name, export, uploads, summary, args, rerun=not args.no_rerun)
    if args.media_posts:
        comments = args.comments * args.media_posts // max(args.posts, 1)
        media_export, media_uploads, media_summary = export_for(
            args.media_posts, comments, args.seed, media=True
        )
        report["with_media"] = import_phase(
            "with_media", media_export, media_uploads, media_summary, args
        )
    report["load_average_1m_end"] = round(os.getloadavg()[0], 2)
    out = RESULTS / f"wp-import-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_table(report)
    print(f"JSON: {out}")
    return report


if __name__ == "__main__":
    main()
