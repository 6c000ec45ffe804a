"""Production's cookie and HSTS defaults, read the way an operator's environment sets them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import production_environment

ROOT = Path(__file__).resolve().parents[3]


def _production(**overrides):
    env = production_environment(
        without=("NASHRA_PUBLIC_URL", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"),
        ALLOWED_HOSTS="news.example.org",
        **overrides,
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        # A TLS proxy that redirects by itself: the public URL says the site is HTTPS.
        ({"NASHRA_PUBLIC_URL": "https://news.example.org"}, [True, True, 31536000, False]),
        ({"SECURE_SSL_REDIRECT": "true"}, [True, True, 31536000, True]),
        # Plain HTTP (a trial on a LAN): cookies must still reach the server.
        ({"NASHRA_PUBLIC_URL": "http://10.0.0.5"}, [False, False, 31536000, False]),
        ({"SECURE_HSTS_SECONDS": "0"}, [False, False, 0, False]),
    ],
)
def test_secure_cookie_and_hsts_defaults(overrides, expected):
    assert _production(**overrides) == expected
