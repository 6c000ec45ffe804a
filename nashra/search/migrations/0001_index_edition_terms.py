"""Give the pages indexed before it their edition's term (nashra.core.text_analysis.edition_term),
as `update_index` would: searches match it, so an entry without it is never found."""

from django.db import migrations

from nashra.core.text_analysis import edition_term


def add_edition_terms(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    pages = apps.get_model("wagtailcore", "Page")._meta.db_table
    if connection.vendor == "sqlite":
        added = "body = coalesce(body, '') || ' ' || %s"  # the FTS5 table follows by trigger
    else:
        from django.conf import settings

        config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG", "simple")
        added = f"body = coalesce(body, ''::tsvector) || to_tsvector('{config}', %s)"
    with connection.cursor() as cursor:
        for locale in apps.get_model("wagtailcore", "Locale").objects.all():
            cursor.execute(
                f"UPDATE {entries} SET {added} "  # noqa: S608 - table names and the configured config
                f"WHERE content_type_id IN (SELECT DISTINCT content_type_id FROM {pages}) "
                f"AND object_id IN (SELECT CAST(id AS TEXT) FROM {pages} WHERE locale_id = %s)",
                [edition_term(locale.language_code), locale.pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(add_edition_terms, migrations.RunPython.noop, elidable=True)]
