"""Page weight on a phone: the bytes a reader's browser transfers to show one article whose
lead is a real-photo-sized picture (3000x2000, about 1-2 MB of JPEG), per resource type.

    python bench/page_weight.py            # prints a table, writes bench/results/page-weight-*.json

It sets up the demo in a scratch SQLite database, replaces one English article's lead with a
generated photo-like image (noise over gradients: it compresses like a photograph, not like a
drawing), and serves the site as production does: deploy/serve.py on the production settings,
its background worker, and the nginx front cache (`manage.py nginx_config`, gzip and the media
and static locations included). Chromium (Playwright, /usr/bin/chromium) then loads the article
with an empty cache in a phone viewport (390x844) at device scale factors 3 and 2, without
scrolling, and sums the Resource Timing `transferSize` (bytes on the wire: headers plus the
compressed body) and `encodedBodySize` of the document and of every resource, by type.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from run import JS_MODULE, PY, manage, sh  # noqa: E402

from tests.support import production_environment, wait_until_answering  # noqa: E402

# Runs in the site's Django: a photo-like 3000x2000 JPEG as the lead of one English article,
# published; prints the article's path.
MAKE_ARTICLE = r"""
import io, random
from PIL import Image, ImageFilter
from django.core.files.images import ImageFile
from nashra.images.models import NashraImage
from nashra.news.models import ArticlePage

random.seed(7)
w, h = 3000, 2000
base = Image.linear_gradient("L").resize((w, h))
r = base.rotate(90).resize((w, h))
g = Image.radial_gradient("L").resize((w, h))
noise = Image.effect_noise((w, h), 48).filter(ImageFilter.GaussianBlur(1.2))
grain = Image.effect_noise((w, h), 24)
photo = Image.merge("RGB", (
    Image.blend(r, noise, 0.45),
    Image.blend(g, grain, 0.35),
    Image.blend(base, noise, 0.3),
))
buffer = io.BytesIO()
photo.save(buffer, "JPEG", quality=90)
image = NashraImage.objects.create(
    title="Benchmark photo",
    alt_text="A generated photograph-sized picture",
    file=ImageFile(io.BytesIO(buffer.getvalue()), name="benchmark-photo.jpg"),
)
english = ArticlePage.objects.live().filter(locale__language_code="en")
article = english.order_by("-first_published_at").first()
article.lead_image = image
article.save_revision().publish()
print(article.get_url(), len(buffer.getvalue()))
"""

TYPES = ("document", "css", "font", "image", "script", "other")

# Chromium's resource types (DevTools protocol) -> the table's rows.
KINDS = {
    "Document": "document",
    "Stylesheet": "css",
    "Font": "font",
    "Image": "image",
    "Script": "script",
}


def measure(url, scale):
    """Load `url` once with an empty cache; the bytes each response took on the wire
    (Network.loadingFinished's encodedDataLength: headers plus the body as sent, compressed or
    not) and its body alone (the Resource Timing encodedBodySize), by type."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=scale,
            is_mobile=True,
            has_touch=True,
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        seen = {}
        cdp.on(
            "Network.responseReceived",
            lambda e: seen.setdefault(e["requestId"], {}).update(
                url=e["response"]["url"], type=KINDS.get(e["type"], "other")
            ),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: seen.setdefault(e["requestId"], {}).update(transfer=e["encodedDataLength"]),
        )
        cdp.on(
            "Network.loadingFailed",
            lambda e: print(
                "failed:", seen.get(e["requestId"]), e.get("errorText"), file=sys.stderr
            ),
        )
        page.on("console", lambda m: print("console:", m.text, file=sys.stderr))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        bodies = page.evaluate(
            "() => Object.fromEntries([...performance.getEntriesByType('navigation'),"
            " ...performance.getEntriesByType('resource')].map(e => [e.name, e.encodedBodySize]))"
        )
        browser.close()
    entries = [
        {**entry, "encoded": bodies.get(entry["url"], 0)}
        for entry in seen.values()
        if "url" in entry and "transfer" in entry and not entry["url"].startswith("data:")
    ]
    totals = {kind: {"transfer": 0, "encoded": 0, "count": 0} for kind in TYPES}
    for entry in entries:
        row = totals[entry["type"]]
        row["transfer"] += entry["transfer"]
        row["encoded"] += entry["encoded"]
        row["count"] += 1
    return {"totals": totals, "entries": entries}


