"""What each way of putting the breaking banner in nginx's cache key costs a front-cache hit.

    .venv/bin/python bench/banner_keys.py [--rounds 5] [--seconds 3] [--port 18800]

One nginx (two workers), one 30 kB page, five servers loaded in turn by wrk, round after round:
  static     the page from disk (the machine's limit, as bench/run.py's nginx-static)
  unkeyed    a proxy_cache hit, key without the banner (the front cache before the banner)
  njs_file   the key from deploy/nginx/banner.js's `js_set` (a VM clone and a file read)
  njs_const  a `js_set` returning a constant (the VM clone alone, no file read)
  realpath   no njs: `root <state>/<edition>` and `$realpath_root` in the key, the edition's
             state a symlink to a directory named by the version (a realpath() per request)
Throughput on this shared machine swings with the load, so besides requests a second the script
reports what does not: the nginx workers' CPU time per request (utime + stime from /proc,
divided by the requests wrk counted). Only nginx and wrk; no app, no database.
"""

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
KINDS = ("static", "unkeyed", "njs_file", "njs_const", "realpath")

CONST_JS = "function v(r) { return 'v1'; }\nexport default { v };\n"


def config(tmp, port):
    cached = []
    for number, (kind, key, extra) in enumerate(
        [
            ("unkeyed", '"v1|$uri"', ""),
            ("njs_file", '"v1|$uri|$nashra_banner"', ""),
            ("njs_const", '"v1|$uri|$nashra_const"', ""),
            ("realpath", '"v1|$uri|$realpath_root"', f"root {tmp}/state/$nashra_edition;"),
        ],
        start=1,
    ):
        cached.append(f"""
  proxy_cache_path {tmp}/cache-{kind} levels=1:2 keys_zone={kind}:1m;
  server {{
    listen 127.0.0.1:{port + number};
    set $nashra_state_dir {tmp}/state;
    location / {{
      {extra}
      set $nashra_cache_key {key};
      proxy_pass http://origin;
      proxy_cache {kind};
      proxy_cache_key $nashra_cache_key;
      proxy_cache_valid 200 1h;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}""")
    temp = "".join(
        f"  {kind}_temp_path {tmp}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
load_module {JS_MODULE};
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
{temp}
  js_import nashra_banner from {ROOT / "deploy/nginx/banner.js"};
  js_set $nashra_banner nashra_banner.version;
  js_import nashra_const from {tmp}/const.js;
  js_set $nashra_const nashra_const.v;
  map $uri $nashra_edition {{
    "~^/(?<edition>[a-z]{{2}})/" $edition;
    default "";
  }}
  upstream origin {{ server 127.0.0.1:{port}; keepalive 32; }}
  server {{ listen 127.0.0.1:{port}; root {tmp}/www; }}
{"".join(cached)}
}}
"""


def workers(pid_file):
    master = Path(pid_file).read_text().strip()
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            # The workers, not the cache manager and loader (the loader exits after a minute).
            if (
                f"PPid:\t{master}\n" in text
                and "worker process" in (status.parent / "cmdline").read_text()
            ):
                found.append(status.parent)
        except OSError:
            pass
    return found


def cpu_ticks(processes):
    total = 0
    for process in processes:
        fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--port", type=int, default=18800)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="banner-keys-"))
    (tmp / "www/en").mkdir(parents=True)
    (tmp / "www/en/article.html").write_text("<p>" + "x" * 30000 + "</p>\n")
    (tmp / "state/versions/en-0123abcd").mkdir(parents=True)
    (tmp / "state/banner-en").write_text("0123abcd")
    (tmp / "state/en").symlink_to("versions/en-0123abcd")
    (tmp / "const.js").write_text(CONST_JS)
    (tmp / "nginx.conf").write_text(config(tmp, args.port))
    os.chmod(tmp, 0o755)
    for path in tmp.rglob("*"):
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
    nginx = subprocess.Popen(
        ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp), "-g", "daemon off;"]
    )
    try:
        time.sleep(1)
        processes = workers(tmp / "nginx.pid")
        hz = os.sysconf("SC_CLK_TCK")
        rows = {kind: {"rps": [], "us_cpu": []} for kind in KINDS}
        for _ in range(args.rounds):
            for number, kind in enumerate(KINDS):
                url = f"http://127.0.0.1:{args.port + number}/en/article.html"
                subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)  # store it
                before = cpu_ticks(processes)
                out = subprocess.run(
                    ["wrk", "-t1", "-c16", f"-d{args.seconds}s", url],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                used = cpu_ticks(processes) - before
                done = int(re.search(r"(\d+) requests in", out).group(1))
                rows[kind]["rps"].append(
                    round(float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]))
                )
                rows[kind]["us_cpu"].append(round(used / hz / done * 1e6, 1))
        print(f"load average before/after: see uptime; {args.rounds} rounds of {args.seconds} s")
        static = rows["static"]
        for kind in KINDS:
            cpu = sorted(rows[kind]["us_cpu"])[args.rounds // 2]
            ratios = [
                round(mine / base, 2)
                for mine, base in zip(rows[kind]["rps"], static["rps"], strict=True)
            ]
            print(
                f"{kind:10} CPU us/request median {cpu:5} {rows[kind]['us_cpu']}  "
                f"x nginx-static per round {ratios}"
            )
        errors = (tmp / "error.log").read_text()
        if errors.strip():
            print("nginx error log:\n" + errors)
    finally:
        nginx.terminate()
        nginx.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
