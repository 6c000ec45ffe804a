"""A breaking news day, all at once, on the servers bench/run.py started (`--breaking-day`):
cached reads of the front page and an article through the front cache (wrk), live pollers of a
live page's updates endpoint through the front cache (wrk, the bucket URL every reader shares),
reaction votes from new readers (wrk) and comments with solved captchas (threads), the last two
posted to the app server with a reader address each (X-Forwarded-For; through a local nginx
every request would come from one address).

Reports each part's throughput as a ratio to nginx-static and its p99, and the lost writes:
every vote and comment the server acknowledged must be in the database afterwards (queued
votes are flushed first, when the votes queue exists). Lost writes must be 0.
"""

import base64
import json
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

POLL_SCRIPT = """
local interval = %(interval)d
request = function()
  local bucket = math.floor(os.time() / interval) * interval
  return wrk.format("GET", "%(path)s" .. bucket .. "/")
end
"""

VOTE_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "%(origin)s"
math.randomseed(os.time())
request = function()
  -- a new reader (no cookie) from one of 60,000 addresses, answering yes or no
  wrk.headers["X-Forwarded-For"] = "10." .. math.random(0, 250) .. "." ..
    math.random(0, 250) .. "." .. math.random(1, 250)
  wrk.body = math.random() < 0.5 and "value=yes" or "value=no"
  return wrk.format()
end
"""

FLUSH = """
import django
django.setup()
try:
    from nashra.engagement import vote_queue
except ImportError:
    print("direct")  # votes are written as they come: nothing to flush
else:
    for _ in range(1000):
        vote_queue.flush_votes()
        if not vote_queue.store().pending_count():
            break
    print("flushed")
