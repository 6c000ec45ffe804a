"""`manage.py core_optimize_db` refreshes the planner's statistics on either database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_optimize_db_gathers_statistics():
    out = StringIO()
    call_command("core_optimize_db", stdout=out)
    assert f"Analyzed the {connection.vendor} database" in out.getvalue()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'wagtailcore_page'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'wagtailcore_page'")
        assert cursor.fetchone()[0] > 0
