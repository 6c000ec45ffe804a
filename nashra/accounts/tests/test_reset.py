"""An administrator's way back in for someone who lost every factor: a reset forces re-enrolment."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from nashra.accounts.devices import new_recovery_codes

from .helpers import app_device, code_for, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost(settings, django_user_model):
    settings.NASHRA_2FA_REQUIRED = "staff"
    user = editor(django_user_model, "lostphone")
    app_device(user)
    new_recovery_codes(user)
    return user


@pytest.fixture
def chief(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "c@example.org", "pw")
    device = app_device(user)
    client.force_login(user)
    client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    return user


def _factors(user):
    return (
        TOTPDevice.objects.filter(user=user).count()
        + StaticDevice.objects.filter(user=user).count()
    )


def test_superuser_resets_and_the_user_must_enrol_again(client, chief, lost):
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/two-factor/reset/{lost.pk}/" in listing
    url = f"/admin/two-factor/reset/{lost.pk}/"
    confirm = client.get(url).content.decode()
    assert "Authenticator app: set up" in confirm and "10 unused recovery codes" in confirm
    response = client.post(url)
    assert response["Location"] == "/admin/users/"
    assert _factors(lost) == 0
    entry = ModelLogEntry.objects.get(action="accounts.reset_2fa")
    assert entry.user_id == chief.pk and entry.object_id == str(lost.pk)

    client.post("/admin/logout/")
    client.force_login(lost)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")


def test_only_superusers_may_reset(client, lost, django_user_model):
    other = editor(django_user_model, "colleague")
    client.force_login(other)
    response = client.post(f"/admin/two-factor/reset/{lost.pk}/")
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/admin/users/")
    assert _factors(lost) == 2


def test_superuser_cannot_reset_their_own_factor_here(client, chief):
    client.post(f"/admin/two-factor/reset/{chief.pk}/")
    assert TOTPDevice.objects.filter(user=chief).exists()


def test_command_resets_a_user(lost, capsys):
    call_command("accounts_reset_2fa", "lostphone")
    assert _factors(lost) == 0
    assert "reset for lostphone" in capsys.readouterr().out
    assert ModelLogEntry.objects.filter(action="accounts.reset_2fa", user=None).exists()
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("accounts_reset_2fa", "nobody")


def test_reset_shows_in_the_site_history(client, chief, lost):
    client.post(f"/admin/two-factor/reset/{lost.pk}/")
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Two-factor authentication reset" in history and "lostphone" in history


@pytest.mark.parametrize("key", ["abc", "9" * 30, "1.5"])
def test_a_key_no_user_can_have_is_not_found(client, chief, key):
    assert client.get(f"/admin/two-factor/reset/{key}/").status_code == 404
