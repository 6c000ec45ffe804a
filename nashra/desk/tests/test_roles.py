"""The desk's roles and review workflow exist after migrate, with the right rights."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow

from nashra.desk import workflow
from nashra.desk.models import (
    CHIEF_EDITORS,
    COMMENT_MODERATORS,
    REPORTERS,
    SECTION_EDITORS,
    ReviewTask,
)
from nashra.news.models import SectionPage

from .helpers import desk_team, new_story

pytestmark = pytest.mark.django_db

roles_migration = importlib.import_module("nashra.desk.migrations.0002_roles_and_review_workflow")


def _codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def _page_codes(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )


def test_roles_exist_with_their_rights():
    reporters, editors, chiefs, moderators = (
        Group.objects.get(name=name)
        for name in (REPORTERS, SECTION_EDITORS, CHIEF_EDITORS, COMMENT_MODERATORS)
    )
    assert _page_codes(reporters) == {"add_page", "change_page"}
    assert {"add_page", "change_page", "publish_page"} <= _page_codes(editors)
    assert "bulk_delete_page" not in _page_codes(editors)
    assert {"publish_page", "bulk_delete_page", "unlock_page"} <= _page_codes(chiefs)
    for group in (reporters, editors, chiefs, moderators):
        assert "wagtailadmin.access_admin" in _codes(group)
    assert workflow.DIRECT_PUBLISH_PERMISSION in _codes(chiefs)
    assert workflow.DIRECT_PUBLISH_PERMISSION not in _codes(editors) | _codes(reporters)
    assert {"engagement.change_comment", "engagement.add_ban"} <= _codes(moderators)
    assert "engagement.change_comment" not in _codes(reporters)
    assert "news.change_articlepage" not in _codes(moderators)
    # Every permission the news app defines, so an embargo override is the chief's once the
    # news app has it.
    news_codes = {
        f"news.{c}"
        for c in Permission.objects.filter(content_type__app_label="news").values_list(
            "codename", flat=True
        )
    }
    assert news_codes <= _codes(chiefs)
    # Wagtail's own groups stay; its Moderators keep publishing directly (recorded).
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    assert workflow.DIRECT_PUBLISH_PERMISSION in _codes(Group.objects.get(name="Moderators"))
    assert workflow.DIRECT_PUBLISH_PERMISSION not in _codes(Group.objects.get(name="Editors"))


def test_running_the_roles_migration_again_changes_nothing():
    before = {g.name: (_codes(g), _page_codes(g)) for g in Group.objects.all()}
    tasks = ReviewTask.objects.count()
    roles_migration.create_roles(apps, None)
    assert {g.name: (_codes(g), _page_codes(g)) for g in Group.objects.all()} == before
    assert ReviewTask.objects.count() == tasks == 2
    assert Workflow.objects.filter(name=workflow.WORKFLOW_NAME).count() == 1


def test_a_new_article_in_either_edition_gets_the_two_step_review(django_user_model):
    team = desk_team(django_user_model)
    for lang in ("en", "ar"):
        story = new_story(f"Story {lang}", lang=lang, owner=team["reporter"])
        review = story.get_workflow()
        assert review.name == workflow.WORKFLOW_NAME
        assert [t.name for t in review.tasks] == [workflow.EDITOR_STEP, workflow.CHIEF_STEP]
        assert [t.specific.groups.get().name for t in review.tasks] == [
            SECTION_EDITORS,
            CHIEF_EDITORS,
        ]
    assert SectionPage.objects.first().get_workflow().name == workflow.WORKFLOW_NAME


def test_direct_publish_can_be_granted_in_the_groups_screen(client, admin_user):
    client.force_login(admin_user)
    chiefs = Group.objects.get(name=CHIEF_EDITORS)
    html = client.get(reverse("wagtailusers_groups:edit", args=[chiefs.pk])).content.decode()
    permission = Permission.objects.get(content_type__app_label="desk", codename="publish_direct")
    assert f'value="{permission.pk}"' in html
