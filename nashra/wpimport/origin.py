"""Where imported objects came from: finding them again, and claiming a new one once."""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from .models import ImportedObject

# Part of every source digest: a converter that changed makes its output count as changed.
CONVERTER_VERSION = "1"


def digest(*parts):
    """A stable digest of JSON-able parts (the source of one object as the file has it)."""
    text = json.dumps([CONVERTER_VERSION, *parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def lock_source(source):
    """Hold the site's row until the caller's transaction ends: items of two runs importing
    the same site at once go one at a time (PostgreSQL; SQLite's write lock does the same),
    and each sees what the other committed, so neither makes a second copy of a page, a
    section or an author."""
    from .models import ImportSource

    ImportSource.objects.select_for_update().filter(pk=source.pk).first()


def find(source, kind, wp_id, language=""):
    return (
        ImportedObject.objects.filter(source=source, kind=kind, wp_id=str(wp_id), language=language)
        .select_related("content_type")
        .first()
    )


def target_of(record, model=None):
    """The object a record points at, or None when it was deleted since (then the record is
    stale and the object is imported again)."""
    if record is None:
        return None
    model = model or record.content_type.model_class()
    return model._default_manager.filter(pk=record.object_id).first()


def claim(source, kind, wp_id, model, language=""):
    """Claim an origin before importing it, so that a second run importing the same object
    at the same time waits here (PostgreSQL: on the unique index; SQLite: on the write lock)
    instead of doing the work twice; once the first commits, the second gets IntegrityError
    and rolls its item back. The record points at nothing until `settle()`."""
    with transaction.atomic():
        return ImportedObject.objects.create(
            source=source,
            kind=kind,
            wp_id=str(wp_id),
            language=language,
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id=0,
        )


def locked(record):
    """The record again, locked until the end of the caller's transaction (an update by a
    second run waits for the first)."""
    return ImportedObject.objects.select_for_update().get(pk=record.pk)


def settle(record, obj, source_hash="", links_pending=False):
    record.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    record.object_id = obj.pk
    record.source_hash = source_hash
    record.links_pending = links_pending
    record.save()
    return record


def remember(source, kind, wp_id, obj, language="", source_hash="", links_pending=False):
    """Record (or move) the origin of `obj`. Inside the caller's transaction: a second run
    importing the same object at the same time waits here, then fails with IntegrityError,
    and its transaction rolls back (the caller reports the object as done by the other)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    record = find(source, kind, wp_id, language)
    if record is None:
        with transaction.atomic():  # a savepoint: the caller decides what a clash means
            return ImportedObject.objects.create(
                source=source,
                kind=kind,
                wp_id=str(wp_id),
                language=language,
                content_type=content_type,
                object_id=obj.pk,
                source_hash=source_hash,
                links_pending=links_pending,
            )
    record.content_type = content_type
    record.object_id = obj.pk
    record.source_hash = source_hash
    record.links_pending = links_pending
    record.save()
    return record


__all__ = ["IntegrityError", "claim", "digest", "find", "locked", "remember", "settle", "target_of"]
