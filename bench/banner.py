"""The breaking banner in the benchmark (bench/run.py calls `measure`): how long from an
editor's save to the first response that shows it (and, removed, that no longer shows it) on
every page type, through the nginx front cache and through the app alone; and what keying the
front cache by the banner costs a front-cache hit (njs reads the edition's state file on every
page request), as the front-cached article against nginx-static, with and without it."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

EDITOR = """
import json, sys, time
import django
django.setup()
from django.db import transaction
from wagtail.models import Locale
from nashra.news import breaking
from nashra.news.models import (ArticlePage, AuthorPage, BreakingBanner, HomePage, SectionPage,
                                StandardPage)
def url(model):
    return model.objects.live().filter(locale__language_code="en").first().url
home = HomePage.objects.get(locale__language_code="en")
article = ArticlePage.objects.live().filter(locale__language_code="en").first()
print(json.dumps({"front": home.url, "article": article.url, "section": url(SectionPage),
    "tag": home.tag_url(article.tags.first()), "author": url(AuthorPage),
    "standard": url(StandardPage), "search": "/en/search/?q=harbour",
    "404": "/en/no-such-page/"}), flush=True)
locale = Locale.objects.get(language_code="en")
for line in sys.stdin:  # "set <text>" or "remove": as the admin screen saves it
    kind, _, text = line.strip().partition(" ")
    started = time.time()
    with transaction.atomic():
        if kind == "set":
            BreakingBanner.objects.update_or_create(
                locale=locale, defaults={"text": text, "link_url": "https://example.org/"})
        else:
            BreakingBanner.objects.filter(locale=locale).delete()
        breaking.after_commit("en")
    print(started, time.time(), flush=True)
"""


def _shows(url, text):
    try:
        body = urllib.request.urlopen(url, timeout=10).read().decode()
    except urllib.error.HTTPError as error:  # the 404 page
        body = error.read().decode()
    return text in body


def to_visible(env, bases, rounds=3):
    """For each base (name -> URL root), each round: set a banner, then poll every page type
    until each shows it; remove it, then poll until none does. Returns the worst time (ms, from
    the start of the save) over page types and rounds, per base and per kind, and per page."""
    editor = subprocess.Popen(
        [PY, "-c", EDITOR], env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    pages = json.loads(editor.stdout.readline())
    report = {name: {"set": {}, "removed": {}} for name in bases}
    try:
        for n in range(rounds):
            text = f"Bench breaking {n} {time.time_ns()}"
            for kind, command, wanted in (
                ("set", f"set {text}", True),
                ("removed", "remove", False),
            ):
                editor.stdin.write(command + "\n")
                editor.stdin.flush()
                started, _finished = map(float, editor.stdout.readline().split())
                for base_name, base in bases.items():
                    waiting = dict(pages)
                    deadline = time.time() + 30
                    while waiting and time.time() < deadline:
                        for page, path in list(waiting.items()):
                            if _shows(base + path, text) == wanted:
                                took = (time.time() - started) * 1000
                                worst = report[base_name][kind]
                                worst[page] = round(max(worst.get(page, 0), took), 1)
                                del waiting[page]
                    for page in waiting:
                        report[base_name][kind][page] = None  # never within 30 s
    finally:
        editor.stdin.close()
        editor.wait(60)
    for rows in report.values():
        for kind in ("set", "removed"):
            times = [t for t in rows[kind].values() if t is not None]
            rows[f"{kind}_max_ms"] = max(times) if len(times) == len(rows[kind]) else None
    report["rounds"] = rounds
    return report


def without_banner_key(site_conf):
    """The same nginx site without the banner in its keys: the front cache before it."""
    lines = [line for line in site_conf.splitlines() if "js_set $nashra_banner" not in line]
    return "\n".join(lines).replace("|$nashra_banner", "") + "\n"


def unkeyed_front(tmp, front_port, port):
    """A second nginx, as bench/run.py's front cache but without the banner in its keys, on
    `port`, for the before/after comparison of a front-cache hit."""
    tmp = Path(tmp)
    cache = tmp / "front-cache-unkeyed"
    cache.mkdir()
    cache.chmod(0o777)
    site = without_banner_key((tmp / "front-site.conf").read_text())
    site = site.replace(f"127.0.0.1:{front_port};", f"127.0.0.1:{port};", 1)
    site = site.replace(str(tmp / "front-cache"), str(cache))
    (tmp / "front-unkeyed-site.conf").write_text(site)
    conf = (tmp / "front.conf").read_text()
    conf = conf.replace("front.pid", "front-unkeyed.pid").replace("front-error", "frontu-error")
    conf = conf.replace("_path " + str(tmp) + "/front-", "_path " + str(tmp) + "/frontu-")
    conf = conf.replace("front-site.conf", "front-unkeyed-site.conf")
    (tmp / "front-unkeyed.conf").write_text(conf)
    return subprocess.Popen(
        ["nginx", "-c", str(tmp / "front-unkeyed.conf"), "-p", str(tmp), "-g", "daemon off;"]
    )
