"""Requests a browser never sends, and a moderator who has not finished signing in: each gets
a refusal, never a 500, and a password alone buys no staff privileges."""

import base64
import json

import pytest
from django.contrib.auth.models import Group

from nashra.engagement.models import Comment

from .helpers import JSON, ORIGIN, article, comment_url, pow_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)  # the password step only: no second factor proved
    return user


def _state(client, a):
    return client.get(f"/en/engagement/articles/{a.pk}/state/").json()


def test_a_password_alone_does_not_make_a_moderator_staff(client, settings, moderator):
    a = article("en")
    settings.NASHRA_2FA_REQUIRED = "off"
    assert _state(client, a)["staff"] is True
    settings.NASHRA_2FA_REQUIRED = "staff"
    assert _state(client, a)["staff"] is False
    Comment.objects.filter(article=a).delete()
    response = client.post(
        comment_url(a),
        {
            "name": "Mod",
            "email": "mod@example.org",
            "body": "An unverified staff comment",
        },
        **ORIGIN,
        **JSON,
    )
    assert response.status_code == 400 and "captcha" in response.json()["errors"]
    assert not Comment.objects.filter(article=a).exists()


@pytest.mark.parametrize("origin", ["http://[", "http://[zz]", "http://[::1"])
def test_a_malformed_origin_is_refused_not_a_500(client, origin):
    a = article("en")
    response = client.post(comment_url(a), {"body": "x"}, HTTP_ORIGIN=origin, **JSON)
    assert response.status_code == 403 and not response.json()["ok"]


def test_unreadable_bytes_with_too_many_fields_are_refused(client):
    a = article("en")
    body = b"body=caf\xe9" + b"&a" * 10_001
    response = client.post(
        comment_url(a), body, content_type="application/x-www-form-urlencoded", **ORIGIN, **JSON
    )
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("expires", ["%C2%B2", "9" * 5000, "-1", "1e9"])
def test_a_forged_captcha_expiry_is_refused_not_a_500(client, expires):
    a = article("en")
    payload = json.loads(base64.b64decode(pow_for(a)))
    payload["salt"] = f"x?form=comment:{a.pk}&expires={expires}"
    forged = base64.b64encode(json.dumps(payload).encode()).decode()
    response = client.post(
        comment_url(a),
        {
            "name": "Rania",
            "email": "r@example.org",
            "body": "A fair question",
            "altcha": forged,
        },
        **ORIGIN,
        **JSON,
    )
    assert response.status_code == 400 and "captcha" in response.json()["errors"]
