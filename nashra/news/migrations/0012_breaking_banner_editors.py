"""The desk's editors may set the breaking-news banner (nashra.desk's roles): section and chief
editors, and Wagtail's own Editors group where it exists. Only adds permissions."""

from django.db import migrations

GROUPS = ["Section editors", "Chief editors", "Editors"]
CODENAMES = ["add_breakingbanner", "change_breakingbanner", "delete_breakingbanner"]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the grant needs them now.
    create_permissions(global_apps.get_app_config("news"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="news", codename__in=CODENAMES)
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_breaking_banner"),
        ("desk", "0002_roles_and_review_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
