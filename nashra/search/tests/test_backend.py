"""Index updates on SQLite cost the same at any archive size (nashra.search.backend)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from nashra.news.models import ArticlePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index only"),
]


def _entry(article):
    return IndexEntry.objects.get(content_type__model="articlepage", object_id=str(article.pk))


def test_the_sqlite_backend_is_the_incremental_one():
    from nashra.search.sqlite_index import IncrementalSQLiteIndex

    assert isinstance(get_search_backend().get_index_for_model(ArticlePage), IncrementalSQLiteIndex)


def test_a_save_sets_its_own_title_norm_without_reading_or_rewriting_the_whole_index():
    first, second = ArticlePage.objects.live().filter(locale__language_code="en")[:2]
    IndexEntry.objects.update(title_norm=1.0)  # as modelsearch leaves new entries
    first.title = "Ferry crews agree a winter timetable"
    first.save()  # the first save works out the average title length, once
    assert _entry(first).title_norm != 1.0
    assert _entry(second).title_norm == 1.0  # other entries are left alone

    with CaptureQueriesContext(connection) as queries:
        second.title = "Harbour council meets on the night shift"
        second.save()
    index_sql = [q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]]
    assert index_sql and not any("AVG(" in sql.upper() for sql in index_sql), index_sql
    assert all('"title_norm" = 1.0' not in sql for sql in index_sql), index_sql
    assert _entry(second).title_norm != 1.0


def test_a_full_rebuild_still_recomputes_every_norm(django_db_blocker):
    from django.core.management import call_command

    IndexEntry.objects.update(title_norm=1.0)
    call_command("update_index", verbosity=0)
    assert not IndexEntry.objects.filter(title_norm=1.0).exclude(title="").exists()
