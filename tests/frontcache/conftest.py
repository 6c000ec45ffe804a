"""The production stack as deployed: the production server (deploy/serve.py) on Redis behind
the nginx front cache rendered by `manage.py nginx_config`, with Wagtail's frontend-cache
purging pointed at that nginx."""

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.support import (
    free_port,
    production_environment,
    redis_or_skip,
    redis_test_url,
    scratch_database_url,
    wait_until_answering,
)

ROOT = Path(__file__).resolve().parents[2]
JS_MODULE = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REDIS_URL = redis_test_url(4)


@pytest.fixture(scope="session")
def front_stack():
    if not (shutil.which("nginx") and JS_MODULE.exists()):
        message = (
            "nginx with its JavaScript module is missing "
            "(`make bench-deps` installs nginx-light and libnginx-mod-http-js)"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message + "; skipped outside CI")
    redis_client = redis_or_skip(REDIS_URL)
    key_prefix = f"nashra-front-{uuid.uuid4().hex[:8]}"  # this run's own keys
    # nginx's workers run unprivileged and keep their cache here: a world-reachable directory
    # (pytest's own temporary root is private to its user).
    tmp = Path(tempfile.mkdtemp(prefix="nashra-front-"))
    os.chmod(tmp, 0o777)
    app_port, nginx_port = free_port(), free_port()
    env = production_environment(
        DATABASE_URL=scratch_database_url(tmp, "nashra_front"),
        MEDIA_ROOT=str(tmp / "media"),
        REDIS_URL=REDIS_URL,
        NASHRA_CACHE_KEY_PREFIX=key_prefix,
        NASHRA_FRONT_CACHE_URL=f"http://127.0.0.1:{nginx_port}",
        WEB_CONCURRENCY="2",
        BIND=f"127.0.0.1:{app_port}",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    setup_env = {
        k: v for k, v in env.items() if k != "NASHRA_FRONT_CACHE_URL"
    }  # nginx isn't up yet
    for command in (
        ["migrate", "--noinput"],
        ["news_load_demo", "--no-editor"],
        ["engagement_load_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run(manage + command, env=setup_env, check=True, cwd=ROOT, capture_output=True)

    site = subprocess.run(
        manage
        + [
            "nginx_config",
            "--listen",
            f"127.0.0.1:{nginx_port}",
            "--upstream",
            f"127.0.0.1:{app_port}",
            "--cache-dir",
            str(tmp / "nginx-cache"),
        ],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    (tmp / "nashra.conf").write_text(site)
    temp = "".join(
        f"  {kind}_temp_path {tmp}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp / "nginx.conf").write_text(
        f"load_module {JS_MODULE};\nworker_processes 1;\npid {tmp}/nginx.pid;\n"
        f"error_log {tmp}/nginx-error.log;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n  access_log off;\n{temp}  include {tmp}/nashra.conf;\n}}\n"
    )
    app_log, nginx_log = tmp / "server.log", tmp / "nginx.out"
    with open(app_log, "w") as app_err, open(nginx_log, "w") as nginx_err:
        app = subprocess.Popen(
            [sys.executable, "deploy/serve.py"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=app_err,
        )
        nginx = subprocess.Popen(
            ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp), "-g", "daemon off;"],
            stderr=nginx_err,
        )
    try:
        wait_until_answering(f"http://127.0.0.1:{app_port}/healthz", app, app_log)
        wait_until_answering(f"http://127.0.0.1:{nginx_port}/healthz", nginx, nginx_log)
        yield {
            "url": f"http://127.0.0.1:{nginx_port}",
            "app": f"http://127.0.0.1:{app_port}",
            "env": env,
            "tmp": tmp,
        }
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(10)
        app.wait(20)
        shutil.rmtree(tmp, ignore_errors=True)
        for key in redis_client.scan_iter(f"{key_prefix}:*"):
            redis_client.delete(key)


def stack_shell(stack, code):
    """Run Python in the stack's Django (its database, its purge settings): what an editor's
    publish in the admin does, in a separate process like another app server."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-v", "0", "-c", code],
        env=stack["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip()
