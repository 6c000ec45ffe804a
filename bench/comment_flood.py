"""A comment flood against the production server (several processes, several threads each):
N comment posts released at the same instant from N addresses, half on /en/ and half on /ar/,
half from the page's script (JSON) and half from the form without JavaScript (HTML), while a
moderator loads the comment queue and approves a comment.

    python bench/comment_flood.py                    # a scratch SQLite file, Redis db 10
    python bench/comment_flood.py --database-url postgres://postgres@127.0.0.1:5432/nashra_flood
    python bench/comment_flood.py --hold-lock        # the database refuses writes meanwhile

Every post must end one of two ways (docs/developers/concurrency.md): accepted, and its comment
is in the database; or refused with a sentence in the language of the address it was posted to
and, for the form without JavaScript, the reader's text given back in the form. A 5xx, an
"accepted" without its comment, or a refusal whose text is lost is counted as a miss, and the
script exits 1 on any. With --hold-lock another connection holds the comment table's write lock
for the whole flood (SQLite: the database's write lock): every post must then be refused, and
once the lock is released each refused post sent again is accepted.
"""

import argparse
import html
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
sys.path.insert(0, str(ROOT))  # for tests/support.py and bench/concurrency.py
from bench.concurrency import Server, Store, ensure_postgres_database, solve, together  # noqa: E402
from tests.support import production_environment, wait_until_answering  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06ff]")

SESSION = """
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
user, _ = get_user_model().objects.get_or_create(
    username="flood-moderator", defaults={"is_staff": True, "is_superuser": True})
client = Client()
client.force_login(user)
# One comment awaiting moderation, for the moderator to approve during the flood.
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
Comment.objects.create(article=ArticlePage.objects.live().first(), name="Held",
    email="held@example.org", body="Awaiting a moderator", status="pending")
print(client.cookies["sessionid"].value)
"""


class FloodServer(Server):
    """bench/concurrency.py's server, given longer to start on a loaded machine."""

    def start(self, **overrides):
        env = {**self.env, **overrides}
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [PY, "deploy/serve.py"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
            )
        wait_until_answering(self.base + "/healthz", self.process, self.log, seconds=300)


