""" "Publish both at T": an article and its twin in the other edition scheduled in one step.

Each page gets a new revision, its latest one with `go_live_at` set to T, published as
Wagtail's "Schedule to publish" does: a revision whose go-live is in the future is not made
live but approved for then (`approved_go_live_at`), and the worker's tick (or
`publish_scheduled`) publishes it at T. Both pages or neither: the user must be allowed to
publish each, and the two schedules are written in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from .models import ArticlePage


def twin_of(article):
    """The article's translation in another edition (live or not), or None."""
    twin = article.get_translations().order_by("pk").first()
    return twin.specific if twin is not None else None


def scheduled_at(page):
    """When the page's scheduled revision goes live, or None."""
    return (
        Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
        .order_by("-created_at")
        .values_list("approved_go_live_at", flat=True)
        .first()
    )


def check_can_schedule(user, pages):
    refused = [p for p in pages if not p.permissions_for_user(user).can_publish()]
    if refused:
        raise PermissionDenied(
            _("You may not publish %(titles)s.")
            % {"titles": ", ".join(f"“{p.get_admin_display_title()}”" for p in refused)}
        )


def schedule_with_twin(article, user, go_live_at):
    """Schedule `article` and its twin to go live at `go_live_at`; returns (article, twin)
    as scheduled. Raises PermissionDenied or ValidationError, scheduling neither."""
    twin = twin_of(article)
    if twin is None:
        raise ValidationError(_("This article has no translation to schedule with it."))
    if go_live_at <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    check_can_schedule(user, [article, twin])
    with transaction.atomic():
        scheduled = [_schedule(page, user, go_live_at) for page in (article, twin)]
    return tuple(scheduled)


def _schedule(page, user, go_live_at):
    # From the page's latest revision: what the editor last saved is what goes live.
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    # Which revision is live belongs to the page, not to a revision's content (one saved
    # before the page was first published has none): without it, Wagtail would take a live
    # page down until T instead of leaving it up.
    draft.live_revision_id = page.live_revision_id
    draft.go_live_at = go_live_at
    revision = draft.save_revision(user=user, log_action=True)
    revision.publish(user=user)  # checks the user's publish permission on this page again
    return ArticlePage.objects.get(pk=page.pk)
