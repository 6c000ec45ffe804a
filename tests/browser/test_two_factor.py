"""Staff two-factor authentication in Chromium, in both admin languages: enrolment with an
authenticator app and with a passkey (Chromium's virtual authenticator), then signing in with a
passkey and with a recovery code, on a server that requires it as production does. axe-core
finds no WCAG 2.2 A/AA violations on the screens."""

import os
import re
import subprocess
import sys
import time
from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.support import free_port, scratch_database_url, scratch_name, wait_until_answering

from .conftest import ROOT
from .test_accessibility import _violations

pytestmark = pytest.mark.browser

PASSWORD = "two-factor-pw-5821"
EDITORS = {"en": "editor-en", "ar": "editor-ar"}
MAKE_EDITORS = """
from django.contrib.auth.models import Group, Permission, User
from wagtail.users.models import UserProfile
group, _ = Group.objects.get_or_create(name="Newsroom")
group.permissions.add(Permission.objects.get(codename="access_admin"))
for language, name in {editors}.items():
    user = User.objects.create_user(name, name + "@example.org", "{password}")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
"""


@pytest.fixture(scope="module")
def secure_site(tmp_path_factory):
    """A server requiring a second factor of staff, browsed at localhost (a passkey's domain)."""
    tmp = tmp_path_factory.mktemp("two-factor")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.two_factor_settings",
        "DATABASE_URL": scratch_database_url(tmp, scratch_name("browser_2fa")),
        "NASHRA_TEST_ORIGIN": f"http://localhost:{port}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        manage + ["migrate", "--noinput"], env=env, check=True, cwd=ROOT, capture_output=True
    )
    make_editors = MAKE_EDITORS.format(editors=EDITORS, password=PASSWORD)
    subprocess.run(
        manage + ["shell", "-c", make_editors], env=env, check=True, cwd=ROOT, capture_output=True
    )
    with open(tmp / "server.log", "w") as log:
        server = subprocess.Popen(
            manage + ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://localhost:{port}"
    wait_until_answering(f"http://127.0.0.1:{port}/healthz", server, tmp / "server.log")
    yield base
    server.terminate()
    server.wait(10)


@pytest.fixture
def authenticator(page):
    """Chromium's virtual platform authenticator: a passkey with fingerprint-style verification."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def _sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def _sign_out(page, base):
    """Post to the admin's logout (what the sidebar's "Log out" does)."""
    page.goto(f"{base}/admin/two-factor/")
    page.evaluate("""() => {
        const form = document.createElement('form');
        form.method = 'post'; form.action = '/admin/logout/';
        const token = document.querySelector('input[name=csrfmiddlewaretoken]');
        form.appendChild(token.cloneNode());
        document.body.appendChild(form); form.submit();
    }""")
    page.wait_for_url(f"{base}/admin/login/")


def _language(page):
    return page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")


def _dashboard(page, base):
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("#wagtail-sidebar").count() == 1


def test_english_editor_enrols_an_app_then_signs_in_with_a_passkey_and_a_recovery_code(
    page, secure_site, authenticator, shot
):
    base = secure_site
    _sign_in(page, base, EDITORS["en"])
    page.wait_for_url(f"{base}/admin/two-factor/enrol/?next=%2Fadmin%2F")
    assert _language(page) == ["en", "ltr"]
    assert page.locator("h1").inner_text() == "Set up two-factor authentication"
    # The admin stays shut meanwhile.
    page.goto(f"{base}/admin/pages/")
    page.wait_for_url(re.compile(r".*/admin/two-factor/enrol/\?next=%2Fadmin%2Fpages%2F$"))

    page.click("text=Set up an authenticator app")
    page.wait_for_selector(".two-factor__qr svg")
    shot(page, "two-factor-enrol-app-en", full_page=True)
    assert _violations(page) == []
    page.click("summary")
    secret = page.locator(".two-factor__secret").inner_text().replace(" ", "")
    key = b32decode(secret)
    page.fill("#id_code", "000000" if totp(key) != 0 else "111111")
    page.click("form.two-factor__form button[type=submit]")
    assert "That code is not right" in page.locator(".two-factor__form").inner_text()
    time.sleep(1.1)  # django-otp throttles for a second after a wrong code
    page.fill("#id_code", str(totp(key)).zfill(6))
    page.click("form.two-factor__form button[type=submit]")

    page.wait_for_url(re.compile(r".*/admin/two-factor/recovery-codes/"))
    assert page.locator("h1").inner_text() == "Save your recovery codes"
    codes = page.locator(".two-factor__codes code").all_inner_texts()
    assert len(codes) == 10
    continue_link = page.locator("text=I have saved my codes")
    assert continue_link.get_attribute("href") == "/admin/pages/"  # where they were going
    continue_link.click()
    _dashboard(page, base)  # an editor without page permissions lands on the dashboard

    page.goto(f"{base}/admin/two-factor/")
    page.click("[data-passkey=register] button")
    page.wait_for_selector(".two-factor__devices li")
    assert "Your second factor is set up." in page.locator(".messages").inner_text()
    assert page.locator(".two-factor__devices li").inner_text().startswith("Passkey 1: added on")
    # axe must not judge the message's colours halfway through Wagtail's fade-in.
    page.evaluate(
        "() => Promise.all((document.querySelector('.messages')"
        "?.getAnimations({subtree: true}) ?? []).map((a) => a.finished))"
    )
    shot(page, "two-factor-settings-en", full_page=True)
    assert _violations(page) == []
    cdp, authenticator_id = authenticator
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(stored["credentials"]) == 1

    _sign_out(page, base)
    _sign_in(page, base, EDITORS["en"])
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/\?next=%2Fadmin%2F$"))
    assert page.locator("h1").inner_text() == "Confirm it is you"
    shot(page, "two-factor-verify-en", full_page=True)
    assert _violations(page) == []
    page.click("[data-passkey=authenticate] button")
    _dashboard(page, base)

    _sign_out(page, base)
    _sign_in(page, base, EDITORS["en"])
    page.click("text=Use a recovery code")
    page.fill("#id_code", codes[0])
    page.click("form.two-factor__form button[type=submit]")
    _dashboard(page, base)
    assert "You have 9 codes left" in page.locator(".messages").inner_text()

    _sign_out(page, base)
    _sign_in(page, base, EDITORS["en"])
    page.click("text=Use a recovery code")
    page.fill("#id_code", codes[0])  # spent
    page.click("form.two-factor__form button[type=submit]")
    assert "That code is not right" in page.locator(".two-factor__form").inner_text()
    assert "/admin/two-factor/verify/" in page.url


def test_arabic_editor_enrols_a_passkey_and_signs_in_with_it(
    page, secure_site, authenticator, shot
):
    base = secure_site
    _sign_in(page, base, EDITORS["ar"])
    page.wait_for_url(f"{base}/admin/two-factor/enrol/?next=%2Fadmin%2F")
    assert _language(page) == ["ar", "rtl"]
    assert page.locator("h1").inner_text() == "إعداد التحقق بخطوتين"
    shot(page, "two-factor-enrol-ar", full_page=True)
    assert _violations(page) == []
    page.click("[data-passkey=register] button")

    page.wait_for_url(re.compile(r".*/admin/two-factor/recovery-codes/"))
    assert page.locator("h1").inner_text() == "احفظ رموز الاسترداد"
    assert page.locator(".two-factor__codes").get_attribute("dir") == "ltr"
    assert page.locator(".two-factor__codes code").count() == 10
    shot(page, "two-factor-recovery-codes-ar", full_page=True)
    assert _violations(page) == []
    page.click("text=حفظت الرموز")
    _dashboard(page, base)

    _sign_out(page, base)
    _sign_in(page, base, EDITORS["ar"])
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/"))
    assert _language(page) == ["ar", "rtl"]
    assert page.locator("h1").inner_text() == "تأكيد هويتك"
    assert page.locator("text=استخدام رمز استرداد").count() == 1
    shot(page, "two-factor-verify-ar", full_page=True)
    assert _violations(page) == []
    page.click("[data-passkey=authenticate] button")
    _dashboard(page, base)
    assert _language(page) == ["ar", "rtl"]
