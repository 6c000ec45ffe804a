"""Accepting a comment: every rule of the comment policy that a machine can check."""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nashra.core.arabic import normalize
from nashra.news.models.section import CommentsMode

from . import locks, ratelimit
from .models import Ban, Comment, CommentStatus
from .notifications import notify_moderators
from .staff import acts_as_staff
from .text import neutralize_bidi
from .word_filter import matching_rule


class CommentRejected(Exception):
    """The comment was not accepted; `message` says why, in the reader's language."""

    def __init__(self, message, status=400, field=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


@dataclass
class Outcome:
    comment: Comment
    duplicate: bool = False
    notices: list = field(default_factory=list)

    @property
    def message(self):
        if self.duplicate:
            return _(
                "You already posted this comment; we kept the first one and did not store it twice."
            )
        if self.comment.status == CommentStatus.APPROVED:
            return _("Thank you. Your comment is published.")
        if self.comment.held_by:
            return _(
                "Thank you. Your comment matched our word filter, so a moderator will review it "
                "before it appears."
            )
        return _("Thank you. Your comment will appear once a moderator approves it.")


def _body_fingerprint(body):
    return hashlib.sha256(normalize(" ".join(body.split())).encode()).hexdigest()


def is_banned(email, address):
    return (
        Ban.objects.filter(kind=Ban.Kind.EMAIL, value=email.strip().lower()).exists()
        or Ban.objects.filter(kind=Ban.Kind.ADDRESS, value=address).exists()
    )


def submit_comment(
    *,
    article,
    parent,
    name,
    email,
    body,
    language,
    reader_key,
    address,
    submission_token,
    user=None,
):
    mode = article.effective_comments_mode
    article_language = article.locale.language_code
    if mode == CommentsMode.CLOSED:
        raise CommentRejected(_("Comments on this article are closed."), status=403)
    is_staff = acts_as_staff(user)
    if not is_staff and is_banned(email, address):
        raise CommentRejected(
            _("Comments from this address are not accepted. See the comment policy."), status=403
        )
    if parent is not None and (
        parent.article_id != article.pk
        or parent.parent_id is not None
        or parent.status != CommentStatus.APPROVED
    ):
        raise CommentRejected(_("You can only reply to a published comment."), field="parent")

    notices = []
    body, removed = neutralize_bidi(body)
    name, removed_in_name = neutralize_bidi(name)
    if removed or removed_in_name:
        notices.append(
            ngettext(
                "We removed %(count)s invisible text-direction control character from what you "
                "typed, so that your comment cannot change how the page reads.",
                "We removed %(count)s invisible text-direction control characters from what you "
                "typed, so that your comment cannot change how the page reads.",
                removed + removed_in_name,
            )
            % {"count": removed + removed_in_name}
        )

    with transaction.atomic():
        outcome = _store(
            article=article,
            parent=parent,
            name=name,
            email=email,
            body=body,
            language=language,
            reader_key=reader_key,
            address=address,
            submission_token=submission_token,
            is_staff=is_staff,
            mode=mode,
            article_language=article_language,
        )
    if not outcome.duplicate:
        outcome.notices = notices
    return outcome


def _store(
    *,
    article,
    parent,
    name,
    email,
    body,
    language,
    reader_key,
    address,
    submission_token,
    is_staff,
    mode,
    article_language,
):
    # A second submit of the same form, or the same text again: keep the first. Copies race
    # in together, so each looks and inserts while holding the locks a copy would need (the
    # form's, then the e-mail address's: every text it could duplicate has that address).
    if submission_token:
        locks.serialize("comment-form", article.pk, submission_token)
    locks.serialize("comment-text", article.pk, email.strip().lower())
    if submission_token:
        existing = Comment.objects.filter(
            article=article, submission_token=submission_token
        ).first()
        if existing is not None:
            return Outcome(existing, duplicate=True)
    fingerprint = _body_fingerprint(body)
    # Only the same reader (cookie or today's address) can be told "you posted this already":
    # anyone else would learn who wrote a comment.
    same_reader = Q(address_hash=address) | (Q(reader_key=reader_key) if reader_key else Q())
    recent = Comment.objects.filter(
        same_reader,
        article=article,
        email__iexact=email,
        created_at__gte=timezone.now() - timedelta(days=1),
    )
    for earlier in recent:
        if _body_fingerprint(earlier.body) == fingerprint:
            return Outcome(earlier, duplicate=True)

    if not is_staff and not ratelimit.hit(
        "comment", address, settings.NASHRA_COMMENTS_PER_ADDRESS_PER_10_MIN, 600
    ):
        raise CommentRejected(
            _("You are commenting faster than we allow. Please wait a few minutes and try again."),
            status=429,
        )

    rule = None if is_staff else matching_rule([name, body], article_language)
    status = CommentStatus.PENDING
    if is_staff or (mode == CommentsMode.OPEN and rule is None):
        status = CommentStatus.APPROVED
    comment = Comment(
        article=article,
        parent=parent,
        name=name.strip(),
        email=email.strip(),
        body=body.strip(),
        language=language,
        status=status,
        is_staff_reply=is_staff,
        held_by=(f"word filter: “{rule.term}” ({rule.get_language_display()})" if rule else ""),
        reader_key=reader_key or "",
        address_hash=address,
        submission_token=submission_token or None,
        moderated_at=timezone.now() if status == CommentStatus.APPROVED else None,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:  # the constraint behind the lock: the same form is already in
        return Outcome(
            Comment.objects.get(article=article, submission_token=submission_token), duplicate=True
        )
    if comment.status == CommentStatus.PENDING:
        transaction.on_commit(lambda: notify_moderators(comment), robust=True)
    return Outcome(comment)
