"""Corrections and clarifications: each note on an article says which it is (the corrections
log lists both); every note written before is a correction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0003_page_type_published_index")]

    operations = [
        migrations.AddField(
            model_name="articlecorrection",
            name="kind",
            field=models.CharField(
                choices=[("correction", "Correction"), ("clarification", "Clarification")],
                default="correction",
                max_length=16,
                verbose_name="type",
            ),
        ),
    ]
