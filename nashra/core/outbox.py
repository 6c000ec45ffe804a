"""Mail that the mail server did not take is kept and sent again, never dropped in silence.

`send()` tries at once; on failure it keeps the message in `OutboxMail` (recipient, subject
and body: only what is mailed) until `expires_at`, logs an ERROR, and returns False so the
caller can tell the reader. `send_pending()` (`manage.py core_send_outbox`, from cron) sends
what is kept and drops what expired.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.core.mail.message import EmailMessage
from django.utils import timezone

from .models import OutboxMail

logger = logging.getLogger("nashra.mail")

MAIL_ERRORS = (smtplib.SMTPException, OSError)
KEEP_FOR = timedelta(days=7)


def send(purpose, recipient, subject, body, keep_for=KEEP_FOR):
    """Send one message now; if the mail server does not take it, keep it. True if sent."""
    return send_many(purpose, [(recipient, subject, body)], keep_for) == 1


def send_many(purpose, messages, keep_for=KEEP_FOR):
    """Send (recipient, subject, body) messages over one connection; keep each one the mail
    server does not take (after a connection failure, all the rest, without waiting for
    another timeout). Returns how many were sent."""
    sent, kept, waiting = 0, [], list(messages)
    try:
        with get_connection() as connection:
            while waiting:
                recipient, subject, body = waiting[0]
                try:
                    EmailMessage(subject, body, None, [recipient], connection=connection).send()
                    sent += 1
                except smtplib.SMTPRecipientsRefused as exc:
                    kept.append((*waiting[0], exc))
                waiting.pop(0)
    except MAIL_ERRORS as exc:
        kept += [(*message, exc) for message in waiting]
    if kept:
        expires_at = timezone.now() + keep_for
        rows = OutboxMail.objects.bulk_create(
            [
                OutboxMail(
                    purpose=purpose,
                    recipient=recipient,
                    subject=subject,
                    body=body,
                    expires_at=expires_at,
                    last_error=_describe(exc),
                )
                for recipient, subject, body, exc in kept
            ]
        )
        # The addresses stay out of the log: the outbox rows say who they are for.
        logger.error(
            "Could not send %d %s e-mails (%s); kept in the outbox for "
            "`manage.py core_send_outbox` (%d waiting in all)",
            len(rows),
            purpose,
            type(kept[0][3]).__name__,
            OutboxMail.objects.count(),
        )
    return sent


def send_pending(limit=500):
    """Send what the outbox holds, oldest first. Returns (sent, still kept, expired)."""
    expired = OutboxMail.objects.filter(expires_at__lte=timezone.now())
    dropped = list(expired.values_list("pk", "purpose"))
    if dropped:
        expired.filter(pk__in=[pk for pk, _ in dropped]).delete()
        logger.error(
            "Dropped %d e-mails that could not be sent before they expired: %s",
            len(dropped),
            ", ".join(f"#{pk} ({purpose})" for pk, purpose in dropped),
        )
    sent = 0
    rows = list(OutboxMail.objects.order_by("pk")[:limit])
    if rows:
        try:
            with get_connection() as connection:
                for row in rows:
                    try:
                        EmailMessage(
                            row.subject, row.body, None, [row.recipient], connection=connection
                        ).send()
                    except smtplib.SMTPRecipientsRefused as exc:
                        _failed([row], exc)
                        continue
                    row.delete()
                    sent += 1
        except MAIL_ERRORS as exc:
            _failed([row for row in rows if row.pk is not None], exc)
    return sent, OutboxMail.objects.count(), len(dropped)


def _failed(rows, exc):
    for row in rows:
        row.attempts += 1
        row.last_error = _describe(exc)
        row.save(update_fields=["attempts", "last_error"])
    logger.error(
        "Could not send %d e-mails from the outbox (%s); kept for the next run",
        len(rows),
        type(exc).__name__,
    )


def _describe(exc):
    return f"{type(exc).__name__}: {exc}"[:300]
