"""Signing in with a second factor: the admin stays shut until it is proved, per session."""

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.urls import get_resolver
from django_otp.plugins.otp_static.models import StaticDevice

from nashra.accounts.devices import new_recovery_codes

from .helpers import app_device, code_for, editor, wrong_code_for

pytestmark = pytest.mark.django_db

OPEN = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",
    "/admin/two-factor/verify/",
    "/admin/two-factor/enrol/",
    "/admin/two-factor/passkeys/registration/",
    "/admin/two-factor/passkeys/authentication/",
)


def admin_urls():
    patterns = extract_views_from_urlpatterns(get_resolver().url_patterns)
    urls = {simplify_regex(pattern) for _view, pattern, _ns, _name in patterns}
    return sorted(
        u
        for u in urls
        if u.startswith("/admin/") and "<" not in u and not u.startswith(OPEN) and u != "/admin/./"
    )


@pytest.fixture
def enrolled(client, settings, django_user_model):
    settings.NASHRA_2FA_REQUIRED = "staff"
    user = django_user_model.objects.create_superuser("chief", "c@example.org", "pw")
    device = app_device(user)
    client.force_login(user)
    return user, device


def test_every_admin_url_sends_an_unverified_session_to_verification(client, enrolled):
    urls = admin_urls() + ["/admin/pages/3/edit/", "/admin/users/1/", "/admin/two-factor/"]
    assert len(urls) > 80
    for url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/two-factor/verify/?next="), url


def test_code_from_the_app_opens_the_admin_and_returns_to_the_page_asked_for(client, enrolled):
    _user, device = enrolled
    url = "/admin/two-factor/verify/?next=/admin/pages/"
    assert b'autocomplete="one-time-code"' in client.get(url).content
    response = client.post(url, {"code": code_for(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_wrong_code_is_refused_and_the_admin_stays_shut(client, enrolled):
    _user, device = enrolled
    response = client.post("/admin/two-factor/verify/", {"code": wrong_code_for(device)})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_are_throttled(client, enrolled, settings):
    _user, device = enrolled
    settings.OTP_TOTP_THROTTLE_FACTOR = 30  # the first failure then locks for 30 s
    client.post("/admin/two-factor/verify/", {"code": wrong_code_for(device)})
    response = client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_code_cannot_be_replayed_in_another_session(client, enrolled):
    user, device = enrolled
    code = code_for(device)
    client.post("/admin/two-factor/verify/", {"code": code})
    client.post("/admin/logout/")
    client.force_login(user)
    response = client.post("/admin/two-factor/verify/", {"code": code})
    assert "That code is not right" in response.content.decode()


def test_signing_out_ends_the_verification(client, enrolled):
    user, device = enrolled
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")


def test_recovery_code_signs_in_once_then_is_spent(client, enrolled):
    user, _device = enrolled
    codes = new_recovery_codes(user)
    assert len(codes) == 10 and len(set(codes)) == 10
    url = "/admin/two-factor/verify/?method=recovery"
    assert "Recovery code" in client.get(url).content.decode()
    response = client.post(url, {"code": codes[0].upper(), "method": "recovery"}, follow=True)
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert "You have 9 codes left" in response.content.decode()
    client.post("/admin/logout/")
    client.force_login(user)
    again = client.post(url, {"code": codes[0], "method": "recovery"})
    assert "That code is not right" in again.content.decode()
    assert client.get("/admin/").status_code == 302
    assert StaticDevice.objects.get(user=user).token_set.count() == 9


def test_recovery_code_refused_when_none_were_made(client, enrolled):
    response = client.post("/admin/two-factor/verify/", {"code": "abcd-efgh", "method": "recovery"})
    assert "That code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_next_cannot_leave_the_site(client, enrolled):
    _user, device = enrolled
    response = client.post(
        "/admin/two-factor/verify/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_arabic_editor_is_refused_in_arabic(client, settings, django_user_model):
    settings.NASHRA_2FA_REQUIRED = "staff"
    user = editor(django_user_model, "muharrir", language="ar")
    device = app_device(user)
    client.force_login(user)
    page = client.get("/admin/two-factor/verify/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "تأكيد هويتك" in page
    refused = client.post("/admin/two-factor/verify/", {"code": wrong_code_for(device)})
    assert "الرمز غير صحيح" in refused.content.decode()
