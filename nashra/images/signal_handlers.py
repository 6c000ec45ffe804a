from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import post_save

_paused = ContextVar("nashra_renditions_paused", default=False)

# The fields a rendition depends on: a save that touches none of them (Wagtail recording the
# file hash, say) queues nothing.
RENDITION_FIELDS = {
    "file",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


@contextmanager
def renditions_not_queued():
    """Images saved inside make their renditions when first shown instead of in the worker
    (the test suite's shared demo content, which must not leave tasks in every test's queue)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def queue_renditions(sender, instance, created, update_fields=None, **kwargs):
    if _paused.get():
        return
    if update_fields is not None and not RENDITION_FIELDS & set(update_fields):
        return
    from .tasks import generate_renditions

    transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))


def register():
    from .models import NashraImage

    post_save.connect(queue_renditions, sender=NashraImage, dispatch_uid="images_renditions")
