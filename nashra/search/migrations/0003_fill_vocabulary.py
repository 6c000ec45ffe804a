"""Fill the vocabulary of "did you mean" for an install that already has published articles
(`manage.py search_vocabulary` does the same at any time). It reads the articles through the
current models: if a later migration has yet to add their columns, it leaves the vocabulary
empty and says to run the command after `migrate`."""

import sys

from django.db import DatabaseError, migrations, transaction


def fill(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    if not Page.objects.filter(live=True, depth__gte=4).exists():
        return  # a new install: its articles are counted as they are published
    from nashra.search.suggestions import rebuild

    try:
        with transaction.atomic():
            rebuild()
    except DatabaseError:
        sys.stderr.write(
            '\n  The words of "did you mean" were not counted: run '
            "`manage.py search_vocabulary` once `migrate` has finished.\n"
        )


class Migration(migrations.Migration):
    dependencies = [("nashra_search", "0002_word_vocabulary")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
