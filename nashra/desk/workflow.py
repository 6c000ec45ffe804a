"""The newsroom's two-step review, and who may publish around it."""

from wagtail.models import Workflow, WorkflowPage

WORKFLOW_NAME = "Newsroom review"
EDITOR_STEP = "Editor review"
CHIEF_STEP = "Chief editor sign-off"
DIRECT_PUBLISH_ACTION = "nashra.publish_direct"
DIRECT_PUBLISH_PERMISSION = "desk.publish_direct"


def newsroom_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def assign_to(page):
    """Put an edition's tree (its sections and articles) under the newsroom review."""
    workflow = newsroom_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def bypasses_review(page):
    """Publishing this page now skips a review that applies to it (none approved it)."""
    return page.get_workflow() is not None


def may_publish_directly(user):
    return user.is_superuser or user.has_perm(DIRECT_PUBLISH_PERMISSION)
