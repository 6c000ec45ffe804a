import base64
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from nashra.engagement.captcha import (
    CaptchaError,
    new_image_challenge,
    new_pow_challenge,
    verify_captcha,
)
from nashra.engagement.models import ImageChallenge, SpentChallenge

from .helpers import solve

pytestmark = pytest.mark.django_db
FORM = "comment:1"


def _tamper(payload, **changes):
    data = json.loads(base64.b64decode(payload))
    data.update(changes)
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_a_solved_challenge_passes_once():
    payload = solve(new_pow_challenge(FORM))
    verify_captcha({"altcha": payload}, FORM)
    assert SpentChallenge.objects.count() == 1
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"altcha": payload}, FORM)
    assert err.value.message == CaptchaError.REPLAYED


def test_a_solution_for_another_form_is_refused():
    payload = solve(new_pow_challenge("comment:2"))
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"altcha": payload}, FORM)
    assert err.value.message == CaptchaError.WRONG_FORM


def test_an_expired_challenge_is_refused():
    with override_settings(NASHRA_CAPTCHA_TTL_SECONDS=-5):
        payload = solve(new_pow_challenge(FORM))
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"altcha": payload}, FORM)
    assert err.value.message == CaptchaError.EXPIRED


@pytest.mark.parametrize(
    "changes",
    [{"number": 999_999_999}, {"signature": "0" * 64}, {"challenge": "f" * 64}],
)
def test_forged_solutions_are_refused(changes):
    payload = _tamper(solve(new_pow_challenge(FORM)), **changes)
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"altcha": payload}, FORM)
    assert err.value.message == CaptchaError.INVALID


def test_a_forged_form_binding_breaks_the_signature():
    payload = solve(new_pow_challenge("comment:2"))
    data = json.loads(base64.b64decode(payload))
    data["salt"] = data["salt"].replace("comment%3A2", "comment%3A1")
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"altcha": base64.b64encode(json.dumps(data).encode()).decode()}, FORM)
    assert err.value.message == CaptchaError.INVALID


@pytest.mark.parametrize("payload", ["", "not base64!", base64.b64encode(b"[1,2]").decode()])
def test_garbage_and_missing_solutions_are_refused(payload):
    with pytest.raises(CaptchaError):
        verify_captcha({"altcha": payload}, FORM)


def test_missing_captcha_says_so():
    with pytest.raises(CaptchaError) as err:
        verify_captcha({}, FORM)
    assert err.value.message == CaptchaError.MISSING


def test_difficulty_is_a_setting():
    with override_settings(NASHRA_CAPTCHA_DIFFICULTY=1234):
        assert new_pow_challenge(FORM)["maxnumber"] == 1234


def test_image_challenge_right_answer_once():
    challenge = new_image_challenge(FORM)
    verify_captcha({"captcha_id": str(challenge.pk), "captcha_answer": challenge.answer}, FORM)
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"captcha_id": str(challenge.pk), "captcha_answer": challenge.answer}, FORM)
    assert err.value.message == CaptchaError.REPLAYED


def test_image_challenge_accepts_arabic_indic_digits():
    challenge = new_image_challenge(FORM)
    arabic = challenge.answer.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    verify_captcha({"captcha_id": str(challenge.pk), "captcha_answer": arabic}, FORM)


def test_a_wrong_image_answer_spends_the_challenge():
    challenge = new_image_challenge(FORM)
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"captcha_id": str(challenge.pk), "captcha_answer": "00000x"}, FORM)
    assert err.value.message == CaptchaError.INVALID
    # Spent: its answer is forgotten (the row stays a day, to tell "used" from "unknown").
    assert ImageChallenge.objects.get(pk=challenge.pk).answer == ""
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"captcha_id": str(challenge.pk), "captcha_answer": challenge.answer}, FORM)
    assert err.value.message == CaptchaError.REPLAYED


def test_image_challenge_is_bound_to_its_form_and_expires():
    other = new_image_challenge("comment:2")
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"captcha_id": str(other.pk), "captcha_answer": other.answer}, FORM)
    assert err.value.message == CaptchaError.WRONG_FORM
    old = new_image_challenge(FORM)
    ImageChallenge.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(CaptchaError) as err:
        verify_captcha({"captcha_id": str(old.pk), "captcha_answer": old.answer}, FORM)
    assert err.value.message == CaptchaError.EXPIRED


def test_unknown_image_challenge_is_refused():
    with pytest.raises(CaptchaError):
        verify_captcha({"captcha_id": "not-a-uuid", "captcha_answer": "12345"}, FORM)


def test_image_and_audio_endpoints(client):
    challenge = new_image_challenge(FORM)
    image = client.get(f"/en/engagement/captcha/image/{challenge.pk}.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    audio = client.get(f"/ar/engagement/captcha/audio/{challenge.pk}.wav")
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
    assert "no-cache" in image["Cache-Control"] or "max-age=0" in image["Cache-Control"]
    fresh = client.get("/en/engagement/captcha/image/?form=comment:5").json()
    assert ImageChallenge.objects.get(pk=fresh["id"]).form_id == "comment:5"
    assert client.get("/en/engagement/captcha/image/?form=signup").status_code == 400
