"""The desk's roles and the two-step review, out of the box.

Idempotent (get_or_create throughout; permissions only added), so it can run again on a
database that has some of it, and a chief's later changes to the groups are kept."""

from django.db import migrations

REPORTERS = "Reporters"
SECTION_EDITORS = "Section editors"
CHIEF_EDITORS = "Chief editors"
COMMENT_MODERATORS = "Comment moderators"
WORKFLOW_NAME = "Newsroom review"
STEPS = [("Editor review", SECTION_EDITORS), ("Chief editor sign-off", CHIEF_EDITORS)]

ADMIN = [("wagtailadmin", "access_admin"), ("simple_translation", "submit_translation")]
MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
COMMENT_CODENAMES = [
    "view_comment", "change_comment", "delete_comment",
    "view_ban", "add_ban", "change_ban", "delete_ban",
    "view_wordfilterrule", "add_wordfilterrule", "change_wordfilterrule", "delete_wordfilterrule",
    "view_reaction",
]  # fmt: skip
# Chief editors get every permission of these apps (the embargo override included, when the
# news app defines it), and can reshape the review (workflows, tasks, groups' page rights).
CHIEF_APPS = ["news", "desk", "engagement", "taggit", "wagtailimages", "wagtaildocs"]
CHIEF_EXTRA = [
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
    ("wagtailadmin", "view_logentry"),
]
PAGE_RIGHTS = {
    REPORTERS: ["add_page", "change_page"],
    SECTION_EDITORS: ["add_page", "change_page", "publish_page", "lock_page"],
    CHIEF_EDITORS: [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}  # fmt: skip


def create_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the roles need them now.
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReviewTask = apps.get_model("desk", "ReviewTask")

    def perms(pairs):
        found = Permission.objects.none()
        for app_label, codename in pairs:
            found |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        return list(found)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_RIGHTS}
    groups[COMMENT_MODERATORS] = Group.objects.get_or_create(name=COMMENT_MODERATORS)[0]

    groups[REPORTERS].permissions.add(*perms(ADMIN + MEDIA))
    groups[SECTION_EDITORS].permissions.add(
        *perms(ADMIN + MEDIA + [("wagtailimages", "change_image"), ("taggit", "add_tag")])
    )
    groups[CHIEF_EDITORS].permissions.add(
        *perms(ADMIN + MEDIA + CHIEF_EXTRA),
        *Permission.objects.filter(content_type__app_label__in=CHIEF_APPS),
    )
    groups[COMMENT_MODERATORS].permissions.add(
        *perms(ADMIN),
        *Permission.objects.filter(
            content_type__app_label="engagement", codename__in=COMMENT_CODENAMES
        ),
    )

    # Wagtail's own "Moderators" already publish every page; they keep doing so around the
    # review (recorded like a chief's), so existing accounts lose nothing.
    legacy_publishers = Group.objects.filter(name="Moderators").first()
    if legacy_publishers is not None:
        legacy_publishers.permissions.add(*perms([("desk", "publish_direct")]))

    # Page rights on the root reach both editions and every section; a chief narrows an
    # editor group to its sections in Settings > Groups (see docs/editors/desk.md).
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        page_permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
        for name, codenames in PAGE_RIGHTS.items():
            for permission in page_permissions.filter(codename__in=codenames):
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=root, permission=permission
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="desk", model="reviewtask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (task_name, group_name) in enumerate(STEPS):
        task = ReviewTask.objects.filter(name=task_name).first()
        if task is None:
            task = ReviewTask.objects.create(name=task_name, content_type=task_type, active=True)
            task.groups.add(groups[group_name])
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    # Each edition's home: its sections and articles go through the review. Editions
    # created later get it from nashra.desk.signal_handlers.
    for home in Page.objects.filter(
        content_type__app_label="news", content_type__model="homepage"
    ):
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("news", "0004_i3_desk_fields"),
        ("engagement", "0004_submission_token_unique_per_article"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
