"""NASHRA_2FA_REQUIRED decides who must enrol; the rule touches the admin only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nashra.accounts import policy

from .helpers import app_device, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    return {
        "superuser": django_user_model.objects.create_superuser("boss", "b@example.org", "pw"),
        "editor": editor(django_user_model),
        "reader": django_user_model.objects.create_user("reader", "r@example.org", "pw"),
    }


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("staff", {"superuser": True, "editor": True, "reader": False}),
        ("superusers", {"superuser": True, "editor": False, "reader": False}),
        ("off", {"superuser": False, "editor": False, "reader": False}),
    ],
)
def test_scope_decides_who_must_enrol(settings, people, scope, expected):
    settings.NASHRA_2FA_REQUIRED = scope
    assert {name: policy.is_required(user) for name, user in people.items()} == expected
    assert not policy.is_required(AnonymousUser())


@pytest.mark.parametrize(
    ("scope", "sent_to"),
    [
        ("staff", "/admin/two-factor/enrol/"),
        ("superusers", None),
        ("off", None),
    ],
)
def test_editor_sent_to_enrolment_only_when_scope_covers_them(
    client, settings, people, scope, sent_to
):
    settings.NASHRA_2FA_REQUIRED = scope
    client.force_login(people["editor"])
    response = client.get("/admin/")
    if sent_to:
        assert response.status_code == 302
        assert response["Location"] == f"{sent_to}?next=%2Fadmin%2F"
    else:
        assert response.status_code == 200


def test_superuser_scope_sends_superusers_to_enrolment(client, settings, people):
    settings.NASHRA_2FA_REQUIRED = "superusers"
    client.force_login(people["superuser"])
    assert client.get("/admin/").headers["Location"].startswith("/admin/two-factor/enrol/")


def test_voluntary_enrolment_is_enforced_even_when_off(client, settings, people):
    settings.NASHRA_2FA_REQUIRED = "off"
    app_device(people["editor"])
    client.force_login(people["editor"])
    assert client.get("/admin/").headers["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2F"


def test_voluntary_enrolment_available_when_not_required(client, settings, people):
    settings.NASHRA_2FA_REQUIRED = "off"
    client.force_login(people["editor"])
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    assert b"Two-factor authentication is off for your account" in page.content
    assert client.get("/admin/two-factor/enrol/app/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/ar/",
        "/api/v2/pages/",
        "/healthz",
        "/sitemap.xml",
        "/robots.txt",
        "/en/search/?q=news",
    ],
)
def test_public_pages_and_api_unaffected(client, settings, people, path):
    settings.NASHRA_2FA_REQUIRED = "staff"
    anonymous = client.get(path)
    client.force_login(people["editor"])  # signed in with a password, no second factor
    signed_in = client.get(path)
    assert anonymous.status_code == signed_in.status_code == 200
    assert "two-factor" not in signed_in.headers.get("Location", "")


def test_anonymous_admin_visit_goes_to_login_as_before(client, settings):
    settings.NASHRA_2FA_REQUIRED = "staff"
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_login_page_and_sign_out_stay_open(client, settings, people):
    settings.NASHRA_2FA_REQUIRED = "staff"
    client.force_login(people["editor"])
    assert client.post("/admin/logout/").headers["Location"] == "/admin/login/"
    assert client.get("/admin/login/").status_code == 200


def test_system_check_rejects_an_unknown_scope(settings):
    from nashra.accounts.checks import two_factor_settings

    settings.NASHRA_2FA_REQUIRED = "everyone"
    assert [e.id for e in two_factor_settings(None)] == ["accounts.E001"]
    settings.NASHRA_2FA_REQUIRED = "staff"
    settings.OTP_WEBAUTHN_RP_ID = "203.0.113.7"
    assert [e.id for e in two_factor_settings(None)] == ["accounts.W001"]
    settings.OTP_WEBAUTHN_RP_ID = "news.example.org"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://news.example.org"]
    assert [e.id for e in two_factor_settings(None)] == ["accounts.W002"]
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://news.example.org"]
    assert two_factor_settings(None) == []
