"""The demo (`make demo`): the production settings on one machine, over plain HTTP.

Everything production does stays on (DEBUG off, the page cache, compressed static files, the
reader-facing error pages, the security headers); only what needs an operator is given a safe
local default, and each can still be set in the environment as for production:

- SECRET_KEY: generated on first use and kept in the git-ignored file .demo-secret-key;
- ALLOWED_HOSTS: this machine's names; the site is served over plain http, so no redirect to
  https and no secure-only cookies (production's defaults already, without NASHRA_PUBLIC_URL);
- the cache: files under cache/demo (never Redis), shared by every server worker;
- media: served by Django itself (production leaves /media/ to the web server or S3);
- mail: printed to the console;
- staff two-factor authentication: off, so the demo editor signs in with a password.

The background worker (deploy/worker.py, started by `make demo` beside the server) reads these
settings too: its tasks wait in the SQLite database and its tick's hint in the file cache.

docs/operators/demo.md says how this differs from production.
"""

import os
import secrets
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_SECRET_KEY_FILE = _ROOT / ".demo-secret-key"


def _demo_secret_key():
    """The same key on every run (sessions survive a restart), never one in the code."""
    try:
        # Created readable by its owner only from the start, and by one process only: another
        # one starting at the same moment reads the key this one wrote.
        descriptor = os.open(_SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _written_key()
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
    return _written_key()


def _written_key():
    """The key in the file; empty while another process is still writing it."""
    for _attempt in range(50):
        key = _SECRET_KEY_FILE.read_text().strip()
        if key:
            return key
        time.sleep(0.1)
    raise RuntimeError(f"{_SECRET_KEY_FILE} is empty: delete it to have a new key made")


_PORT = os.environ.get("PORT", "8000")
# production.py reads these as it is imported: defaults go in before.
os.environ.setdefault("SECRET_KEY", _demo_secret_key())
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("NASHRA_2FA_REQUIRED", "off")
# localhost, not 127.0.0.1: browsers offer passkeys on a domain only, and http://localhost is
# the one plain-HTTP origin they accept.
os.environ.setdefault("WAGTAILADMIN_BASE_URL", f"http://localhost:{_PORT}")

from .production import *  # noqa: E402, F403

# Files, like production without REDIS_URL, but in a directory of its own: every Granian
# worker reads the page cache's versions from it, so a publish in one process is seen by the
# next request in any of them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "NASHRA_CACHE_DIR",
            str(BASE_DIR / "cache" / "demo"),  # noqa: F405
        ),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
NASHRA_SERVE_MEDIA = True  # nashra/urls.py: one machine, no web server in front
if not os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
