"""An index on Wagtail's page table for newest-first article listings.

ArticleQuerySet.published() filters on the page's content type, so with this index the database
walks articles newest-first and stops at the listing's LIMIT, instead of sorting every article
of the archive, so the front page's lead-story query no longer grows with the archive (figures
in docs/developers/decisions.md). The table is Wagtail's, so the index is plain SQL (the same on
SQLite and PostgreSQL)."""

from django.db import migrations

INDEX = "nashra_page_type_published"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_comments_mode_and_labels"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f'CREATE INDEX "{INDEX}" ON "wagtailcore_page" ("content_type_id", "first_published_at")',
            f'DROP INDEX "{INDEX}"',
        ),
    ]