def nginx_front(tmp, env, app_port, port):
    """nginx as deployed: the site `manage.py nginx_config` renders, inside the `http` block of
    Debian's nginx.conf as far as it matters here (MIME types, which the browser checks)."""
    cache = Path(tmp) / "front-cache"
    cache.mkdir()
    os.chmod(cache, 0o777)
    state = Path(tmp) / "front-cache-state"  # the breaking banner's versions (nginx_config)
    state.mkdir()
    os.chmod(state, 0o777)
    site = sh(
        [PY, "manage.py", "nginx_config", "--listen", f"127.0.0.1:{port}"]
        + ["--upstream", f"127.0.0.1:{app_port}", "--cache-dir", str(cache)],
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
        f"http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n  sendfile on;\n{temp}  include {tmp}/front-site.conf;\n}}\n"
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", tmp, "-g", "daemon off;"])


def table(label, result):
    lines = [
        f"\n{label}",
        "| type | requests | transferred (KB) | body (KB) |",
        "|---|---:|---:|---:|",
    ]
    transfer = encoded = count = 0
    for kind in TYPES:
        row = result["totals"][kind]
        transfer, encoded, count = (
            transfer + row["transfer"],
            encoded + row["encoded"],
            count + row["count"],
        )
        kb = f"{row['transfer'] / 1024:.1f} | {row['encoded'] / 1024:.1f}"
        lines.append(f"| {kind} | {row['count']} | {kb} |")
    lines.append(f"| **total** | {count} | **{transfer / 1024:.1f}** | {encoded / 1024:.1f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--front-port", type=int, default=8112)
    args = parser.parse_args()
    if not JS_MODULE.exists():
        sys.exit(f"{JS_MODULE} is missing: `make bench-deps` installs it (Debian).")

    tmp = tempfile.mkdtemp(prefix="nashra-weight-")
    os.chmod(tmp, 0o755)  # nginx's workers run as an unprivileged user
    media = Path(tmp) / "media"
    media.mkdir()
    os.chmod(media, 0o755)
    env = production_environment(
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{tmp}/weight.sqlite3",
        MEDIA_ROOT=str(media),
        NASHRA_CACHE_DIR=f"{tmp}/cache",
        NASHRA_PAGE_CACHE="true",
        WEB_CONCURRENCY="2",
        BIND=f"127.0.0.1:{args.port}",
        PYTHONPATH=str(ROOT),
        NASHRA_FRONT_CACHE_URL=f"http://127.0.0.1:{args.front_port}",
    )
    print(f"Setting up {tmp} ...", file=sys.stderr)
    manage(env, "migrate", "--noinput")
    manage(env, "news_load_demo", "--no-editor")
    manage(env, "collectstatic", "--noinput")
    made = manage(env, "shell", "--no-imports", "-v", "0", "-c", MAKE_ARTICLE).stdout.split()
    path, original_bytes = made[-2], int(made[-1])
    os.system(f"chmod -R a+rX {media}")  # nginx's workers read the media as another user

    with open(f"{tmp}/server.log", "w") as log:
        server = subprocess.Popen(
            [PY, "deploy/serve.py"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
        )
        worker = subprocess.Popen(
            [PY, "deploy/worker.py"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log
        )
    front = None
    try:
        wait_until_answering(f"http://127.0.0.1:{args.port}/healthz", server, f"{tmp}/server.log")
        front = nginx_front(tmp, env, args.port, args.front_port)
        url = f"http://127.0.0.1:{args.front_port}{path}"
        wait_until_answering(url, seconds=120)  # the first request renders (and makes renditions)
        time.sleep(1)
        os.system(f"chmod -R a+rX {media}")
        with urllib.request.urlopen(url) as response:  # now from the front cache
            response.read()
        results = {
            "url": path,
            "original_lead_bytes": original_bytes,
            "dpr3": measure(url, 3),
            "dpr2": measure(url, 2),
        }
    finally:
        for process in (front, server, worker):
            if process is not None:
                process.terminate()
                process.wait(10)
    print(f"Lead original: {original_bytes / 1024:.0f} KB (3000x2000 JPEG); article {path}")
    print(table("Phone 390x844, device scale factor 3", results["dpr3"]))
    print(table("Phone 390x844, device scale factor 2", results["dpr2"]))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"page-weight-{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.write_text(json.dumps(results, indent=2))
    print(f"\n{target}", file=sys.stderr)


if __name__ == "__main__":
    main()
