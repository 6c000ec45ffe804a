"""The SQLite index of nashra.search.backend (imported only on SQLite: modelsearch's SQLite
models exist only there)."""

from django.core.cache import cache
from django.db.models import Avg, F
from django.db.models.functions import Length
from django.utils.encoding import force_str
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
