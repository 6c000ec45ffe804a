"""Refresh the query planner's statistics (ANALYZE).

PostgreSQL's autovacuum does this by itself. A SQLite file never gets statistics unless
someone runs ANALYZE, and without them SQLite guesses every table the same size, so a lookup
can walk an index over a whole edition. Nashra's queries are shaped to find their rows
without statistics; this keeps the planner's other choices sound as the archive grows. Run
it after a large import and from a nightly timer (it is quick even on a large archive:
docs/developers/decisions.md).
"""

import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Refresh the database's query planner statistics (ANALYZE)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, **options):
        connection = connections[database]
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA optimize")
        self.stdout.write(
            f"Analyzed the {connection.vendor} database in {time.monotonic() - started:.1f} s."
        )
