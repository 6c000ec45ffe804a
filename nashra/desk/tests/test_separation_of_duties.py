"""Nobody approves their own submission; a chief may publish directly, and that is recorded."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.models import PageLogEntry, TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from nashra.desk import wagtail_hooks, workflow

from .helpers import desk_team, new_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(django_user_model):
    return desk_team(django_user_model)


def _submit(story, user):
    return story.get_workflow().start(story, user)


def _action_url(story, action):
    state = story.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[story.pk, action, state.pk])


def test_an_editor_cannot_approve_their_own_submission(client, team):
    editor = team["editor"]
    story = new_story(owner=editor)
    _submit(story, editor)
    task = story.current_workflow_task
    assert task.get_actions(story, editor) == []
    client.force_login(editor)
    response = client.post(_action_url(story, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    story.refresh_from_db()
    assert story.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert story.current_workflow_task.name == workflow.EDITOR_STEP
    # Even posted straight to the task, the approval is refused.
    with pytest.raises(PermissionDenied):
        task.on_action(story.current_workflow_task_state, editor, "approve")


def test_a_different_editor_and_then_the_chief_approve(client, team):
    story = new_story(owner=team["reporter"])
    _submit(story, team["reporter"])
    assert story.current_workflow_task.get_actions(story, team["reporter"]) == []
    assert "approve" in {
        name for name, *_ in story.current_workflow_task.get_actions(story, team["editor"])
    }
    client.force_login(team["editor"])
    response = client.post(_action_url(story, "approve"), {"comment": ""})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.current_workflow_task.name == workflow.CHIEF_STEP
    # An editor cannot sign off in the chief's step.
    assert story.current_workflow_task.get_actions(story, team["other_editor"]) == []
    client.force_login(team["chief"])
    client.post(_action_url(story, "approve"), {"comment": ""})
    story.refresh_from_db()
    assert story.live
    assert not PageLogEntry.objects.filter(
        page=story, action=workflow.DIRECT_PUBLISH_ACTION
    ).exists()


def test_a_chief_who_submitted_still_needs_another_chief(team, django_user_model):
    chief = team["chief"]
    story = new_story(owner=chief)
    _submit(story, chief)
    team["editor"]
    state = story.current_workflow_task_state
    story.current_workflow_task.on_action(state, team["editor"], "approve")
    story.refresh_from_db()
    assert story.current_workflow_task.get_actions(story, chief) == []


def _request(user):
    request = RequestFactory().post("/admin/pages/1/edit/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_only_a_chief_publishes_an_article_around_the_review(team):
    assert wagtail_hooks.only_chiefs_publish_around_the_review in hooks.get_hooks(
        "before_publish_page"
    )
    assert wagtail_hooks.record_direct_publish in hooks.get_hooks("after_publish_page")
    story = new_story(owner=team["editor"])
    refused = wagtail_hooks.only_chiefs_publish_around_the_review(_request(team["editor"]), story)
    assert refused is not None and refused.status_code == 302
    chief_request = _request(team["chief"])
    assert wagtail_hooks.only_chiefs_publish_around_the_review(chief_request, story) is None

    story.save_revision(user=team["chief"]).publish(user=team["chief"])
    wagtail_hooks.record_direct_publish(chief_request, story)
    entry = PageLogEntry.objects.get(page=story, action=workflow.DIRECT_PUBLISH_ACTION)
    assert entry.user == team["chief"]
    assert str(entry.message)  # a readable line in the page history and the audit report


def test_the_chief_publishes_directly_from_the_edit_view(client, team):
    """End to end through Wagtail's edit view: the publish is logged as a direct one."""
    story = new_story(owner=team["reporter"])
    client.force_login(team["chief"])
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    form = client.get(edit).context["form"]
    data = _form_data(form)
    data["action-publish"] = "action-publish"
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    story.refresh_from_db()
    assert story.live
    assert PageLogEntry.objects.filter(
        page=story, action=workflow.DIRECT_PUBLISH_ACTION, user=team["chief"]
    ).exists()


def _form_data(form):
    """The edit form's current values as the browser would post them (the body retyped as
    one paragraph: Wagtail draws StreamFields in the browser)."""
    data = {}
    for name in form.fields:
        if name == "body":
            continue
        value = form[name].value()
        data[form.add_prefix(name)] = "" if value is None else value
    for formset in form.formsets.values():
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = formset.initial_form_count()
        data[f"{formset.prefix}-MIN_NUM_FORMS"] = 0
        data[f"{formset.prefix}-MAX_NUM_FORMS"] = 1000
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                data[child.add_prefix(name)] = "" if value is None else value
    body = nested_form_data(
        {"body": streamfield([("paragraph", rich_text("<p>The strike goes on.</p>"))])}
    )
    data.update(body)
    return data
