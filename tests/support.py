"""What the tests that start real servers share: free ports and scratch databases of the
kind the current pass tests (a SQLite file, or a PostgreSQL database beside DATABASE_URL's)."""

import os
import socket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scratch_database_url(tmp_path, name):
    """A fresh, empty database called `name` (a file in tmp_path for SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(host=cfg["HOST"], port=cfg["PORT"], user=cfg["USER"] or None,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def redis_or_skip(url):
    """A client for the Redis at `url`; unreachable, that fails the test in CI and skips it,
    with the reason, outside CI (the rule conftest.py applies to PostgreSQL)."""
    import pytest
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Redis at {url} is unreachable ({exc}). CI requires it.")
        pytest.skip(f"Redis at {url} is unreachable ({exc}); skipped outside CI")
    return client
