"""Setting up a second factor: the app is confirmed by a code, recovery codes are shown once."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from nashra.accounts.devices import new_recovery_codes

from .helpers import app_device, code_for, editor, wrong_code_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client, settings, django_user_model):
    settings.NASHRA_2FA_REQUIRED = "staff"
    settings.OTP_TOTP_THROTTLE_FACTOR = 30  # a wrong code locks for 30 s, however slow the run
    user = editor(django_user_model)
    client.force_login(user)
    return user


def test_enrolment_page_offers_a_passkey_and_an_app(client, newcomer):
    page = client.get("/admin/two-factor/enrol/?next=/admin/").content.decode()
    assert "Your account needs a second step at sign-in" in page
    assert 'data-passkey="register"' in page
    assert 'data-next="/admin/two-factor/enrol/done/?next=%2Fadmin%2F"' in page
    assert "/admin/two-factor/enrol/app/?next=/admin/" in page
    assert "<script>" not in page and " style=" not in page and "onclick" not in page


def test_app_needs_a_correct_code_before_it_counts(client, newcomer):
    page = client.get("/admin/two-factor/enrol/app/?next=/admin/").content.decode()
    assert "<svg" in page and "<title>QR code for your authenticator app</title>" in page
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    assert re.search(r'class="two-factor__secret"[^>]*>(<span>[A-Z2-7]{4}</span> ){8}</p>', page)
    # Reloading keeps the key the user may already have scanned.
    client.get("/admin/two-factor/enrol/app/")
    assert TOTPDevice.objects.get(user=newcomer).key == device.key

    refused = client.post("/admin/two-factor/enrol/app/", {"code": wrong_code_for(device)})
    assert "That code is not right" in refused.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")
    throttled = client.post("/admin/two-factor/enrol/app/", {"code": code_for(device)})
    assert "Too many wrong codes. Wait" in throttled.content.decode()

    device.refresh_from_db()
    device.throttle_reset()  # as after the wait
    done = client.post(
        "/admin/two-factor/enrol/app/", {"code": code_for(device), "next": "/admin/"}
    )
    assert done["Location"] == "/admin/two-factor/enrol/done/?next=%2Fadmin%2F"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    codes_page = client.get(done["Location"], follow=True)
    html = codes_page.content.decode()
    shown = re.findall(r"<code>((?:[a-z2-7]{4}-){3}[a-z2-7]{4})</code>", html)
    assert len(shown) == 10
    stored = StaticDevice.objects.get(user=newcomer).token_set.values_list("token", flat=True)
    assert len(stored) == 10
    # Only hashes are kept: no code, with or without its dashes, is in the database.
    assert not {c for code in shown for c in (code, code.replace("-", ""))} & set(stored)
    # Shown once: the page does not come back.
    assert client.get("/admin/two-factor/recovery-codes/")["Location"] == "/admin/two-factor/"
    assert client.get("/admin/").status_code == 200  # this session is verified


def test_an_enrolled_account_cannot_gain_a_factor_with_the_password_alone(client, newcomer):
    app_device(newcomer)
    assert client.get("/admin/two-factor/enrol/app/")["Location"].startswith(
        "/admin/two-factor/verify/"
    )
    assert client.get("/admin/two-factor/enrol/")["Location"].startswith(
        "/admin/two-factor/verify/"
    )
    begin = client.post(
        "/admin/two-factor/passkeys/registration/begin/", content_type="application/json"
    )
    assert begin.status_code == 403 and begin.json()["code"] == "user_not_verified"
    assert client.post("/admin/two-factor/recovery-codes/")["Location"].startswith(
        "/admin/two-factor/verify/"
    )


def test_passkey_registration_is_offered_to_a_newcomer(client, newcomer, settings):
    begin = client.post(
        "/admin/two-factor/passkeys/registration/begin/", content_type="application/json"
    )
    assert begin.status_code == 200
    options = begin.json()
    assert options["rp"] == {"id": "localhost", "name": "Nashra"}
    assert options["user"]["name"] == newcomer.username


def test_passkey_alone_cannot_sign_anyone_in(client):
    begin = client.post(
        "/admin/two-factor/passkeys/authentication/begin/", content_type="application/json"
    )
    assert begin.status_code == 302 and begin["Location"].startswith("/admin/login/")


def test_new_recovery_codes_replace_the_old(client, newcomer):
    device = app_device(newcomer)
    old = new_recovery_codes(newcomer)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    response = client.post("/admin/two-factor/recovery-codes/", follow=True)
    new = re.findall(r"<code>([a-z2-7-]{19})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/admin/logout/")
    client.force_login(newcomer)
    stale = client.post("/admin/two-factor/verify/", {"code": old[1], "method": "recovery"})
    assert "That code is not right" in stale.content.decode()


def test_the_last_factor_cannot_be_removed_while_required(client, newcomer, settings):
    device = app_device(newcomer)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    response = client.post(f"/admin/two-factor/remove/app/{device.pk}/", follow=True)
    assert "add another app or passkey before removing" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    settings.NASHRA_2FA_REQUIRED = "off"
    new_recovery_codes(newcomer)
    client.post(f"/admin/two-factor/remove/app/{device.pk}/")
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert not StaticDevice.objects.filter(user=newcomer).exists()
    assert client.get("/admin/").status_code == 200


def test_someone_elses_device_cannot_be_removed(client, newcomer, django_user_model):
    other = app_device(editor(django_user_model, "other"))
    device = app_device(newcomer)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    response = client.post(f"/admin/two-factor/remove/app/{other.pk}/")
    assert response.status_code in (302, 404)  # the 404 may be redirected to /en/admin/...
    assert response.get("Location") != "/admin/two-factor/"
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


def test_account_page_links_to_the_settings(client, newcomer, settings):
    settings.NASHRA_2FA_REQUIRED = "off"
    page = client.get("/admin/account/").content.decode()
    assert 'href="/admin/two-factor/"' in page


def test_enrolment_in_arabic(client, settings, django_user_model):
    settings.NASHRA_2FA_REQUIRED = "staff"
    settings.OTP_TOTP_THROTTLE_FACTOR = 30
    client.force_login(editor(django_user_model, "muharrira", language="ar"))
    page = client.get("/admin/two-factor/enrol/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert "إعداد التحقق بخطوتين" in page
    device_page = client.get("/admin/two-factor/enrol/app/").content.decode()
    assert "امسح رمز QR هذا" in device_page
    device = TOTPDevice.objects.get(confirmed=False, user__username="muharrira")
    refused = client.post("/admin/two-factor/enrol/app/", {"code": wrong_code_for(device)})
    assert "الرمز غير صحيح" in refused.content.decode()
    letters = client.post("/admin/two-factor/enrol/app/", {"code": "abcdef"})
    assert "أدخل الأرقام" in letters.content.decode()
    assert (
        "رموز خاطئة كثيرة. انتظر"
        in client.post("/admin/two-factor/enrol/app/", {"code": code_for(device)}).content.decode()
    )
    device.refresh_from_db()
    device.throttle_reset()  # as after the wait
    # Arabic-Indic digits from an Arabic keyboard are the same code.
    arabic_digits = code_for(device).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    accepted = client.post("/admin/two-factor/enrol/app/", {"code": arabic_digits})
    assert accepted.status_code == 302
