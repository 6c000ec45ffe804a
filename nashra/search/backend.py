"""Wagtail's database search backend, with index updates on SQLite that cost the same at any
archive size.

After every save, modelsearch's SQLite index recomputes the average title length over the
whole index and scans the whole index for new entries to give them a title norm: about 90 ms
per save at 20,000 articles, growing with the archive, twice per publish. Here the average is
cached for a day (`update_index` still recomputes every norm exactly) and only the entries just
written get their norm. Nashra's own ranking (nashra.search.ranking) does not read the norm;
Wagtail's admin search does. PostgreSQL keeps modelsearch's backend as it is.
"""

from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length
from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex, SQLiteSearchBackend
from modelsearch.utils import get_content_type_pk

AVERAGE_TITLE_KEY = "search:average-title-length"


class IncrementalSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        self._written = (get_content_type_pk(model), [force_str(obj.pk) for obj in objs])
        try:
            super().add_items(model, objs)
        finally:
            self._written = None

    def _refresh_title_norms(self, full=False):
        written = getattr(self, "_written", None)
        if full or not written:
            cache.delete(AVERAGE_TITLE_KEY)
            return super()._refresh_title_norms(full=full)
        average = cache.get(AVERAGE_TITLE_KEY)
        if average is None:
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
            cache.set(AVERAGE_TITLE_KEY, average, 24 * 60 * 60)
        content_type, ids = written
        self.entries.filter(content_type_id=content_type, object_id__in=ids).annotate(
            title_length=Length("title")
        ).filter(title_length__gt=0).update(title_norm=average / F("title_length"))


class IncrementalSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = IncrementalSQLiteIndex


def SearchBackend(params):  # noqa: N802 - the name Wagtail's backend loader looks for
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and type(backend) is SQLiteSearchBackend:
        return IncrementalSQLiteSearchBackend(params)
    return backend
