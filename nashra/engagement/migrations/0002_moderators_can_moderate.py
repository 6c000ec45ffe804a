from django.db import migrations

CODENAMES = [
    "view_comment", "change_comment", "delete_comment",
    "view_ban", "add_ban", "change_ban", "delete_ban",
    "view_wordfilterrule", "add_wordfilterrule", "change_wordfilterrule", "delete_wordfilterrule",
    "view_reaction",
]


def grant(apps, schema_editor):
    """Wagtail's "Moderators" group moderates comments and sees reader reactions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this one needs them now.
    create_permissions(global_apps.get_app_config("engagement"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderators").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="engagement", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
