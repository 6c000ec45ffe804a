"""Desk e-mail: workflow steps, scheduled stories going live and overdue stories.

Wagtail's own workflow e-mails are replaced (their rejection mail reaches only the submitter,
and a failed send is only logged); these go through the project's outbox, so a mail server
that is down delays a notice but never loses it, and each is written in the recipient's own
admin language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from nashra.core import outbox
from nashra.core.newsroom_time import newsroom_and_utc

PURPOSE = "desk"
WAGTAIL_HANDLERS = [
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
]


def replace_wagtail_workflow_emails():
    for signal, sender, uid in WAGTAIL_HANDLERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
    task_submitted.connect(on_task_submitted, dispatch_uid="desk_task_submitted")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="desk_workflow_approved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="desk_workflow_rejected")


def language_of(user):
    """The user's chosen admin language; the site default when they chose none (never the
    language of whoever triggered the mail)."""
    chosen = UserProfile.get_for_user(user).preferred_language
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def edit_url(page):
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[page.pk])


def _wants(user, kind):
    if not (user and user.is_active and user.email):
        return False
    if kind in ("submitted", "approved", "rejected"):
        return getattr(UserProfile.get_for_user(user), f"{kind}_notifications", True)
    return True


def send(kind, users, compose, exclude=()):
    """Mail `compose(user)` -> (subject, body), rendered in each user's language, to `users`
    but not those in `exclude`. Returns how many were handed to the mail server (the rest
    wait in the outbox)."""
    left_out = {u.pk for u in exclude if u is not None}
    recipients = {u.pk: u for u in users if u and u.pk not in left_out}
    messages = []
    for user in recipients.values():
        if not _wants(user, kind):
            continue
        with translation.override(language_of(user)):
            subject, body = compose(user)
            messages.append((user.email, str(subject), str(body)))
    return outbox.send_many(PURPOSE, messages) if messages else 0


def _title(obj):
    return str(getattr(obj, "specific_deferred", obj))


def _reviewers(task):
    User = get_user_model()
    users = User.objects.filter(groups__in=task.groups.all(), is_active=True)
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        users = users | User.objects.filter(is_superuser=True, is_active=True)
    return users.distinct()


def on_task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    obj = instance.workflow_state.content_object
    submitter = instance.workflow_state.requested_by

    def compose(recipient):
        subject = _("For review: “%(title)s”") % {"title": _title(obj)}
        body = _(
            "%(who)s submitted “%(title)s” for the step “%(task)s”.\n\nReview it here: %(url)s"
        ) % {
            "who": submitter.get_full_name() or submitter.get_username()
            if submitter
            else _("Someone"),
            "title": _title(obj),
            "task": task.name,
            "url": edit_url(obj),
        }
        return subject, body

    # Nobody is asked to review their own submission (they could not approve it).
    send("submitted", _reviewers(task), compose, exclude=(user, submitter))


def _acted_before(workflow_state):
    """The submitter and everyone who finished a step of this workflow run."""
    User = get_user_model()
    ids = set(
        workflow_state.task_states.exclude(finished_by=None).values_list("finished_by", flat=True)
    )
    if workflow_state.requested_by_id:
        ids.add(workflow_state.requested_by_id)
    return User.objects.filter(pk__in=ids)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    obj = instance.content_object
    task_state = instance.current_task_state
    comment = (task_state.comment if task_state else "") or ""
    reviewer = user.get_full_name() or user.get_username() if user else ""

    def compose(recipient):
        subject = _("Changes requested: “%(title)s”") % {"title": _title(obj)}
        body = _("%(who)s asked for changes to “%(title)s” at the step “%(task)s”.") % {
            "who": reviewer,
            "title": _title(obj),
            "task": task_state.task.name if task_state else "",
        }
        if comment:
            body += "\n\n" + _("Their comment:") + "\n" + comment
        body += "\n\n" + _("Edit it here: %(url)s") % {"url": edit_url(obj)}
        return subject, body

    send("rejected", _acted_before(instance), compose, exclude=(user,))


def on_workflow_approved(sender, instance, user=None, **kwargs):
    obj = instance.content_object
    recipients = list(_acted_before(instance))
    assignee = getattr(getattr(obj, "specific", obj), "assignee", None)
    if assignee is not None:
        recipients.append(assignee)

    def compose(recipient):
        subject = _("Approved: “%(title)s”") % {"title": _title(obj)}
        body = _("“%(title)s” passed every review step.\n\n%(url)s") % {
            "title": _title(obj),
            "url": edit_url(obj),
        }
        return subject, body

    send("approved", recipients, compose, exclude=(user,))


def notify_scheduled_published(page):
    """A story scheduled earlier has just gone live: tell its owner and assignee."""

    def compose(recipient):
        subject = _("Published as scheduled: “%(title)s”") % {"title": page.title}
        body = _("“%(title)s” went live at its scheduled time.\n\n%(url)s") % {
            "title": page.title,
            "url": page.full_url or edit_url(page),
        }
        return subject, body

    return send("published", [page.owner, getattr(page, "assignee", None)], compose)


def notify_overdue(now):
    """Tell each assignee of a story past its due time and still unpublished; once per story
    and due time, however often this runs (the newsroom tick calls it every minute)."""
    from nashra.news.models import ArticlePage

    from .models import OverdueNotice

    told_before = OverdueNotice.objects.filter(page_id=OuterRef("pk"), due_at=OuterRef("due_at"))
    overdue = (
        ArticlePage.objects.filter(live=False, due_at__lte=now, assignee__isnull=False)
        .exclude(Exists(told_before))
        .select_related("assignee")
        .order_by("due_at", "pk")
    )
    told = 0
    for page in overdue:
        # The notice row is the claim: two ticks racing insert it once, only one mails.
        try:
            with transaction.atomic():
                OverdueNotice.objects.create(page_id=page.pk, due_at=page.due_at)
        except IntegrityError:
            continue

        def compose(recipient, page=page):
            subject = _("Overdue: “%(title)s”") % {"title": page.title}
            body = _("“%(title)s” was due at %(due)s and is not published.\n\n%(url)s") % {
                "title": page.title,
                "due": newsroom_and_utc(page.due_at),
                "url": edit_url(page),
            }
            return subject, body

        send("overdue", [page.assignee], compose)
        told += 1
    return told
