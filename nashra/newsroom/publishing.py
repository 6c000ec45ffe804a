"""Scheduled publishing and expiry, as Wagtail's `publish_scheduled` command does them, through
Wagtail's own `Revision.publish()` and `unpublish()`: the signals (page_published,
page_unpublished) fire as for an editor's publish, so the page cache, the nginx front cache and
the search index are updated by the same handlers.

Each item is taken in a transaction of its own and checked again there (a row lock on
PostgreSQL; SQLite's write lock, taken at BEGIN, serializes writers): a worker and a reader's
safety net reaching the same item at once publish it once.
"""

from django.apps import apps
from django.db import transaction
from wagtail.models import DraftStateMixin, Page, Revision

from . import jobs


def _models_with_expiry():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _due_revisions(now):
    return Revision.objects.filter(approved_go_live_at__lte=now)


def publish_due(now):
    """Publish every revision whose go-live time has come, oldest first; unpublish every
    object whose expiry has passed. Returns a short outcome."""
    expired = 0
    for model in _models_with_expiry():
        due = model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")
        for pk in list(due.values_list("pk", flat=True)):
            with transaction.atomic():
                obj = (
                    model.objects.select_for_update()
                    .filter(pk=pk, live=True, expire_at__lte=now)
                    .first()
                )
                if obj is not None:
                    obj = obj.specific if isinstance(obj, Page) else obj
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                    expired += 1
    published = 0
    ids = _due_revisions(now).order_by("approved_go_live_at").values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            revision = _due_revisions(now).select_for_update().filter(pk=pk).first()
            if revision is not None:
                # The go-live time has passed, so publish() makes it live at once.
                revision.publish(log_action="wagtail.publish.scheduled")
                published += 1
    return f"published {published}, unpublished {expired}" if published or expired else None


def next_due():
    """The earliest scheduled go-live or expiry still to happen (or overdue), or None."""
    times = [
        Revision.objects.filter(approved_go_live_at__isnull=False)
        .order_by("approved_go_live_at")
        .values_list("approved_go_live_at", flat=True)
        .first()
    ]
    for model in _models_with_expiry():
        times.append(
            model.objects.filter(live=True, expire_at__isnull=False)
            .order_by("expire_at")
            .values_list("expire_at", flat=True)
            .first()
        )
    times = [t for t in times if t is not None]
    return min(times) if times else None


def overdue(now):
    """How many go-lives and expiries are due and not done."""
    count = _due_revisions(now).count()
    for model in _models_with_expiry():
        count += model.objects.filter(live=True, expire_at__lte=now).count()
    return count


jobs.register("publish_scheduled", publish_due, urgent=True, next_due=next_due, overdue=overdue)
