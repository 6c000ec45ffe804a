"""Wagtail's database search backend, with index updates on SQLite that cost the same at any
archive size.

After every save, modelsearch's SQLite index recomputes the average title length over the
whole index and scans the whole index for new entries to give them a title norm: a cost per
save that grows with the archive, paid twice per publish (measured in
docs/developers/decisions.md). Here the average is
cached for a day (`update_index` still recomputes every norm exactly) and only the entries just
written get their norm. Nashra's own ranking (nashra.search.ranking) does not read the norm;
Wagtail's admin search does. PostgreSQL keeps modelsearch's backend as it is.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_index import IncrementalSQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:
            return IncrementalSQLiteSearchBackend(params)
    return backend
