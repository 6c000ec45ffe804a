"""The desk's own records: the review task that keeps duties apart, tag twins, and notes
that make overdue mail and translation warnings happen once."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask

# Names of the roles the migration creates; code looks groups up by these.
REPORTERS = "Reporters"
SECTION_EDITORS = "Section editors"
CHIEF_EDITORS = "Chief editors"
COMMENT_MODERATORS = "Comment moderators"


class ReviewTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves what they submitted themselves.

    The submitter keeps no approve action (and `on_action` refuses it even if posted), and an
    approver must also be allowed to publish the page, so a group's page permissions on a
    section decide which sections its editors sign off."""

    def _is_submitter(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def _may_approve(self, obj, user):
        if self._is_submitter(obj, user):
            return False
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        permissions = getattr(obj, "permissions_for_user", None)
        return permissions is None or permissions(user).can_publish()

    def get_actions(self, obj, user):
        if not self._may_approve(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name in ("approve", "reject") and not self._may_approve(obj, user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("The submitter cannot review their own submission")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # "Awaiting your review" on the dashboard leaves out what the user submitted.
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups who may publish the page approve it; never the person "
            "who submitted it"
        )

    class Meta:
        verbose_name = _("desk review task")
        verbose_name_plural = _("desk review tasks")
        permissions = [("publish_direct", _("Can publish an article without its review"))]


class TagTwin(models.Model):
    """An English tag and the Arabic tag that means the same; translation maps one to the other."""

    en_tag = models.ForeignKey(
        "taggit.Tag", verbose_name=_("English tag"), on_delete=models.CASCADE, related_name="+"
    )
    ar_tag = models.ForeignKey(
        "taggit.Tag", verbose_name=_("Arabic tag"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("en_tag"), FieldPanel("ar_tag")]

    class Meta:
        verbose_name = _("tag twin")
        verbose_name_plural = _("tag twins")
        constraints = [
            models.UniqueConstraint(fields=["en_tag"], name="desk_tagtwin_one_per_en_tag"),
            models.UniqueConstraint(fields=["ar_tag"], name="desk_tagtwin_one_per_ar_tag"),
        ]

    def __str__(self):
        return f"{self.en_tag} ↔ {self.ar_tag}"


class OverdueNotice(models.Model):
    """One row per story and due time told about, so the tick mails each only once."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "due_at"], name="desk_overdue_once_per_due")
        ]

    def __str__(self):
        return f"{self.page_id} due {self.due_at:%Y-%m-%d %H:%M}"


class TagsLeftOff(models.Model):
    """Tags a translation did not carry over, shown to the editor until the page is saved."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    names = models.JSONField(default=list)

    def __str__(self):
        return ", ".join(self.names)
