import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from nashra.engagement.models import Comment, Reaction

from .helpers import ORIGIN, article, page_url

pytestmark = pytest.mark.django_db


def _request(client, email, action, lang="en"):
    response = client.post(
        f"/{lang}/engagement/privacy/", {"email": email, "action": action}, **ORIGIN
    )
    assert response.status_code == 200
    link = re.search(r"http://testserver(\S+)", mail.outbox[-1].body).group(1)
    return link


def _comment(email):
    return Comment.objects.create(
        article=article(), name="N", email=email, body="Hello", status="approved"
    )


def test_export_after_email_confirmation(client):
    _comment("reader@example.org")
    link = _request(client, "Reader@example.org", "export")
    assert "Confirm the export" in mail.outbox[-1].subject
    page = client.get(link)
    assert "1" in page.content.decode()
    download = client.post(link, **ORIGIN)
    data = json.loads(download.content)
    assert data["comments"][0]["comment"] == "Hello"
    assert download["Content-Disposition"].startswith("attachment")


def test_deletion_after_email_confirmation_in_arabic(client):
    _comment("reader@example.org")
    _comment("other@example.org")
    link = _request(client, "reader@example.org", "delete", lang="ar")
    assert "تأكيد حذف" in mail.outbox[-1].subject
    client.post(link, **ORIGIN)
    assert not Comment.objects.filter(email="reader@example.org").exists()
    assert Comment.objects.filter(email="other@example.org").exists()


def test_tampered_or_invalid_requests(client):
    assert client.get("/en/engagement/privacy/confirm/forged-token/").status_code == 400
    response = client.post(
        "/en/engagement/privacy/", {"email": "nope", "action": "export"}, **ORIGIN
    )
    assert response.status_code == 400 and "valid e-mail" in response.content.decode()
    assert not mail.outbox


def test_hashed_addresses_are_forgotten_after_the_retention_period(settings):
    settings.NASHRA_ADDRESS_HASH_RETENTION_DAYS = 30
    old = _comment("a@example.org")
    Comment.objects.filter(pk=old.pk).update(
        address_hash="h" * 64, created_at=timezone.now() - timedelta(days=31)
    )
    new = _comment("b@example.org")
    Comment.objects.filter(pk=new.pk).update(address_hash="k" * 64)
    vote = Reaction.objects.create(
        article=article(), reader_key="r", liked=True, address_hash="v" * 64
    )
    Reaction.objects.filter(pk=vote.pk).update(created_at=timezone.now() - timedelta(days=40))
    call_command("engagement_purge", verbosity=0)
    assert Comment.objects.get(pk=old.pk).address_hash == ""
    assert Comment.objects.get(pk=new.pk).address_hash == "k" * 64
    assert Reaction.objects.get(pk=vote.pk).address_hash == ""


def test_deleting_my_comments_keeps_other_readers_replies(client):
    mine = _comment("me@example.org")
    reply = Comment.objects.create(
        article=mine.article,
        parent=mine,
        name="Other",
        email="other@example.org",
        body="A reply",
        status="approved",
    )
    link = _request(client, "me@example.org", "delete")
    client.post(link, **ORIGIN)
    assert Comment.objects.filter(pk=reply.pk).exists()
    emptied = Comment.objects.get(pk=mine.pk)
    assert emptied.body == "" and emptied.email == "" and emptied.name == ""
    html = client.get(page_url(mine.article)).content.decode()
    assert "This comment was deleted by its author." in html and "A reply" in html
