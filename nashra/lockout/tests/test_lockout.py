"""Staff sign-in lockout: keyed on account and (pseudonymous) address, refused even with the
right password, explained in the admin's language, undone by an administrator."""

import ipaddress
import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

pytestmark = pytest.mark.django_db

PASSWORD = "right-horse-battery-17"
LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "lock-editor", "lock-editor@example.org", PASSWORD, is_staff=True
    )


@pytest.fixture
def other():
    user = get_user_model().objects.create_user("lock-other", "o@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(username, password, address="198.51.100.7", client=None, **headers):
    client = client or Client()
    response = client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )
    return response


def signed_in(response):
    return response.status_code == 302 and "/login/" not in response["Location"]


def fail(username, times, address="198.51.100.7", **headers):
    return [sign_in(username, "wrong", address, **headers).status_code for _ in range(times)]


def test_thirty_wrong_passwords_then_the_right_one_is_refused(editor):
    statuses = fail(editor.username, 30)
    assert statuses[:4] == [200] * 4  # the usual "enter a correct username and password"
    assert statuses[4:] == [429] * 26  # the fifth failure locks
    response = sign_in(editor.username, PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in response.wsgi_request.session


def test_the_lock_is_on_the_account_at_that_address_only(editor, other):
    fail(editor.username, 5, address="198.51.100.7")
    assert sign_in(editor.username, PASSWORD, address="198.51.100.7").status_code == 429
    assert signed_in(sign_in(editor.username, PASSWORD, address="203.0.113.9"))
    assert signed_in(sign_in(other.username, PASSWORD, address="198.51.100.7"))


def test_a_success_clears_only_that_address_failures(editor):
    fail(editor.username, 4, address="198.51.100.7")
    fail(editor.username, 3, address="203.0.113.9")
    assert signed_in(sign_in(editor.username, PASSWORD, address="203.0.113.9"))
    assert fail(editor.username, 1, address="198.51.100.7") == [429]


def test_no_raw_address_is_stored(editor):
    fail(editor.username, 2, address="198.51.100.7")
    sign_in(editor.username, PASSWORD, address="203.0.113.9")
    rows = list(AccessAttempt.objects.values()) + list(AccessLog.objects.values())
    assert len(rows) == 2
    for row in rows:
        assert ipaddress.ip_address(row["ip_address"]) in ipaddress.ip_network("fd00::/8")
        stored = " ".join(str(v) for v in row.values())
        assert "198.51.100.7" not in stored and "203.0.113.9" not in stored
        assert "wrong" not in stored and PASSWORD not in stored


def test_behind_the_proxy_the_right_most_forwarded_address_is_the_client(editor, settings):
    settings.NASHRA_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = "10.0.0.2"
    for spoof in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        sign_in(editor.username, "wrong", proxy, HTTP_X_FORWARDED_FOR=f"{spoof}, 198.51.100.7")
    # Forged entries on the left change nothing: the proxy wrote the right-most one.
    locked = sign_in(editor.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7")
    assert locked.status_code == 429
    # Every other reader comes through the same proxy address and is not locked out.
    assert signed_in(sign_in(editor.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"))


def test_a_missing_proxy_header_locks_no_one_who_comes_through_the_proxy(editor, settings):
    settings.NASHRA_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = "10.0.0.2"
    fail(editor.username, 5, address=proxy)  # no X-Forwarded-For: the address is unknown
    assert AccessAttempt.objects.get().ip_address is None
    assert sign_in(editor.username, PASSWORD, proxy).status_code == 429
    assert signed_in(sign_in(editor.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"))


def test_without_a_trusted_proxy_header_forwarded_addresses_are_ignored(editor, settings):
    settings.NASHRA_TRUSTED_PROXY_HEADER = ""
    for n in range(5):
        sign_in(editor.username, "wrong", "198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    locked = sign_in(editor.username, PASSWORD, "198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert locked.status_code == 429


def test_rotating_addresses_closes_the_account_to_new_ones_but_not_to_known_ones(editor):
    assert signed_in(sign_in(editor.username, PASSWORD, address="192.0.2.50"))  # their desk
    for n in range(6):  # 6 addresses x 5 failures = the account-wide limit of 30
        assert fail(editor.username, 5, address=f"203.0.113.{n}")[-1] == 429
    assert sign_in(editor.username, PASSWORD, address="198.51.100.200").status_code == 429
    assert signed_in(sign_in(editor.username, PASSWORD, address="192.0.2.50"))


def test_below_the_account_limit_new_addresses_are_still_let_in(editor):
    for n in range(5):
        fail(editor.username, 5, address=f"203.0.113.{n}")
    assert signed_in(sign_in(editor.username, PASSWORD, address="198.51.100.200"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Too many failed sign-in attempts for this account. Try again in 15 minutes"),
        ("ar", "محاولات فاشلة كثيرة لتسجيل الدخول إلى هذا الحساب. حاول مجددًا بعد 15 دقيقة"),
    ],
)
def test_the_lockout_page_speaks_the_admin_language(editor, language, text):
    fail(editor.username, 5, HTTP_ACCEPT_LANGUAGE=language)
    response = sign_in(editor.username, PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    body = response.content.decode()
    assert response.status_code == 429
    assert text in " ".join(body.split())
    assert f'lang="{language}"' in body and 'class="login' in body  # Wagtail's sign-in page
    assert "Locked-out sign-ins" in body or "عمليات الدخول الموقوفة" in body


def test_an_administrator_unlocks_from_the_admin(editor, admin_client):
    fail(editor.username, 5)
    listing = admin_client.get("/admin/lockouts/")
    assert listing.status_code == 200
    assert editor.username in listing.content.decode()
    response = admin_client.post("/admin/lockouts/unlock/", {"username": editor.username})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=editor.username).exists()
    assert signed_in(sign_in(editor.username, PASSWORD))


def test_the_menu_and_the_unlock_need_the_permission(editor, other):
    fail(editor.username, 5)
    client = Client()
    client.force_login(other)
    assert "/admin/lockouts/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/lockouts/").status_code in (302, 403)
    assert client.post("/admin/lockouts/unlock/", {"username": editor.username}).status_code in (
        302,
        403,
    )
    assert AccessAttempt.objects.filter(username=editor.username).exists()
    other.user_permissions.add(Permission.objects.get(codename="delete_accessattempt"))
    other = get_user_model().objects.get(pk=other.pk)
    client.force_login(other)
    assert "/admin/lockouts/" in client.get("/admin/").content.decode()
    client.post("/admin/lockouts/unlock/", {"username": editor.username})
    assert not AccessAttempt.objects.filter(username=editor.username).exists()


def test_a_password_reset_does_not_lift_the_lock(editor):
    fail(editor.username, 5)
    client = Client()
    client.post("/admin/password_reset/", {"email": editor.email})
    assert len(mail.outbox) == 1
    uid = urlsafe_base64_encode(force_bytes(editor.pk))
    token = default_token_generator.make_token(editor)
    assert f"/{uid}/{token}/" in mail.outbox[0].body
    form = client.get(f"/admin/password_reset/confirm/{uid}/{token}/", follow=True)
    new = "a-brand-new-pass-9932"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and "complete" in done["Location"]
    assert "_auth_user_id" not in client.session  # the reset does not sign in by itself
    assert sign_in(editor.username, new).status_code == 429


def test_the_management_commands_unlock_too(editor):
    from django.core.management import call_command

    fail(editor.username, 5)
    call_command("axes_reset_username", editor.username, verbosity=0)
    assert signed_in(sign_in(editor.username, PASSWORD))


def test_wrong_usernames_are_counted_without_error():
    statuses = fail("nobody-here", 6)
    assert statuses[-1] == 429
    assert re.fullmatch(r"[0-9a-f:]+", AccessAttempt.objects.get().ip_address)
