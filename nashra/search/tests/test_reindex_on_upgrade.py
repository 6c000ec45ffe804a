"""An upgraded install's index holds the terms of the analysis before issue 18: the core
migration 0002 queues one rebuild for the worker, and a fresh database queues nothing."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage
from nashra.search.ranking import ranked_ids

pytestmark = pytest.mark.django_db
migration = importlib.import_module("nashra.core.migrations.0002_reindex_for_arabic_morphology")


class _SchemaEditor:
    connection = connection


def test_an_index_built_before_is_rebuilt_by_the_worker_once():
    call_command("update_index", verbosity=0)
    assert IndexEntry.objects.exists()
    migration.queue_rebuild(apps, _SchemaEditor())
    result = DBTaskResult.objects.get()
    assert result.status == "READY" and result.task_path.endswith("rebuild_search_index")


def test_a_fresh_database_queues_nothing():
    IndexEntry.objects.all().delete()
    migration.queue_rebuild(apps, _SchemaEditor())
    assert not DBTaskResult.objects.exists()


def test_old_terms_miss_the_new_query_until_the_index_is_rebuilt():
    arabic = ArticlePage.objects.live().filter(locale__language_code="ar")
    article = next(a for a in arabic.order_by("pk") if "وزير" not in a.search_terms())
    article.title, article.standfirst = "تقرير الأسبوع", "قال وزير الصحة إن المستشفى يفتح غدا."
    # What the analysis before issue 18 indexed for وزير (Snowball took its و for "and").
    article._search_terms = "قال زير صح ان مستشفي يفتح غدا"
    get_search_backend().add(article)
    assert article.pk not in ranked_ids(arabic, query_terms("الوزير"), language="ar")[0]
    article.save_revision().publish()  # re-indexed with the current analysis
    assert article.pk in ranked_ids(arabic, query_terms("الوزير"), language="ar")[0]
