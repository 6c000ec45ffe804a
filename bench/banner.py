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
from concurrent.futures import ThreadPoolExecutor
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


def _watch(url, text, wanted, started, deadline):
    """Fetch `url` until it shows `text` (or, unwanted, no longer does): ms since `started`."""
    while time.time() < deadline:
        if _shows(url, text) == wanted:
            return round((time.time() - started) * 1000, 1)
    return None


def to_visible(env, bases, rounds=3):
    """Each round: set a banner, then watch every page type through every base (name -> URL
    root) at once, one thread each, until each shows it; then remove it and watch until none
    does. Returns, per base and kind, the worst time over rounds for each page type (ms from
    the start of the editor's save) and over all of them, and how long the save itself took."""
    editor = subprocess.Popen(
        [PY, "-c", EDITOR], env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    pages = json.loads(editor.stdout.readline())
    report = {name: {"set": {}, "removed": {}} for name in bases}
    saves = []
    try:
        for n in range(rounds):
            text = f"Bench breaking {n} {time.time_ns()}"
            steps = (("set", f"set {text}", True), ("removed", "remove", False))
            for kind, command, wanted in steps:
                editor.stdin.write(command + "\n")
                editor.stdin.flush()
                started, finished = map(float, editor.stdout.readline().split())
                saves.append((finished - started) * 1000)
                watched = [(b, p) for b in bases for p in pages]
                with ThreadPoolExecutor(max_workers=len(watched)) as pool:
                    times = pool.map(
                        _watch,
                        [bases[b] + pages[p] for b, p in watched],
                        *zip(*[(text, wanted, started, started + 30)] * len(watched), strict=True),
                    )
                    for (base_name, page), took in zip(watched, times, strict=True):
                        worst = report[base_name][kind]
                        if page in worst and worst[page] is None or took is None:
                            worst[page] = None  # not within 30 s
                        else:
                            worst[page] = max(worst.get(page, 0), took)
    finally:
        editor.stdin.close()
        editor.wait(60)
    for rows in report.values():
        for kind in ("set", "removed"):
            times = list(rows[kind].values())
            rows[f"{kind}_max_ms"] = None if None in times else max(times)
    middle = sorted(saves)[len(saves) // 2]
    report["save_ms"] = {"median": round(middle, 1), "max": round(max(saves), 1)}
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
