"""The mail server unreachable (the production default localhost:25 has no MTA on most hosts):
the reader is told in their language, what must be mailed is kept in the outbox and sent by
`core_send_outbox` once the server is back, and nothing fails in silence."""

import logging
import re
import threading
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from bench.faults import MailSink
from nashra.core.models import OutboxMail
from nashra.engagement.models import Comment
from tests.support import free_port

from .helpers import JSON, ORIGIN, article, comment_url, pow_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_down():
    port = free_port()  # nothing listens there
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=3,
    ):
        yield port


def _mail_back(port):
    sink = MailSink(port)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    return sink


def test_a_privacy_request_is_kept_and_the_reader_told_in_arabic(client, mail_down, caplog):
    response = client.post(
        "/ar/engagement/privacy/", {"email": "reader@example.org", "action": "delete"}, **ORIGIN
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "تعذّر علينا إرسال البريد الإلكتروني الآن" in page
    assert "في طريقه" not in page  # not told that it is on its way
    kept = OutboxMail.objects.get()
    assert (kept.purpose, kept.recipient) == ("privacy", "reader@example.org")
    # Kept no longer than the link works.
    assert kept.expires_at <= timezone.now() + timedelta(hours=24)
    assert "Could not send 1 privacy e-mails" in caplog.text
    assert "reader@example.org" not in caplog.text  # the address stays out of the log

    sink = _mail_back(mail_down)
    try:
        call_command("core_send_outbox")
    finally:
        sink.shutdown()
        sink.server_close()
    assert len(sink.received) == 1 and not OutboxMail.objects.exists()
    link = re.search(rb"http://testserver(\S+)", sink.received[0]).group(1).decode()
    Comment.objects.create(
        article=article("ar"), name="N", email="reader@example.org", body="Hi", status="approved"
    )
    assert client.get(link).status_code == 200  # the link mailed late still works


def test_mail_that_could_not_be_sent_before_it_expired_is_dropped_and_reported(mail_down, caplog):
    OutboxMail.objects.create(
        purpose="privacy",
        recipient="late@example.org",
        subject="s",
        body="b",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    OutboxMail.objects.create(
        purpose="moderation",
        recipient="mod@example.org",
        subject="s",
        body="b",
        expires_at=timezone.now() + timedelta(days=1),
    )
    caplog.set_level(logging.ERROR, logger="nashra.mail")
    with pytest.raises(CommandError):  # the mail server is still down: one still waits
        call_command("core_send_outbox")
    assert list(OutboxMail.objects.values_list("purpose", "attempts")) == [("moderation", 2)]
    assert "Dropped 1 e-mails that could not be sent before they expired" in caplog.text


def test_moderator_notifications_are_kept_not_dropped(
    client, mail_down, django_user_model, django_capture_on_commit_callbacks, caplog
):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    a = article()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            comment_url(a),
            {
                "name": "Rania",
                "email": "rania@example.org",
                "altcha": pow_for(a),
                "body": "When will the clinic on the corniche open again?",
            },
            **ORIGIN,
            **JSON,
        )
    data = response.json()
    assert response.status_code == 200 and data["ok"] and data["status"] == "pending"
    assert Comment.objects.filter(pk=data["comment_id"]).exists()
    kept = OutboxMail.objects.get()
    assert (kept.purpose, kept.recipient) == ("moderation", "mod@example.org")
    assert a.title in kept.subject
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "nashra.mail"]
    assert len(errors) == 1 and "moderation" in errors[0].getMessage()
