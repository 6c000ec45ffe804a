"""A post's WordPress comments, into the article's thread.

Approved comments are published, pending ones wait in the moderation queue; spam and trash
are not imported, nor pingbacks and trackbacks unless asked. Nashra threads are one level
deep: a reply to a reply is attached to the top-level comment it descends from (noted in the
report). The commenter's e-mail is kept, as for a comment made here; their address is not
stored in any form (a keyed hash of it is only useful on the day it was made).
"""

import html
import re

from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone
from django.utils.html import strip_tags

from nashra.engagement.models import Comment, CommentStatus
from nashra.engagement.signals import comments_changed
from nashra.news.html_sanitize import strip_controls

from . import origin
from .models import ImportedObject, SourceKind
from .text import plain_text

STATUSES = {"1": CommentStatus.APPROVED, "0": CommentStatus.PENDING}
NOT_IMPORTED = {
    "spam": "Marked as spam in WordPress",
    "trash": "In the trash in WordPress",
    "post-trashed": "In the trash in WordPress (with its post)",
}
LINKBACKS = ("pingback", "trackback")
NAME_LENGTH = Comment._meta.get_field("name").max_length


def comment_date(comment, fallback):
    if comment.date_gmt is not None:
        return comment.date_gmt
    if comment.date is not None:
        return timezone.make_aware(comment.date)
    return fallback


def import_comments(source, article, item, report, *, include_linkbacks=False, language="en"):
    """Create the comments of `item` not imported before; returns how many were created."""
    known = dict(
        ImportedObject.objects.filter(
            source=source,
            kind=SourceKind.COMMENT,
            wp_id__in=[str(c.id) for c in item.comments],
        ).values_list("wp_id", "object_id")
    )
    by_id = {c.id: c for c in item.comments}
    kept = {}  # WordPress id -> Comment (new or already imported)
    existing = Comment.objects.in_bulk([int(pk) for pk in known.values()])
    for wp_id, pk in known.items():
        if int(pk) in existing:
            kept[int(wp_id)] = existing[int(pk)]
    created, dates = [], {}
    for comment in sorted(item.comments, key=lambda c: (comment_date(c, item_date(item)), c.id)):
        if comment.id in kept:
            report.record(SourceKind.COMMENT, "unchanged", comment.id)
            continue
        reason = _refusal(comment, include_linkbacks)
        if reason:
            report.record(SourceKind.COMMENT, "skipped", comment.id, reason=reason)
            continue
        parent, moved = _parent(comment, by_id, kept)
        orphan = comment.parent and (comment.parent == comment.id or comment.parent not in by_id)
        row = Comment(
            article=article,
            parent=parent,
            name=(plain_text(comment.author) or "—")[:NAME_LENGTH],
            email=(comment.email or "")[:254],
            body=comment_text(comment.content),
            language=language,
            status=STATUSES[comment.approved],
            is_staff_reply=False,
        )
        created.append((comment, row))
        kept[comment.id] = row
        dates[comment.id] = comment_date(comment, item_date(item))
        # Saved one by one (a reply needs its parent's id), without Comment.save(): that
        # would purge the article once per comment; the thread is purged once below.
        _insert(row)
        if orphan:
            report.record(
                SourceKind.COMMENT,
                "created",
                comment.id,
                reason="Its parent is not in the file: shown as a comment of its own",
            )
        elif moved:
            report.record(
                SourceKind.COMMENT,
                "created",
                comment.id,
                reason="A reply to a reply: attached to the comment that began the thread",
            )
        else:
            report.record(SourceKind.COMMENT, "created", comment.id)
    if not created:
        return 0
    # auto_now_add gave them today's date: give them back their own, in one statement.
    Comment.objects.filter(pk__in=[row.pk for _c, row in created]).update(
        created_at=Case(
            *[When(pk=row.pk, then=Value(dates[c.id])) for c, row in created],
            output_field=DateTimeField(),
        ),
        moderated_at=Case(
            *[
                When(pk=row.pk, then=Value(dates[c.id]))
                for c, row in created
                if row.status != CommentStatus.PENDING
            ],
            default=None,
            output_field=DateTimeField(),
        ),
    )
    for comment, row in created:
        origin.remember(source, SourceKind.COMMENT, comment.id, row)
    if any(row.status == CommentStatus.APPROVED for _c, row in created):
        comments_changed.send(sender=Comment, article_ids=[article.pk])
    return len(created)


def comment_text(html_text):
    """WordPress comments allow a little markup (links, emphasis, quotes); Nashra's are plain
    text: keep the words, paragraphs and each link's address."""
    text = re.sub(r"</p>\s*<p[^>]*>|<br\s*/?>", "\n", html_text or "", flags=re.IGNORECASE)
    text = re.sub(
        r"<a\s[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>",
        lambda m: m[2] if m[1] in m[2] else f"{m[2]} ({m[1]})",
        text,
        flags=re.IGNORECASE | re.DOTALL,
    )
    text = strip_controls(html.unescape(strip_tags(text)))
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _insert(row):
    Comment.objects.bulk_create([row])


def item_date(item):
    if item.date_gmt is not None:
        return item.date_gmt
    if item.date is not None:
        return timezone.make_aware(item.date)
    return timezone.now()


def _refusal(comment, include_linkbacks):
    if comment.approved in NOT_IMPORTED:
        return NOT_IMPORTED[comment.approved]
    if comment.type in LINKBACKS and not include_linkbacks:
        return f"A {comment.type}: not imported (--include-pingbacks imports them)"
    if comment.approved not in STATUSES:
        return f"Unknown comment status {comment.approved!r}"
    if not comment.content.strip():
        return "Empty comment"
    return ""


def _parent(comment, by_id, kept):
    """The top-level comment a reply hangs from, and whether it moved up to get there."""
    seen, moved, current = set(), False, comment.parent
    while current and current not in seen:
        seen.add(current)
        wp_parent = by_id.get(current)
        if wp_parent is None:
            return None, True  # its parent is not in the file
        if current in kept and kept[current].parent_id is None:
            return kept[current], moved
        moved = True
        current = wp_parent.parent
    return None, moved
