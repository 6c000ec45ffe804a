"""The newsroom's own minute jobs from other apps: embargoes lift on time (an urgent job, so
the safety net lifts them too when the worker is down) and assignees hear of overdue stories.
Registered here, so that news and desk need not know the worker exists."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from nashra.desk.notifications import notify_overdue
from nashra.news import breaking
from nashra.news.embargo import due_embargoes, lift_due_embargoes
from nashra.news.front.pins import expire_pins, next_expiry
from nashra.news.models import ArticlePage, HomePage

from . import hint, jobs


def lift_embargoes(now):
    lifted = lift_due_embargoes(now)
    return f"{len(lifted)} embargo(es) lifted" if lifted else None


def next_embargo():
    return (
        ArticlePage.objects.order_by("embargo_until")
        .filter(embargo_until__isnull=False)
        .values_list("embargo_until", flat=True)
        .first()
    )


def overdue_embargoes(now):
    return due_embargoes(now).count()


def tell_assignees(now):
    told = notify_overdue(now)
    return f"{told} overdue notice(s)" if told else None


jobs.register(
    "lift_due_embargoes",
    lift_embargoes,
    urgent=True,
    next_due=next_embargo,
    overdue=overdue_embargoes,
)
jobs.register("notify_overdue", tell_assignees)


def expire_front_pins(now):
    """A front page's pinned story whose time ran out: purge that front (nashra.news.front)."""
    expired = expire_pins(now)
    return f"{len(expired)} front page(s) purged for expired pins" if expired else None


jobs.register("expire_front_pins", expire_front_pins, urgent=True, next_due=next_expiry)


@receiver(post_save, sender=HomePage)
def front_pin_set(sender, instance, **kwargs):
    """A pin's expiry is a schedule too: the safety net's hint must not sleep past it."""
    if instance.front_pins_expire_at is not None:
        when = instance.front_pins_expire_at
        transaction.on_commit(lambda: hint.lower(when))


@receiver(post_save, sender=ArticlePage)
def embargo_set(sender, instance, **kwargs):
    """An embargo is a schedule too: the safety net's hint must not sleep past it."""
    if instance.embargo_until is not None:
        when = instance.embargo_until
        transaction.on_commit(lambda: hint.lower(when))


def expire_breaking_banners(now):
    """Banners past their expiry: pages stopped showing them then (their cache keys carry the
    expiry); the rows go, with a line in the log, and front caches get the new version."""
    done = breaking.expire_due(now)
    return f"breaking banner expired: {', '.join(done)}" if done else None


def resend_breaking_banners(now):
    """Each edition's banner version to the front caches again: one that missed a change or
    lost its state catches up within a minute (nashra.news.breaking)."""
    breaking.resend_all(now)


jobs.register(
    "expire_breaking_banners", expire_breaking_banners, urgent=True, next_due=breaking.next_expiry
)
jobs.register("resend_breaking_banners", resend_breaking_banners)
