"""Twenty simultaneous requests against the production server (several processes, several
threads each): votes past the daily cap, the same text with new form tokens, a double submit,
a form token reused on another article, twenty readers at once, a minute's votes across a
clock boundary, and Arabic searches on a freshly started server.

    python bench/concurrency.py                       # a scratch SQLite file, Redis db 12
    python bench/concurrency.py --database-url postgres://postgres@127.0.0.1:5432/nashra_concurrency
    python bench/concurrency.py --cache file          # production on one machine, no Redis
    python bench/concurrency.py --quick               # no wait for a minute; one search round

Prints what was accepted and what was stored for each case, and exits 1 when any case misses
its target (docs/developers/concurrency.md). A PostgreSQL database is created when missing and
never dropped; every run uses its own addresses, e-mails and form tokens, so runs can share one.
"""

import argparse
import base64
import json
import random
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
sys.path.insert(0, str(ROOT))  # for tests/support.py, which the benchmark shares with the tests
from tests.support import production_environment, wait_until_answering  # noqa: E402

N = 20
CAP = 10  # NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY, the production default
VOTES_PER_MINUTE = 30  # NASHRA_VOTES_PER_ADDRESS_PER_MINUTE, the production default


class Store:
    """Counts straight from the server's database (no Django in this process)."""

    def __init__(self, url):
        self.url = url

    def rows(self, sql, params=()):
        if self.url.startswith("sqlite"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://", 1)) as conn:
            return conn.execute(sql, params).fetchall()

    def count(self, table, article_id):
        return self.rows(f"SELECT count(*) FROM {table} WHERE article_id = %s", (article_id,))[0][0]

    def live_articles(self, language):
        return [
            row[0]
            for row in self.rows(
                "SELECT p.id FROM wagtailcore_page p "
                "JOIN news_articlepage a ON a.page_ptr_id = p.id "
                "JOIN wagtailcore_locale l ON l.id = p.locale_id "
                "WHERE p.live AND l.language_code = %s ORDER BY p.id",
                (language,),
            )
        ]

    def titles(self, language):
        return [
            row[0]
            for row in self.rows(
                "SELECT p.title FROM wagtailcore_page p "
                "JOIN news_articlepage a ON a.page_ptr_id = p.id "
                "JOIN wagtailcore_locale l ON l.id = p.locale_id "
                "WHERE p.live AND l.language_code = %s ORDER BY p.id",
                (language,),
            )
        ]


def ensure_postgres_database(url):
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


class Server:
    """deploy/serve.py (Granian, the production server) on its own port and log."""

    def __init__(self, env, tmp):
        self.env, self.tmp, self.process = env, tmp, None
        self.base = f"http://{env['BIND']}"
        self.log = Path(tmp) / "server.log"

    def start(self, **overrides):
        env = {**self.env, **overrides}
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [PY, "deploy/serve.py"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
            )
        wait_until_answering(self.base + "/healthz", self.process, self.log, seconds=60)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(30)
            self.process = None

    def flush_votes(self):
        """Write the votes queued in Redis to the database (the worker's job, on demand), so
        what was acknowledged can be counted there; nothing to do without Redis."""
        subprocess.run(
            [PY, "manage.py", "engagement_flush_votes"], env=self.env, cwd=ROOT, check=True
        )

    def request(self, path, data=None, address="127.0.0.1"):
        """(status, JSON or text) for a GET, or a form POST sent as the site's own page would."""
        headers = {"Accept": "application/json", "X-Forwarded-For": address, "Origin": self.base}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw.decode("utf-8", "replace")


def together(count, work):
    """Run work(i) for i < count in threads released at the same instant; results in order."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(i):
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - a failed request is a result to report
            results[i] = (0, repr(error))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def solve(challenge):
    import altcha

    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"], 0
    )
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    return base64.b64encode(json.dumps({**payload, "number": solution.number}).encode()).decode()


def captcha(server, article_id):
    status, state = server.request(f"/en/engagement/articles/{article_id}/state/")
    assert status == 200, (status, state)
    return solve(state["captcha"])


def reply_kind(status, data):
    if status >= 500 or status == 0:
        return "5xx"
    if not isinstance(data, dict):
        return f"{status} non-JSON"
    if data.get("ok"):
        return "duplicate" if data.get("duplicate") else "new"
    message = data.get("message", "")
    if "already used" in message:
        return "captcha already used"
    if "many votes on this article" in message:
        return "daily cap"
    if "Too many votes" in message:
        return "rate limit"
    return f"{status} {message[:60]}"


def named_comments(replies):
    """The comment each accepted reply says it stored or found."""
    return [
        data.get("comment_id")
        for _status, data in replies
        if isinstance(data, dict) and data.get("ok")
    ]


def new_comment(replies):
    return next(
        (data["comment_id"] for status, data in replies if reply_kind(status, data) == "new"), None
    )


def case(name, sent, replies, stored, expected_replies, expected_stored, note="", wrong=0):
    """`wrong`: replies that named another comment than theirs (must be 0)."""
    counted = Counter(replies)
    ok = counted == Counter(expected_replies) and stored == expected_stored and not wrong
    note = "; ".join(
        filter(None, [note, f"{wrong} replies named a wrong comment" if wrong else ""])
    )
    return {
        "case": name,
        "sent": sent,
        "replies": dict(counted),
        "stored": stored,
        "expected_replies": dict(expected_replies),
        "expected_stored": expected_stored,
        "wrong": wrong,
        "ok": ok,
        "note": note,
    }


def run_write_cases(server, store, articles, run_id):
    address = lambda n: f"10.{random.randrange(256)}.{random.randrange(256)}.{n}"  # noqa: E731
    vote_path = "/en/engagement/articles/{}/reaction/".format
    comment_path = "/en/engagement/articles/{}/comment/".format
    results = []

    article = articles.pop()
    one = address(1)
    before = store.count("engagement_reaction", article)
    replies = together(N, lambda i: server.request(vote_path(article), {"value": "yes"}, one))
    server.flush_votes()
    results.append(
        case(
            "votes past the daily cap (20 new readers, one address, cap 10)",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_reaction", article) - before,
            {"new": CAP, "daily cap": N - CAP},
            CAP,
        )
    )

    article = articles.pop()
    before = store.count("engagement_reaction", article)
    replies = together(
        N, lambda i: server.request(vote_path(article), {"value": "no"}, address(i + 1))
    )
    server.flush_votes()
    results.append(
        case(
            "votes from 20 readers on 20 addresses",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_reaction", article) - before,
            {"new": N},
            N,
        )
    )

    def form(article_id, **fields):
        return {
            "name": "Rania",
            "email": f"rania-{run_id}@example.org",
            "body": f"Was the drainage work finished? ({run_id})",
            "altcha": captcha(server, article_id),
            **fields,
        }

    article = articles.pop()
    one = address(2)
    forms = [form(article, submission_token=uuid.uuid4().hex) for _ in range(N)]
    before = store.count("engagement_comment", article)
    replies = together(N, lambda i: server.request(comment_path(article), forms[i], one))
    results.append(
        case(
            "the same text from one reader, 20 new form tokens",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_comment", article) - before,
            {"new": 1, "duplicate": N - 1},
            1,
            wrong=sum(named != new_comment(replies) for named in named_comments(replies)),
        )
    )

    article = articles.pop()
    one = address(3)
    token = uuid.uuid4().hex
    same = form(article, submission_token=token, body=f"Who pays for the bridge? ({run_id})")
    before = store.count("engagement_comment", article)
    replies = together(N, lambda i: server.request(comment_path(article), same, one))
    first_id = new_comment(replies)
    results.append(
        case(
            "a double submit: one form (token and captcha) sent 20 times",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_comment", article) - before,
            {"new": 1, "duplicate": N - 1},
            1,
            wrong=sum(named != first_id for named in named_comments(replies)),
        )
    )

    other = articles.pop()
    reused = form(other, submission_token=token, body=f"And the school roof? ({run_id})")
    before = store.count("engagement_comment", other)
    replies = together(N, lambda i: server.request(comment_path(other), reused, one))
    second_id = new_comment(replies)
    results.append(
        case(
            "that form's token reused on another article, 20 times",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_comment", other) - before,
            {"new": 1, "duplicate": N - 1},
            1,
            wrong=sum(
                named in (first_id, None) or named != second_id for named in named_comments(replies)
            ),
        )
    )

    article = articles.pop()
    forms = [
        form(article, email=f"reader{i}-{run_id}@example.org", body=f"Reader {i} asks ({run_id})")
        for i in range(N)
    ]
    before = store.count("engagement_comment", article)
    replies = together(
        N, lambda i: server.request(comment_path(article), forms[i], address(i + 100))
    )
    results.append(
        case(
            "comments from 20 readers on 20 addresses",
            N,
            [reply_kind(*r) for r in replies],
            store.count("engagement_comment", article) - before,
            {"new": N},
            N,
        )
    )
    return results


def run_minute_case(server, store, articles, quick):
    """60 votes in 5 s from one address with a 30/min limit, 2.5 s each side of a minute's
    turn (where a fixed window starts afresh); ten per article, so the daily cap never binds."""
    targets = [articles.pop() for _ in range(6)]
    one = f"10.200.{random.randrange(256)}.{random.randrange(256)}"
    if not quick:
        while not 57.4 < time.time() % 60 < 57.5:
            time.sleep(0.01)
    start = time.monotonic()
    before = sum(store.count("engagement_reaction", a) for a in targets)

    def vote(i):
        time.sleep(max(0.0, start + i * 5 / 60 - time.monotonic()))
        article = targets[i % len(targets)]
        return server.request(f"/en/engagement/articles/{article}/reaction/", {"value": "yes"}, one)

    replies = together(60, vote)
    server.flush_votes()
    return case(
        "60 votes in 5 s across a minute's turn, limit 30/min"
        + (" (not aligned: --quick)" if quick else ""),
        60,
        [reply_kind(*r) for r in replies],
        sum(store.count("engagement_reaction", a) for a in targets) - before,
        {"new": VOTES_PER_MINUTE, "rate limit": 60 - VOTES_PER_MINUTE},
        VOTES_PER_MINUTE,
        note=f"sent over {time.monotonic() - start:.1f} s",
    )


RESULT_LINK = re.compile(r'<li class="search-result">.*?<a href="([^"]+)"', re.S)


def arabic_queries(store):
    """20 different queries, each words of one Arabic headline (with an inflection added)."""
    titles = [re.findall(r"[\u0600-\u06ff]{3,}", title) for title in store.titles("ar")]
    titles = [words for words in titles if len(words) >= 2]
    queries = []
    for i in range(N):
        words = titles[i % len(titles)]
        shift = i // len(titles)
        picked = (words[shift:] + words[:shift])[:4]
        queries.append(" ".join(["و" + picked[0], *picked[1:]]))
    return queries


def search(server, query):
    status, body = server.request("/ar/search/?" + urllib.parse.urlencode({"q": query}))
    links = RESULT_LINK.findall(body) if isinstance(body, str) else []
    return status, links


def run_search_case(server, store, rounds, env_for_reference):
    queries = arabic_queries(store)
    concurrent = []
    for _ in range(rounds):  # each round on a server started afresh: cold stemmers and caches
        server.stop()
        server.start()
        concurrent.append(together(N, lambda i: search(server, queries[i])))
    server.stop()
    server.start(WEB_CONCURRENCY="1", SERVER_THREADS="1", **env_for_reference)
    reference = [search(server, query) for query in queries]
    server.stop()
    server.start()
    replies, same = [], 0
    for results in concurrent:
        for (status, links), (_ref_status, ref_links) in zip(results, reference, strict=True):
            replies.append(
                "5xx" if status >= 500 or status == 0 else "new" if status == 200 else str(status)
            )
            same += status == 200 and links == ref_links
    found = sum(bool(links) for _status, links in reference)
    return case(
        f"Arabic searches, 20 at once on a fresh server, {rounds} round(s)",
        N * rounds,
        replies,
        same,
        {"new": N * rounds},
        N * rounds,
        note=f"stored = replies whose results equal a one-thread server's; "
        f"{found}/{N} queries find articles",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument("--cache", choices=("redis", "file"), default="redis")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=5, help="per worker")
    parser.add_argument("--port", type=int, default=8141)
    parser.add_argument("--search-rounds", type=int, default=3)
    parser.add_argument(
        "--quick", action="store_true", help="no wait for a minute; one search round"
    )
    parser.add_argument("--json", default="", help="also write the results here")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="nashra-concurrency-")
    db = args.database_url or f"sqlite:///{tmp}/concurrency.sqlite3"
    if db.startswith("postgres"):
        ensure_postgres_database(db)
    run_id = uuid.uuid4().hex[:8]
    prefix = f"nashra-concurrency-{run_id}"
    env = production_environment(
        SECRET_KEY="concurrency-bench-only-" + "c" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=f"{tmp}/media",
        NASHRA_CACHE_DIR=f"{tmp}/cache",
        NASHRA_CACHE_KEY_PREFIX=prefix,
        NASHRA_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR",
        NASHRA_CAPTCHA_DIFFICULTY="2000",
        NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY=str(CAP),
        NASHRA_VOTES_PER_ADDRESS_PER_MINUTE=str(VOTES_PER_MINUTE),
        WEB_CONCURRENCY=str(args.workers),
        SERVER_THREADS=str(args.threads),
        BIND=f"127.0.0.1:{args.port}",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if args.cache == "redis":
        env["REDIS_URL"] = args.redis_url
    reference_env = (
        {"NASHRA_CACHE_KEY_PREFIX": prefix + "-reference"}
        if args.cache == "redis"
        else {"NASHRA_CACHE_DIR": f"{tmp}/cache-reference"}
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
    store = Store(db)
    server = Server(env, tmp)
    server.start()
    try:
        open_articles = [
            a
            for a in store.live_articles("en")
            if server.request(f"/en/engagement/articles/{a}/state/")[1]["mode"] != "closed"
        ]
        vote_articles = store.live_articles("en")
        random.shuffle(vote_articles)
        results = run_write_cases(
            server, store, [*vote_articles[:2], *open_articles[-4:]][::-1], run_id
        )
        results.append(run_minute_case(server, store, vote_articles[2:8], args.quick))
        results.append(
            run_search_case(server, store, 1 if args.quick else args.search_rounds, reference_env)
        )
    finally:
        server.stop()
        if args.cache == "redis":
            import redis

            client = redis.Redis.from_url(args.redis_url)
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)

    backend = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    print(f"\n{backend}, cache {args.cache}, {args.workers} processes x {args.threads} threads")
    for row in results:
        replies = ", ".join(f"{n} {kind}" for kind, n in sorted(row["replies"].items()))
        print(
            f"{'ok  ' if row['ok'] else 'MISS'} {row['case']}\n     sent {row['sent']}: {replies}; "
            f"stored {row['stored']} (target {row['expected_stored']})"
            + (f"; {row['note']}" if row["note"] else "")
        )
    errors = [
        line
        for line in server.log.read_text().splitlines()
        if "Traceback" in line or "Error" in line
    ]
    print(
        f"server log: {len(errors)} error line(s)"
        + ("\n  " + "\n  ".join(errors[:10]) if errors else "")
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": backend,
                    "cache": args.cache,
                    "cases": results,
                    "server_errors": errors,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    sys.exit(0 if all(row["ok"] for row in results) and not errors else 1)


if __name__ == "__main__":
    main()