def post(server, path, data, address, as_json, timeout=120):
    """(status, headers, body text) of a form post sent as the site's own page would."""
    headers = {"X-Forwarded-For": address, "Origin": server.base}
    if as_json:
        headers["Accept"] = "application/json"
    body = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(server.base + path, data=body, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as response:
            return response.status, _lower(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, _lower(error.headers), error.read().decode("utf-8", "replace")
    except Exception as error:  # noqa: BLE001 - a dropped connection is a result to report
        return 0, {}, repr(error)


def _lower(headers):
    return {name.lower(): value for name, value in headers.items()}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def judge(sent, reply, stored):
    """What became of one post: (kind, problem or "")."""
    status, headers, text = reply
    lang, as_json, body = sent["lang"], sent["json"], sent["data"]["body"]
    if status == 0 or status >= 500 and status not in (503,):
        return "5xx", f"{status}: {text[:200]}"
    message = ""
    accepted = False
    if as_json:
        try:
            data = json.loads(text)
        except ValueError:
            return "other", f"{status} not JSON: {text[:200]}"
        accepted, message = bool(data.get("ok")), data.get("message", "")
    else:
        accepted = status == 302 and "commented=" in headers.get("location", "")
        if not accepted:
            errors = re.search(r"data-form-errors[^>]*>(.*?)</div>", text, re.S)
            message = re.sub(r"<[^>]+>", " ", errors.group(1)) if errors else text[:300]
    if accepted:
        return ("accepted", "") if stored else ("accepted", "accepted but not stored")
    if status not in (403, 429, 503):
        return "other", f"{status}: {message[:200]}"
    problems = []
    if stored:
        problems.append("refused but stored")
    if not message.strip():
        problems.append("refused without a message")
    elif (lang == "ar") != bool(ARABIC.search(message)):
        problems.append(f"message not in {lang}: {message[:120]}")
    if status == 503 and not headers.get("retry-after", "").isdigit():
        problems.append("503 without Retry-After")
    if not as_json and html.escape(body, quote=False) not in text:
        problems.append("the reader's text is not in the form sent back")
    return f"refused {status}", "; ".join(problems)


class Moderator:
    """Loads the comment queue and approves a pending comment, as a moderator in the admin."""

    def __init__(self, server, session):
        self.server, self.session = server, session
        self.csrf = uuid.uuid4().hex + uuid.uuid4().hex[:32]

    def request(self, path, data=None):
        headers = {"Cookie": f"sessionid={self.session}; csrftoken={self.csrf}"}
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf}).encode()
            headers["Referer"] = self.server.base + path
        req = urllib.request.Request(self.server.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        start = time.monotonic()
        try:
            with opener.open(req, timeout=120) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        return status, text, (time.monotonic() - start) * 1000

    def queue(self):
        return self.request("/admin/snippets/engagement/comment/?status=pending")

    def approve(self, comment_id):
        return self.request(
            f"/admin/snippets/engagement/comment/edit/{comment_id}/",
            {"status": "approved", "rejection_clause": "", "rejection_note": ""},
        )


def moderate_during(moderator, store, stop, pending):
    """Until `stop` is set: load the queue, approve the next pending comment; the times."""
    loads, approvals = [], []
    while not stop.is_set() or not loads:
        status, text, ms = moderator.queue()
        loads.append({"status": status, "ms": round(ms, 1), "lists": "listing" in text})
        if not pending:
            pending.extend(
                row[0]
                for row in store.rows(
                    "SELECT id FROM engagement_comment WHERE status = 'pending' ORDER BY id DESC"
                )[:3]
            )
        if pending:
            comment_id = pending.pop()
            status, _text, ms = moderator.approve(comment_id)
            (state,) = store.rows(
                "SELECT status FROM engagement_comment WHERE id = %s", (comment_id,)
            )[0]
            approvals.append(
                {"status": status, "ms": round(ms, 1), "id": comment_id, "stored": state}
            )
    return loads, approvals


class LockHolder:
    """Another connection holding the comment table's write lock (SQLite: the database's)."""

    def __init__(self, url):
        self.url = url
        if url.startswith("sqlite"):
            self.conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            self.conn = psycopg.connect(url.replace("postgres://", "postgresql://", 1))
            self.conn.execute("LOCK TABLE engagement_comment IN EXCLUSIVE MODE")

    def release(self):
        self.conn.rollback()
        self.conn.close()


def form(server, article_id, lang, n, run_id):
    status, state = server.request(f"/{lang}/engagement/articles/{article_id}/state/")
    assert status == 200, (status, state)
    return {
        "name": f"Reader {n}",
        "email": f"flood-{n}-{run_id}@example.org",
        "body": f"Flood comment {n} of run {run_id}: what happened at the harbour?",
        "submission_token": uuid.uuid4().hex,
        "altcha": solve(state["captcha"]),
    }


def flood(server, store, articles, args, run_id, hold=None):
    """Post `args.count` comments at once; a list of (sent, reply, stored)."""
    sent = []
    for n in range(args.count):
        lang = "ar" if n % 2 else "en"
        article = articles[lang][n % len(articles[lang])]
        sent.append(
            {
                "lang": lang,
                "json": n % 4 < 2,
                "path": f"/{lang}/engagement/articles/{article}/comment/",
                "address": f"10.{n // 250 % 250}.{n % 250}.{run_id_octet(run_id)}",
                "data": form(server, article, lang, n, run_id),
            }
        )
    replies = together(
        len(sent),
        lambda i: post(
            server, sent[i]["path"], sent[i]["data"], sent[i]["address"], sent[i]["json"]
        ),
    )
    if hold is not None:
        hold.release()
    stored = stored_bodies(store, run_id)
    return [(s, r, s["data"]["body"] in stored) for s, r in zip(sent, replies, strict=True)]


def run_id_octet(run_id):
    return int(run_id[:2], 16) % 250 + 1


def stored_bodies(store, run_id):
    return {
        row[0]
        for row in store.rows(
            "SELECT body FROM engagement_comment WHERE body LIKE %s", (f"%run {run_id}%",)
        )
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--count", type=int, default=200, help="posts released at once")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=5, help="per worker")
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--hold-lock", action="store_true", help="the database refuses writes")
    parser.add_argument("--writers", default="", help="NASHRA_COMMENT_WRITERS")
    parser.add_argument("--waiting", default="", help="NASHRA_COMMENT_WAITING")
    parser.add_argument("--wait-seconds", default="", help="NASHRA_COMMENT_WRITE_WAIT_SECONDS")
    parser.add_argument("--json", default="", help="also write the results here")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="nashra-flood-")
    db = args.database_url or f"sqlite:///{tmp}/flood.sqlite3"
    if db.startswith("postgres"):
        ensure_postgres_database(db)
    run_id = uuid.uuid4().hex[:8]
    prefix = f"nashra-flood-{run_id}"
    env = production_environment(
        SECRET_KEY="flood-bench-only-" + "f" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=f"{tmp}/media",
        NASHRA_CACHE_DIR=f"{tmp}/cache",
        NASHRA_CACHE_KEY_PREFIX=prefix,
        NASHRA_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR",
        NASHRA_CAPTCHA_DIFFICULTY="2000",
        WEB_CONCURRENCY=str(args.workers),
        SERVER_THREADS=str(args.threads),
        BIND=f"127.0.0.1:{args.port}",
        PYTHONPATH=str(ROOT),
        REDIS_URL=args.redis_url,
        NASHRA_2FA_REQUIRED="off",  # the moderator signs in with a session made for the run
        NASHRA_COMMENT_WRITERS=args.writers or None,
        NASHRA_COMMENT_WAITING=args.waiting or None,
        NASHRA_COMMENT_WRITE_WAIT_SECONDS=args.wait_seconds or None,
    )
    print(f"Setting up {db} ...", file=sys.stderr)
    for command in (
        ["migrate", "--noinput"],
        ["news_load_demo", "--no-editor"],
        ["engagement_load_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run(
            [PY, "manage.py", *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    session = subprocess.run(
        [PY, "-c", SESSION], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    store = Store(db)
    server = FloodServer(env, tmp)
    server.start()
    started = time.monotonic()
    try:
        articles = {}
        for lang in ("en", "ar"):
            articles[lang] = [
                a
                for a in store.live_articles(lang)
                if server.request(f"/{lang}/engagement/articles/{a}/state/")[1]["mode"] != "closed"
            ]
        pending = [
            row[0]
            for row in store.rows(
                "SELECT id FROM engagement_comment WHERE status = 'pending' ORDER BY id"
            )
        ]
        moderator = Moderator(server, session)
        status, text, _ms = moderator.queue()
        assert status == 200 and "listing" in text, (status, text[:500])
        stop = threading.Event()
        moderation = {}
        watcher = threading.Thread(
            target=lambda: moderation.update(
                zip(
                    ("loads", "approvals"),
                    moderate_during(moderator, store, stop, pending),
                    strict=True,
                )
            )
        )
        hold = LockHolder(db) if args.hold_lock else None
        watcher.start()
        flood_start = time.monotonic()
        outcomes = flood(server, store, articles, args, run_id, hold)
        flood_seconds = time.monotonic() - flood_start
        stop.set()
        watcher.join()
        resent, rounds = [], 0
        if args.hold_lock:
            # The lock is gone: each refused post is sent again, as its reader would after
            # Retry-After, all at once; what a full line refuses again goes in the next round.
            again = [s for s, r, stored in outcomes if not stored]
            while again and rounds < 5:
                rounds += 1
                replies = together(
                    len(again),
                    lambda i, again=again: post(
                        server,
                        again[i]["path"],
                        again[i]["data"],
                        again[i]["address"],
                        again[i]["json"],
                    ),
                )
                bodies = stored_bodies(store, run_id)
                judged_again = [
                    (s, judge(s, r, s["data"]["body"] in bodies))
                    for s, r in zip(again, replies, strict=True)
                ]
                still = []
                for sent_again, verdict in judged_again:
                    if verdict == ("refused 503", ""):
                        still.append(sent_again)
                    else:
                        resent.append(verdict)
                again = still
            resent += [("still refused", "") for _s in again]
    finally:
        server.stop()
        import redis

        client = redis.Redis.from_url(args.redis_url)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)

    judged = [judge(s, r, stored) for s, r, stored in outcomes]
    kinds = Counter(kind for kind, _problem in judged)
    problems = Counter(problem for _kind, problem in judged if problem)
    by_lang = Counter(
        (s["lang"], "json" if s["json"] else "html", kind)
        for (s, _r, _st), (kind, _p) in zip(outcomes, judged, strict=True)
    )
    accepted = [
        s for (s, _r, _st), (kind, _p) in zip(outcomes, judged, strict=True) if kind == "accepted"
    ]
    stored_count = len(stored_bodies(store, run_id))
    loads = moderation.get("loads", [])
    approvals = moderation.get("approvals", [])
    errors = [
        line
        for line in server.log.read_text().splitlines()
        if "Traceback" in line or "Error" in line
    ]
    backend = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    summary = {
        "database": backend,
        "workers": args.workers,
        "threads": args.threads,
        "sent": len(outcomes),
        "replies": dict(kinds),
        "by_language_and_path": {"/".join(k): n for k, n in sorted(by_lang.items())},
        "problems": dict(problems),
        "accepted": len(accepted),
        "stored_after_flood": sum(stored for _s, _r, stored in outcomes),
        "stored": stored_count,
        "flood_seconds": round(flood_seconds, 2),
        "queue_loads": loads,
        "approvals": approvals,
        "resent": {
            "rounds": rounds,
            "replies": dict(Counter(k for k, _p in resent)),
            "problems": [p for _k, p in resent if p],
        },
        "held_lock": args.hold_lock,
        "server_errors": errors[:20],
        "seconds": round(time.monotonic() - started, 1),
    }
    misses = []
    if problems or kinds.get("5xx") or kinds.get("other"):
        misses.append("posts without a clear outcome")
    if args.hold_lock:
        if kinds.get("accepted"):
            misses.append("accepted while the database refused writes")
        if [k for k, _p in resent if k != "accepted"] or summary["resent"]["problems"]:
            misses.append("a refused post sent again was not accepted")
    if not loads or any(row["status"] != 200 or not row["lists"] for row in loads):
        misses.append("the moderation queue did not load")
    if any(row["status"] != 302 or row["stored"] != "approved" for row in approvals):
        misses.append("an approval did not take")
    summary["misses"] = misses
    ms = sorted(row["ms"] for row in loads)
    print(
        f"{backend}, {args.workers} processes x {args.threads} threads, {len(outcomes)} posts at "
        f"once{' with the write lock held' if args.hold_lock else ''}: "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        + f"; stored {summary['stored_after_flood']} ({len(accepted)} accepted) in "
        f"{flood_seconds:.1f} s"
    )
    if problems:
        print("problems: " + "; ".join(f"{n} x {p}" for p, n in problems.most_common(8)))
    if ms:
        print(
            f"moderation queue during the flood: {len(ms)} loads, "
            f"median {ms[len(ms) // 2]:.0f} ms, worst {ms[-1]:.0f} ms; {len(approvals)} approvals"
            + (f", worst {max(a['ms'] for a in approvals):.0f} ms" if approvals else "")
        )
    if resent:
        print(f"sent again after the lock: {summary['resent']['replies']}")
    print(
        f"server log: {len(errors)} error line(s)"
        + ("\n  " + "\n  ".join(errors[:8]) if errors else "")
    )
    print("MISS: " + "; ".join(misses) if misses else "ok")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    sys.exit(1 if misses or errors else 0)


if __name__ == "__main__":
    main()
