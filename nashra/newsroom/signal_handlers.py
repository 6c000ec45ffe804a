"""Scheduling something lowers the safety net's hint (see hint.py) once it commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Revision

from . import hint


@receiver(post_save, sender=Revision)
def revision_scheduled(sender, instance, **kwargs):
    if instance.approved_go_live_at is not None:
        transaction.on_commit(partial(hint.lower, instance.approved_go_live_at))


@receiver(post_save)
def expiry_set(sender, instance, **kwargs):
    if isinstance(instance, DraftStateMixin) and instance.live and instance.expire_at:
        transaction.on_commit(partial(hint.lower, instance.expire_at))
