import os
import subprocess
import sys
from pathlib import Path

from tests.support import production_environment

ROOT = Path(__file__).resolve().parents[3]


def _check(env_overrides, *args):
    # Neither SECRET_KEY nor ALLOWED_HOSTS unless the test sets them: production must refuse.
    env = production_environment(**{"SECRET_KEY": None, "ALLOWED_HOSTS": None, **env_overrides})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _check({"ALLOWED_HOSTS": "news.example.org"})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = _check(
        {
            "SECRET_KEY": "k3J9-pQ2_vX8zL5mN1bR7tY4wE6uI0oA2sD8fG3hJ5kL7zX9cV1bN",
            "ALLOWED_HOSTS": "news.example.org",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_database_is_embedded_sqlite():
    from django.conf import settings

    if os.environ.get("DATABASE_URL"):
        assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    else:
        assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
