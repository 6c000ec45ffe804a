"""Faults in production mode: Redis killed and restarted during reads and writes, the mail
server down, the app server restarted during posting. Prints what was accepted against what
was stored and exits non-zero when a target is missed (0 5xx, 0 empty error pages, 0 lost,
pages read with Redis down, the cache back by itself, mail kept and sent once it is back).

    python bench/faults.py                       # SQLite in a scratch directory
    python bench/faults.py --database-url postgres://postgres@127.0.0.1:5432/nashra_faults
    python bench/faults.py --phase-seconds 2 --no-measure   # the quick run of tests/faults/

It starts its own redis-server on a free port (never the shared one), configured as
docs/operators/votes.md asks (appendonly, fsync on every write: Redis holds the only copy of a
vote until the worker flushes it), the production server (deploy/serve.py), the worker
(deploy/worker.py, which flushes votes every second) and, late in the run, a mail sink. With
`--measure` (the default) it also loads an article with wrk, cached (Redis up) and uncached
(Redis down), for the docs.
"""

import argparse
import atexit
import base64
import contextlib
import json
import re
import shutil
import signal
import socket
import socketserver
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
from tests.support import free_port, production_environment, wait_until_answering  # noqa: E402


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not happen within {seconds} s")


class RedisServer:
    """A redis-server of this run's own. Persistent (the run's), as production's must be:
    killed, it comes back with every write it acknowledged (the cached pages too); not
    persistent (a cache-only Redis, as tests of the cache use), it comes back empty."""

    def __init__(self, tmp, persistent=False):
        self.port, self.tmp, self.process = free_port(), tmp, None
        self.persistent = persistent

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                *(
                    ("--appendonly", "yes", "--appendfsync", "always")
                    if self.persistent
                    else ("--appendonly", "no")
                ),
                "--dir",
                str(self.tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers():
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")

        wait_until(answers, 10, "redis-server starting")

    def stop_saving(self):
        """Stop with its data written to disk: the next start comes back holding it."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as s:
            s.sendall(b"SHUTDOWN SAVE\r\n")
            s.recv(64)
        self.process.wait(10)

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take messages, counting them: the mail server coming back."""

    allow_reuse_address = daemon_threads = True

    def __init__(self, port):
        self.received = []
        super().__init__(("127.0.0.1", port), SmtpHandler)


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 faults sink")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 faults sink")
            elif verb == "DATA":
                self.reply("354 end with .")
                data = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                self.server.received.append(data)
                self.reply("250 kept")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


class _Process:
    """A child process of the run: killed outright, or stopped as a service manager would."""

    process = None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.kill()


class AppServer(_Process):
    def __init__(self, env, tmp):
        self.env, self.port = env, free_port()
        # Each restart appends to it; it closes with the run.
        self.log = open(Path(tmp) / "server.log", "a")  # noqa: SIM115
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [PY, "deploy/serve.py"],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**self.env, "BIND": f"127.0.0.1:{self.port}"},
        )
        atexit.register(self.kill)
        wait_until_answering(self.base + "/healthz", self.process, self.log.name, seconds=60)


class Worker(_Process):
    """deploy/worker.py, as beside any production server: it writes queued votes to the
    database every second, and keeps going while Redis is down."""

    def __init__(self, env, tmp):
        self.env, self.log = env, open(Path(tmp) / "worker.log", "a")  # noqa: SIM115
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [PY, "deploy/worker.py"],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=self.env,
        )
        atexit.register(self.kill)


