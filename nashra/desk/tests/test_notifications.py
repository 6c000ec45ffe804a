"""Desk mail: each notice in its recipient's admin language, the reviewer's comment in the
rejection, to everyone who acted before; scheduled go-live and overdue stories; kept in the
outbox when the mail server is down."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Revision

from nashra.core.models import OutboxMail
from nashra.desk.notifications import notify_overdue
from tests.support import free_port

from .helpers import desk_team, new_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(django_user_model):
    return desk_team(django_user_model)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


def _approve(story, user, comment=""):
    story.refresh_from_db()
    story.current_workflow_task.on_action(
        story.current_workflow_task_state, user, "approve", comment=comment
    )


def test_submission_tells_the_reviewers_each_in_their_language(team):
    story = new_story(owner=team["reporter"])
    mail.outbox.clear()
    story.get_workflow().start(story, team["reporter"])
    (english,) = _to(team["editor"].email)
    (arabic,) = _to(team["other_editor"].email)
    assert english.subject.startswith("For review") and story.title in english.subject
    assert arabic.subject.startswith("للمراجعة")
    assert f"/admin/pages/{story.pk}/edit/" in english.body
    assert not _to(team["reporter"].email)  # not to the submitter
    assert not _to(team["chief"].email)  # the chief's step has not started

    mail.outbox.clear()
    _approve(story, team["editor"])
    assert [m.subject.startswith("For review") for m in _to(team["chief"].email)] == [True]


def test_a_submitter_in_the_next_steps_group_is_not_asked_to_review(team):
    story = new_story(owner=team["chief"])
    story.get_workflow().start(story, team["chief"])
    mail.outbox.clear()
    _approve(story, team["editor"])
    assert not _to(team["chief"].email)


def test_rejection_carries_the_comment_to_everyone_who_acted(team):
    story = new_story(owner=team["reporter"])
    story.get_workflow().start(story, team["reporter"])
    _approve(story, team["editor"])
    mail.outbox.clear()
    story.refresh_from_db()
    story.current_workflow_task.on_action(
        story.current_workflow_task_state,
        team["chief"],
        "reject",
        comment="Check the strike figures with the union.",
    )
    (to_reporter,) = _to(team["reporter"].email)
    (to_editor,) = _to(team["editor"].email)
    assert to_reporter.subject.startswith("مطلوب تعديلات")
    assert "Check the strike figures with the union." in to_reporter.body
    assert to_editor.subject.startswith("Changes requested")
    assert "Check the strike figures with the union." in to_editor.body
    assert "Chief" in to_editor.body  # who asked
    assert not _to(team["chief"].email)
    assert not _to(team["other_editor"].email)  # did not act on it


def test_approval_tells_the_submitter_and_the_assignee(team):
    story = new_story(owner=team["reporter"], assignee=team["other_editor"])
    story.get_workflow().start(story, team["reporter"])
    _approve(story, team["editor"])
    mail.outbox.clear()
    _approve(story, team["chief"])
    (to_reporter,) = _to(team["reporter"].email)
    assert to_reporter.subject.startswith("تمت الموافقة")
    assert _to(team["other_editor"].email)[0].subject.startswith("تمت الموافقة")
    assert _to(team["editor"].email)[0].subject.startswith("Approved")
    assert not _to(team["chief"].email)


def test_a_scheduled_story_going_live_tells_its_author_and_assignee(team):
    story = new_story(owner=team["reporter"], assignee=team["editor"])
    story.go_live_at = timezone.now() + timedelta(hours=1)
    revision = story.save_revision(user=team["chief"])
    revision.publish(user=team["chief"])
    story.refresh_from_db()
    assert not story.live
    mail.outbox.clear()
    # The hour passes: the revision is due now.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["content"])
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    call_command("publish_scheduled")
    story.refresh_from_db()
    assert story.live
    assert _to(team["reporter"].email)[0].subject.startswith("نُشرت في موعدها")
    assert _to(team["editor"].email)[0].subject.startswith("Published as scheduled")
    # An ordinary publish is not announced as a scheduled one.
    mail.outbox.clear()
    story.save_revision(user=team["chief"]).publish(user=team["chief"])
    assert not mail.outbox


def test_overdue_once_per_story_and_due_time_in_the_assignees_language(team):
    now = timezone.now()
    story = new_story(owner=team["editor"], assignee=team["reporter"], due_at=now - timedelta(1))
    new_story(
        "Not due yet", owner=team["editor"], assignee=team["editor"], due_at=now + timedelta(1)
    )
    mail.outbox.clear()
    assert notify_overdue(now) == 1
    (notice,) = mail.outbox
    assert notice.to == [team["reporter"].email]
    assert notice.subject.startswith("متأخرة") and story.title in notice.subject
    assert notify_overdue(now) == 0 and notify_overdue(now + timedelta(minutes=1)) == 0
    # A new due time, missed too, is told again.
    story.due_at = now - timedelta(minutes=5)
    story.save()
    assert notify_overdue(now) == 1
    # A published story is never overdue.
    story.due_at = now - timedelta(minutes=2)
    story.save()
    story.save_revision().publish()
    assert notify_overdue(now) == 0


def test_mail_server_down_keeps_the_notice_in_the_outbox(team):
    story = new_story(owner=team["editor"], assignee=team["reporter"])
    story.due_at = timezone.now() - timedelta(hours=1)
    story.save()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=3,
    ):
        assert notify_overdue(timezone.now()) == 1
    kept = OutboxMail.objects.get(recipient=team["reporter"].email)
    assert kept.purpose == "desk" and story.title in kept.subject
