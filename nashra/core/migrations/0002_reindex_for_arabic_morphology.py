"""Rebuild the search index once on an upgraded install: the Arabic analysis of issue 18
(nashra.core.arabic_analysis) gives many Arabic words new terms (وزير is no longer زير, مدارس
is مدرسه), so an index built before it misses Arabic queries until it is rebuilt.

The rebuild is queued for the newsroom worker (nashra.newsroom.tasks.rebuild_search_index,
the admin's "Rebuild the search index"), not run inside `migrate`: it takes minutes on a large
archive and needs the current models. A database with no index entries yet (a new install,
the test database) has nothing to rebuild. `manage.py update_index` does the same at once.
"""

from django.db import migrations


def queue_rebuild(apps, schema_editor):
    entries = apps.get_model("wagtailsearch", "IndexEntry")
    if not entries.objects.using(schema_editor.connection.alias).exists():
        return
    from nashra.newsroom.tasks import rebuild_search_index

    rebuild_search_index.enqueue()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_pending_purges_and_mail_outbox"),
        ("newsroom", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(queue_rebuild, migrations.RunPython.noop, elidable=True)]
