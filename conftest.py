"""Suite-wide fixtures: database choice (SQLite or PostgreSQL), demo content, Chromium."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + Django

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
WANTS_POSTGRES = os.environ.get("NASHRA_TEST_DATABASE") == "postgresql"


def _postgres_unreachable_reason():
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
    try:
        psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or None,
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        return f"PostgreSQL at {cfg['HOST']}:{cfg['PORT']} is unreachable ({exc})".strip()
    return None


_PG_REASON = _postgres_unreachable_reason() if WANTS_POSTGRES else None


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"nashra: database backend = {engine}"


def pytest_sessionstart(session):
    if _PG_REASON and IN_CI:
        pytest.exit(f"{_PG_REASON}. CI requires PostgreSQL.", returncode=1)


# Tests that start servers or processes of their own, or check how soon something happens:
# `make test` runs them alone, one pass after the other, after the rest of both passes has run
# side by side (docs/developers/testing.md). Paths from the project root; a folder takes all.
SERIAL = (
    "tests/",
    "nashra/core/tests/test_degraded_cache.py",
    "nashra/core/tests/test_front_cache_retry.py",
    "nashra/core/tests/test_local_versions.py",
    "nashra/core/tests/test_media_storage.py",
    "nashra/core/tests/test_production_boot.py",
    "nashra/core/tests/test_sqlite_concurrency.py",
    "nashra/distribution/tests/test_purge_batch.py",
    "nashra/engagement/tests/test_ratelimit.py",
    "nashra/engagement/tests/test_votes_persistence.py",
    "nashra/lockout/tests/test_concurrent_sign_ins.py",
    "nashra/news/tests/test_breaking_banner.py",
    "nashra/newsroom/tests/test_workers.py",
    "nashra/wpimport/tests/test_bench_driver.py",
    "nashra/wpimport/tests/test_import_concurrency.py",
    "nashra/wpimport/tests/test_media_concurrency.py",
    "nashra/wpimport/tests/test_wxr.py",
)


def pytest_collection_modifyitems(config, items):
    serial = pytest.mark.serial
    for item in items:
        if item.nodeid.startswith(SERIAL):
            item.add_marker(serial)
    if _PG_REASON:
        skip = pytest.mark.skip(
            reason=f"{_PG_REASON}; PostgreSQL run skipped outside CI (CI=true makes this fatal)"
        )
        for item in items:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the demo edition, loaded once per session."""
    from nashra.engagement import demo as engagement_demo
    from nashra.images.signal_handlers import renditions_not_queued
    from nashra.news.demo.loader import DemoLoader

    # The demo's pictures queue no rendition tasks: every test starts with an empty queue.
    with django_db_blocker.unblock(), renditions_not_queued():
        DemoLoader().load()
        engagement_demo.load()
        # What a transactional test marked serialized_rollback starts from again after an
        # earlier transactional test emptied the database: the demo, not only the migrations.
        from django.db import connections

        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached lookups must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