class Tally:
    """Every answer, by kind: status codes, empty error bodies, and what was accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.empty_errors = Counter()
        self.unanswered = Counter()  # connection refused or dropped (the server restarting)
        self.accepted_comments, self.pending_comments, self.accepted_votes = set(), 0, 0
        self.refused = Counter()  # 4xx with a message for the reader
        self.bypass_reads = 0

    def answer(self, kind, status, body):
        with self.lock:
            self.statuses[(kind, status)] += 1
            if status >= 400 and not body.strip():
                self.empty_errors[kind] += 1
            if 400 <= status < 500:
                self.refused[kind] += 1

    @property
    def server_errors(self):
        return sum(n for (_kind, status), n in self.statuses.items() if status >= 500)


def request(tally, kind, url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            status, content, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, content, got = error.code, error.read(), error.headers
    except (OSError, urllib.error.URLError):
        with tally.lock:
            tally.unanswered[kind] += 1
        time.sleep(0.05)  # the server is restarting: no need to spin
        return None, b"", {}
    tally.answer(kind, status, content)
    return status, content, got


def solve(challenge):
    import altcha

    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"], 0
    )
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


class Load:
    """Readers and writers running until stopped: page reads, comments and votes."""

    def __init__(self, base_fn, tally, pages, article_ids, run_id):
        self.base_fn, self.tally, self.pages, self.ids = base_fn, tally, pages, article_ids
        self.run_id, self.stop, self.threads, self.count = run_id, threading.Event(), [], 0

    def read(self, n):
        while not self.stop.is_set():
            path = self.pages[n % len(self.pages)]
            n += 1
            status, _body, headers = request(
                self.tally, "read", self.base_fn() + path, headers={"Accept-Encoding": "gzip"}
            )
            if headers and headers.get("X-Cache") == "BYPASS":
                with self.tally.lock:
                    self.tally.bypass_reads += 1

    def write(self, n):
        origin = {"Origin": "http://127.0.0.1", "Accept": "application/json"}
        while not self.stop.is_set():
            article = self.ids[n % len(self.ids)]
            n += 1
            base = self.base_fn()
            origin["Origin"] = base
            # Readers from many networks (through the trusted proxy header), so that the
            # per-address limits do not refuse this load.
            origin["X-Forwarded-For"] = f"10.{n % 250}.{self.count % 250}.{n % 7 + 1}"
            self.count += 1
            status, body, _ = request(
                self.tally,
                "vote",
                f"{base}/en/engagement/articles/{article}/reaction/",
                {"value": "yes" if n % 2 else "no"},
                origin,
            )
            if status == 200 and json.loads(body).get("ok"):
                with self.tally.lock:
                    self.tally.accepted_votes += 1
            status, body, _ = request(
                self.tally, "state", f"{base}/en/engagement/articles/{article}/state/"
            )
            if status != 200:
                continue
            challenge = json.loads(body)["captcha"]
            text = f"Fault run {self.run_id} comment {uuid.uuid4().hex}: is the bridge open?"
            status, body, _ = request(
                self.tally,
                "comment",
                f"{base}/en/engagement/articles/{article}/comment/",
                {
                    "name": "Faults",
                    "email": "faults@example.org",
                    "body": text,
                    "altcha": solve(challenge),
                    "submission_token": uuid.uuid4().hex,
                },
                origin,
            )
            if status == 200:
                data = json.loads(body)
                if data.get("ok") and data.get("comment_id"):
                    with self.tally.lock:
                        self.tally.accepted_comments.add(data["comment_id"])
                        self.tally.pending_comments += data.get("status") == "pending"

    def start(self, readers=3, writers=2):
        for n in range(readers):
            self.threads.append(threading.Thread(target=self.read, args=(n,), daemon=True))
        for n in range(writers):
            self.threads.append(threading.Thread(target=self.write, args=(n,), daemon=True))
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(60)


STORED = """
import json
import django
django.setup()
from nashra.core.models import OutboxMail, PendingPurge
from nashra.engagement.models import Comment, Reaction
print(json.dumps({
    "comments": list(
        Comment.objects.filter(body__startswith="Fault run %(run)s ").values_list("pk", flat=True)
    ),
    "votes": Reaction.objects.filter(created_at__gte="%(since)s").count(),
    "outbox": {p: OutboxMail.objects.filter(purpose=p).count() for p in ("privacy", "moderation")},
    "moderators": %(moderators)d,
}))
"""


def manage(env, *args):
    return subprocess.run(
        [PY, "manage.py", *args], env=env, cwd=ROOT, check=True, text=True, capture_output=True
    )


def x_cache(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        response.read()
        return response.headers.get("X-Cache")


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: gzip", url],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p50.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": rps,
        "p50_ms": round(float(p50.group(1)) * scale, 2),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="", help="default: SQLite in a scratch directory")
    parser.add_argument(
        "--phase-seconds", type=float, default=20, help="how long each phase loads the site"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--measure",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="wrk an article cached (Redis up) and uncached (Redis down)",
    )
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        sys.exit("redis-server is missing (apt-get install redis-server)")

    tmp = Path(tempfile.mkdtemp(prefix="nashra-faults-"))
    redis = RedisServer(tmp, persistent=True)
    atexit.register(redis.kill)  # whatever happens, no redis-server is left behind
    redis.start()
    mail_port = free_port()  # nothing listens there until the mail sink starts
    db = args.database_url or f"sqlite:///{tmp / 'faults.sqlite3'}"
    env = production_environment(
        SECRET_KEY="faults-only-" + "f" * 50,
        DATABASE_URL=db,
        MEDIA_ROOT=str(tmp / "media"),
        REDIS_URL=redis.url,
        NASHRA_CACHE_RETRY_AFTER="1",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mail_port),
        EMAIL_TIMEOUT="3",
        NASHRA_CAPTCHA_DIFFICULTY="2000",
        NASHRA_VOTES_PER_ADDRESS_PER_MINUTE="100000000",
        NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY="100000000",
        NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN="100000000",
        NASHRA_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR",
        WEB_CONCURRENCY=str(args.workers),
        PYTHONPATH=str(ROOT),
    )
    print(
        f"Setting up {db} (Redis on port {redis.port}, no mail server on port {mail_port}) ...",
        file=sys.stderr,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")
    manage(env, "collectstatic", "--noinput")
    manage(
        env,
        "shell",
        "-c",
        (
            "from django.contrib.auth import get_user_model; "
            "get_user_model().objects.create_superuser("
            "'faults-moderator', 'moderator@example.org', "
            f"{uuid.uuid4().hex!r})"
        ),
    )
    found = json.loads(
        manage(
            env,
            "shell",
            "-c",
            (
                "import json; from django.utils import translation; "
                "from nashra.news.models import ArticlePage; "
                "arts = list(ArticlePage.objects.live().filter(locale__language_code='en')"
                ".order_by('pk')[:4]); "
                "translation.activate('en'); "
                "print(json.dumps({'ids': [a.pk for a in arts], "
                "'pages': ['/en/', '/ar/'] + [a.url for a in arts]}))"
            ),
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    since = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime(time.time() - 1))

    app = AppServer(env, tmp)
    app.start()
    worker = Worker(env, tmp)
    worker.start()
    tally, run_id = Tally(), uuid.uuid4().hex[:8]
    checks, figures = [], {}
    load = Load(lambda: app.base, tally, found["pages"], found["ids"], run_id)
    phase = args.phase_seconds
    try:
        if args.measure:
            figures["cached"] = wrk(app.base + found["pages"][2], 10)
        load.start()
        time.sleep(phase)  # Redis up
        print("Killing Redis during reads and writes ...", file=sys.stderr)
        redis.kill()
        reads_before = tally.statuses[("read", 200)]
        time.sleep(phase)
        # A loaded machine may answer no read within a short phase: wait for one (at most 30 s).
        with contextlib.suppress(RuntimeError):  # the check below reports it
            wait_until(lambda: tally.bypass_reads > 0, 30, "a read while Redis is down")
        health = json.loads(urllib.request.urlopen(app.base + "/healthz", timeout=10).read())
        checks.append(
            (
                "pages read with Redis down",
                tally.statuses[("read", 200)] > reads_before and tally.bypass_reads > 0,
                f"{tally.bypass_reads} marked BYPASS",
            )
        )
        checks.append(
            (
                "/healthz names the cache as down (200, degraded)",
                health.get("cache") == "unavailable" and health.get("status") == "degraded",
                json.dumps(health),
            )
        )
        if args.measure:
            load.finish()
            figures["redis_down"] = wrk(app.base + found["pages"][2], 10)
            load = Load(lambda: app.base, tally, found["pages"], found["ids"], run_id)
            load.start()
        print("Restarting Redis ...", file=sys.stderr)
        redis.start()
        path = found["pages"][3]
        try:
            wait_until(
                lambda: x_cache(app.base, path) == "HIT", 30, "a cache hit after Redis came back"
            )
            came_back = True
        except RuntimeError:
            came_back = False
        checks.append(("the cache comes back by itself", came_back, path))
        time.sleep(phase)
        print("Restarting the app server during posting ...", file=sys.stderr)
        app.stop()
        time.sleep(0.5)
        app.start()
        time.sleep(phase)
        print(
            "Killing Redis again, then a privacy request with the mail server down ...",
            file=sys.stderr,
        )
        redis.kill()
        time.sleep(phase / 2)
        status, body, _ = request(
            tally,
            "privacy",
            app.base + "/ar/engagement/privacy/",
            {"email": "reader@example.org", "action": "export"},
            {"Origin": app.base},
        )
        queued_notice = "تعذّر علينا إرسال البريد" in body.decode()
        checks.append(
            (
                "privacy request with mail down: told in Arabic, kept",
                status == 200 and queued_notice,
                f"HTTP {status}",
            )
        )
        redis.start()
        time.sleep(phase / 2)
    finally:
        load.finish()
        app.stop()
        worker.stop()
        # The last second's votes are still in Redis (up again): written as the worker's next
        # flush would, then counted.
        flushed = subprocess.run(
            [PY, "manage.py", "engagement_flush_votes"],
            env=env,
            cwd=ROOT,
            text=True,
            capture_output=True,
        )
        redis.kill()

    stored = json.loads(
        subprocess.run(
            [PY, "-c", STORED % {"run": run_id, "since": since, "moderators": 1}],
            env=env,
            cwd=ROOT,
            check=True,
            text=True,
            capture_output=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    lost = tally.accepted_comments - set(stored["comments"])
    sink = MailSink(mail_port)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    waiting = stored["outbox"]["privacy"] + stored["outbox"]["moderation"]
    outbox = subprocess.run(
        [PY, "manage.py", "core_send_outbox"], env=env, cwd=ROOT, text=True, capture_output=True
    )
    sink.shutdown()

    print()
    print(f"{'':34}{'accepted':>10}{'stored':>10}")
    print(f"{'comments':34}{len(tally.accepted_comments):>10}{len(stored['comments']):>10}")
    print(f"{'votes (new readers)':34}{tally.accepted_votes:>10}{stored['votes']:>10}")
    print(
        f"{'moderator mails (mail down)':34}{tally.pending_comments:>10}"
        f"{stored['outbox']['moderation']:>10}   kept in the outbox"
    )
    privacy_kept = stored["outbox"]["privacy"]
    print(f"{'privacy mails (mail down)':34}{1:>10}{privacy_kept:>10}   kept in the outbox")
    print(f"answers: {dict(sorted((f'{k} {s}', n) for (k, s), n in tally.statuses.items()))}")
    print(
        f"unanswered (server restarting): {dict(tally.unanswered)}; refused with a message: "
        f"{dict(tally.refused)}; reads marked BYPASS: {tally.bypass_reads}"
    )
    print(
        f"mail server back: {len(sink.received)} of {waiting} kept e-mails delivered "
        f"({outbox.stdout.strip()})"
    )
    if figures:
        down, cached = figures["redis_down"], figures["cached"]
        print(
            f"article, wrk -c16 10 s: cached {cached['rps']:.0f} req/s "
            f"(p50 {cached['p50_ms']} ms); "
            f"Redis down {down['rps']:.0f} req/s (p50 {down['p50_ms']} ms, "
            f"{down['non_2xx']} non-2xx)"
        )
        checks.append(("wrk with Redis down: every answer 2xx", down["non_2xx"] == 0, ""))
    checks += [
        ("0 5xx", tally.server_errors == 0, str(tally.server_errors)),
        ("0 empty error pages", not tally.empty_errors, str(dict(tally.empty_errors))),
        ("0 accepted comments lost", not lost, str(sorted(lost))),
        (
            "every accepted vote stored",
            stored["votes"] >= tally.accepted_votes and flushed.returncode == 0,
            (flushed.stdout + flushed.stderr).strip()[-300:],
        ),
        (
            "comments and votes accepted in every phase",
            len(tally.accepted_comments) > 0 and tally.accepted_votes > 0,
            "",
        ),
        (
            "every moderator mail kept while mail was down",
            stored["outbox"]["moderation"] >= tally.pending_comments * stored["moderators"],
            "",
        ),
        ("the privacy mail kept", stored["outbox"]["privacy"] == 1, ""),
        (
            "the outbox sent once mail is back",
            len(sink.received) == waiting and outbox.returncode == 0,
            outbox.stderr.strip()[-300:],
        ),
    ]
    print()
    for name, ok, detail in checks:
        print(
            f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else "")
        )
    print(
        "JSON: "
        + json.dumps(
            {
                "database": db.split(":", 1)[0].replace("postgresql", "postgres"),
                "accepted": {
                    "comments": len(tally.accepted_comments),
                    "votes": tally.accepted_votes,
                },
                "stored": {
                    "comments": len(stored["comments"]),
                    "votes": stored["votes"],
                    "lost": len(lost),
                },
                "server_errors": tally.server_errors,
                "empty_errors": sum(tally.empty_errors.values()),
                "bypass_reads": tally.bypass_reads,
                "figures": figures,
                "checks": {name: ok for name, ok, _detail in checks},
            }
        )
    )
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if all(ok for _name, ok, _detail in checks) else 1)


if __name__ == "__main__":
    main()
