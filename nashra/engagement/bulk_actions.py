"""Moderation actions on many comments at once, from the queue's checkboxes."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .models import Ban, Comment, CommentStatus, PolicyClause
from .signals import comments_changed


def _changed(comments):
    comments_changed.send(sender=Comment, article_ids=sorted({c.article_id for c in comments}))


class _ModerationAction(SnippetBulkAction):
    models = [Comment]
    template_name = "engagement/admin/confirm_bulk_moderation.html"
    new_status = None
    done_message = ""

    def check_perm(self, obj):
        return self.request.user.has_perm("engagement.change_comment")

    def get_execution_context(self):
        return {**super().get_execution_context(), "form_data": getattr(self, "cleaned_form", None)}

    @classmethod
    def extra_fields(cls, form_data):
        """Fields the action sets besides the status (a rejection's clause and note)."""
        return {}

    @classmethod
    def execute_action(cls, objects, form_data=None, **kwargs):
        ids = [c.pk for c in objects]
        Comment.objects.filter(pk__in=ids).update(
            status=cls.new_status, moderated_at=timezone.now(), **cls.extra_fields(form_data)
        )
        _changed(objects)
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_message % {"count": num_parent_objects}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


class ApproveBulkAction(_ModerationAction):
    """Approving answers the reports made so far, so old flags cannot hide it again."""

    display_name = _("Approve")
    aria_label = _("Approve selected comments")
    action_type = "approve"
    action_priority = 10
    new_status = CommentStatus.APPROVED
    done_message = ngettext_lazy(
        "%(count)s comment approved and published.",
        "%(count)s comments approved and published.",
        "count",
    )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        from .models import CommentFlag

        ids = [c.pk for c in objects]
        CommentFlag.objects.filter(comment_id__in=ids).delete()
        Comment.objects.filter(pk__in=ids).update(flag_count=0)
        return super().execute_action(objects, **kwargs)


class SpamBulkAction(_ModerationAction):
    display_name = _("Mark as spam")
    aria_label = _("Mark selected comments as spam")
    action_type = "spam"
    action_priority = 30
    new_status = CommentStatus.SPAM
    done_message = ngettext_lazy(
        "%(count)s comment marked as spam.", "%(count)s comments marked as spam.", "count"
    )


class RejectForm(forms.Form):
    clause = forms.ModelChoiceField(
        label=_("Policy clause"),
        queryset=PolicyClause.objects.select_related("page__locale"),
        help_text=_("The author will see this clause as the reason."),
    )
    note = forms.CharField(
        label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RejectBulkAction(_ModerationAction):
    display_name = _("Reject")
    aria_label = _("Reject selected comments, citing the policy")
    action_type = "reject"
    action_priority = 20
    form_class = RejectForm
    new_status = CommentStatus.REJECTED
    done_message = ngettext_lazy(
        "%(count)s comment rejected.", "%(count)s comments rejected.", "count"
    )

    @classmethod
    def extra_fields(cls, form_data):
        return {
            "rejection_clause": form_data.cleaned_data["clause"],
            "rejection_note": form_data.cleaned_data["note"],
        }


class BanBulkAction(_ModerationAction):
    display_name = _("Ban authors")
    aria_label = _("Ban the authors of the selected comments and mark the comments as spam")
    action_type = "ban"
    action_priority = 40
    new_status = CommentStatus.SPAM
    done_message = ngettext_lazy(
        "The author of %(count)s comment is banned; the comment is marked as spam.",
        "The authors of %(count)s comments are banned; the comments are marked as spam.",
        "count",
    )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        for comment in objects:
            Ban.objects.get_or_create(
                kind=Ban.Kind.EMAIL,
                value=comment.email.strip().lower(),
                defaults={"reason": str(_("Banned from the moderation queue"))},
            )
            if comment.address_hash:
                Ban.objects.get_or_create(
                    kind=Ban.Kind.ADDRESS,
                    value=comment.address_hash,
                    defaults={"reason": str(_("Banned from the moderation queue"))},
                )
        return super().execute_action(objects, **kwargs)


__all__ = ["ApproveBulkAction", "BanBulkAction", "RejectBulkAction", "SpamBulkAction"]
