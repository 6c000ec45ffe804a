import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _check(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"DJANGO_SETTINGS_MODULE": "nashra.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", *args],
        env=env, cwd=ROOT, capture_output=True, text=True,
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