"""


def _wrk(url, seconds, connections, script=None, headers=()):
    from bench.run import parse_wrk

    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], check=True, text=True, capture_output=True).stdout
    return parse_wrk(out)


def _get(url, timeout=30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def _solve(challenge):
    import altcha

    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"], 0
    )
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    return base64.b64encode(json.dumps({**payload, "number": solution.number}).encode()).decode()


def _live_page(store):
    """(id, language) of a live page being covered, or None (no live page type or none live)."""
    try:
        rows = store.rows(
            "SELECT p.id, l.language_code FROM live_livepage lp "
            "JOIN wagtailcore_page p ON p.id = lp.articlepage_ptr_id "
            "JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE p.live ORDER BY p.id LIMIT 1"
        )
    except Exception:  # noqa: BLE001 - the table or its columns are not there
        return None
    return rows[0] if rows else None


class Commenters:
    """Threads posting comments, each with a captcha solved beforehand and its own address;
    what each acknowledged reply names is checked in the database afterwards."""

    def __init__(self, app_base, article_id, lang, forms):
        self.url = f"{app_base}/{lang}/engagement/articles/{article_id}/comment/"
        self.origin = app_base
        self.forms = forms
        self.lock = threading.Lock()
        self.acknowledged, self.refused, self.errors, self.latencies = [], 0, 0, []

    @classmethod
    def prepared(cls, app_base, article_id, lang, count):
        state = f"{app_base}/{lang}/engagement/articles/{article_id}/state/"
        forms = []
        for n in range(count):
            _status, body = _get(state)
            run = uuid.uuid4().hex[:10]
            forms.append(
                (
                    f"10.{n // 250 % 250}.{n % 250}.{random.randrange(1, 250)}",
                    {
                        "name": f"Reader {n}",
                        "email": f"day-{run}@example.org",
                        "body": f"Breaking day comment {run}: is the road open again?",
                        "submission_token": uuid.uuid4().hex,
                        "altcha": _solve(json.loads(body)["captcha"]),
                    },
                )
            )
        return cls(app_base, article_id, lang, forms)

    def post(self, address, data):
        req = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(data).encode(),
            headers={
                "Accept": "application/json",
                "Origin": self.origin,
                "X-Forwarded-For": address,
            },
        )
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except OSError:
            status, body = 0, b""
        elapsed = (time.monotonic() - start) * 1000
        with self.lock:
            self.latencies.append(elapsed)
            try:
                reply = json.loads(body)
            except ValueError:
                reply = {}
            if status == 200 and reply.get("ok"):
                self.acknowledged.append(reply["comment_id"])
            elif status in (429, 503) and reply.get("message"):
                self.refused += 1
            else:
                self.errors += 1

    def run(self, seconds, threads):
        deadline = time.monotonic() + seconds

        def work():
            while time.monotonic() < deadline:
                with self.lock:
                    if not self.forms:
                        return
                    address, data = self.forms.pop()
                self.post(address, data)

        pool = [threading.Thread(target=work) for _ in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        return seconds


def run(
    *,
    env,
    store,
    app_base,
    front_base,
    article_path,
    article_id,
    tmp,
    seconds,
    static_rps,
    readers=32,
    pollers=64,
    voters=16,
    commenters=8,
):
    """Run every part at once for `seconds`; the report (see the module's docstring)."""
    lang = article_path.strip("/").split("/")[0]
    parts, threads, report = {}, [], {"seconds": seconds}

    live = _live_page(store)
    poll = None
    if live:
        page_id, live_lang = live
        path = f"/{live_lang}/live/{page_id}/updates/"
        bucket = int(time.time()) // 10 * 10
        status, _body = _get(f"{front_base}{path}{bucket}/")
        if status == 200:
            poll = Path(tmp) / "day-poll.lua"
            poll.write_text(POLL_SCRIPT % {"interval": 10, "path": path})
        else:
            report["polling"] = f"not available (the updates endpoint answered {status})"
    else:
        report["polling"] = "not available (no live page type, or no live page in the corpus)"

    vote_script = Path(tmp) / "day-vote.lua"
    vote_script.write_text(VOTE_SCRIPT % {"origin": app_base})
    vote_url = f"{app_base}/{lang}/engagement/articles/{article_id}/reaction/"
    votes_before = store.count("engagement_reaction", article_id)
    comments = Commenters.prepared(app_base, article_id, lang, count=12 * seconds)
    gzip = ["Accept-Encoding: gzip"]

    def launch(name, fn, *args, **kwargs):
        def target():
            try:
                parts[name] = fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a part that failed is reported as such
                parts[name] = {"error": repr(exc)}

        threads.append(threading.Thread(target=target))

    launch("front_page", _wrk, f"{front_base}/{lang}/", seconds, readers // 2, headers=gzip)
    launch("article", _wrk, front_base + article_path, seconds, readers // 2, headers=gzip)
    if poll:
        launch("polling", _wrk, f"{front_base}/", seconds, pollers, script=str(poll))
    launch("votes", _wrk, vote_url, seconds, voters, script=str(vote_script))
    launch("comments", comments.run, seconds, commenters)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    flushed = subprocess.run(
        [PY, "-c", FLUSH], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    votes = parts["votes"]
    acknowledged_votes = votes.get("requests", 0) - votes.get("non_2xx", 0)
    stored_votes = store.count("engagement_reaction", article_id) - votes_before
    stored_ids = {
        row[0]
        for row in store.rows(
            "SELECT id FROM engagement_comment WHERE article_id = %s", (article_id,)
        )
    }
    latencies = sorted(comments.latencies)
    comment_row = {
        "rps": round(len(latencies) / seconds, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1) if latencies else None,
        "accepted": len(comments.acknowledged),
        "refused": comments.refused,
        "errors": comments.errors,
        "lost": len(set(comments.acknowledged) - stored_ids),
    }
    for name in ("front_page", "article", "polling", "votes"):
        row = parts.get(name)
        if isinstance(row, dict) and "rps" in row:
            row["ratio_to_nginx_static"] = round(row["rps"] / static_rps, 4)
            report[name] = row
        elif row is not None:
            report[name] = row
    report["votes"] = {
        **report.get("votes", {}),
        "acknowledged": acknowledged_votes,
        "stored": stored_votes,
        "lost": max(0, acknowledged_votes - stored_votes),
        "flush": (flushed.stdout.strip().splitlines() or [flushed.stderr[-300:]])[-1],
    }
    comment_row["ratio_to_nginx_static"] = round(comment_row["rps"] / static_rps, 5)
    report["comments"] = comment_row
    report["lost_writes"] = report["votes"]["lost"] + comment_row["lost"]
    return report


def print_report(report):
    print(f"breaking news day ({report['seconds']} s, all parts at once):")
    for name in ("front_page", "article", "polling", "votes", "comments"):
        row = report.get(name)
        if isinstance(row, str) or row is None:
            print(f"  {name:11} {row or 'not run'}")
        elif "rps" in row:
            extra = ""
            if name in ("votes", "comments"):
                extra = "; acknowledged {} stored {} lost {}".format(
                    row.get("acknowledged", row.get("accepted")),
                    row.get("stored", row.get("accepted", 0) - row.get("lost", 0)),
                    row["lost"],
                )
                if name == "comments":
                    extra += f"; refused {row['refused']}, errors {row['errors']}"
            print(
                f"  {name:11} {row['rps']:>9.1f} req/s  x{row['ratio_to_nginx_static']:<8} "
                f"p99 {row.get('p99_ms') or 0:.1f} ms{extra}"
            )
        else:
            print(f"  {name:11} {row}")
    print(f"  lost writes: {report['lost_writes']}")
