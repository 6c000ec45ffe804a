"""The edition's digits (nashra.core.digits): the `|digits` filter, `|localized_date` and
`|localized_datetime`, and how the setting reaches them during a request."""

from datetime import UTC, date, datetime

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation
from markupsafe import Markup

from nashra.core import digits
from nashra.core.jinja2_env import localized_date, localized_datetime, zone_label


@pytest.fixture
def arabic_indic():
    token = digits.use(digits.ARABIC_INDIC)
    yield
    digits.reset(token)


def test_western_is_the_default_and_leaves_text_alone():
    assert digits.current() == digits.WESTERN
    assert digits.digits("Page 2 of 13") == "Page 2 of 13"
    assert digits.digits(2026) == 2026


def test_arabic_indic_converts_numbers_and_text(arabic_indic):
    assert digits.digits(2026) == "٢٠٢٦"
    assert digits.digits("الصفحة 2 من 13") == "الصفحة ٢ من ١٣"
    assert digits.digits("75% of 4") == "٧٥٪ of ٤"


def test_markup_keeps_attributes_and_character_references(arabic_indic):
    html = Markup('<a href="/ar/?page=2" data-n="3">&#39;2&#39; of 13</a>')
    converted = digits.digits(html)
    assert isinstance(converted, Markup)
    assert converted == '<a href="/ar/?page=2" data-n="3">&#39;٢&#39; of ١٣</a>'


def test_localized_date_uses_the_current_digits(arabic_indic):
    with translation.override("ar"):
        text = localized_date(date(2026, 12, 5))
    assert text.startswith("٥ ") and text.endswith(" ٢٠٢٦")
    assert not any(c.isascii() and c.isdigit() for c in text)


def test_localized_date_is_western_by_default():
    with translation.override("ar"):
        assert localized_date(date(2026, 12, 5)).endswith(" 2026")


def test_a_lookup_runs_once_and_only_when_asked():
    calls = []

    def lookup():
        calls.append(1)
        return digits.ARABIC_INDIC

    token = digits.use(lookup)
    try:
        assert calls == []
        assert digits.digits("12") == "١٢"
        assert digits.digits("3") == "٣"
        assert calls == [1]
    finally:
        digits.reset(token)
    assert digits.current() == digits.WESTERN


def test_the_middleware_resolves_the_request_and_restores_afterwards(monkeypatch):
    seen = {}

    def resolver(request):
        seen["request"] = request
        return digits.ARABIC_INDIC

    monkeypatch.setattr(digits, "_resolver", lambda: resolver)
    request = RequestFactory().get("/ar/")
    middleware = digits.DigitsMiddleware(lambda r: digits.digits("Page 1"))
    assert middleware(request) == "Page ١"
    assert seen["request"] is request
    assert digits.current() == digits.WESTERN


def test_the_resolver_is_the_news_apps_edition_setting():
    from nashra.news.navigation import edition_digits

    digits._resolver.cache_clear()
    assert digits._resolver() is edition_digits


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("UTC", "GMT"),
        ("Asia/Amman", "GMT\u2066+3\u2069"),
        ("America/St_Johns", "GMT\u2066-3:30\u2069"),
    ],
)
def test_zone_labels(zone, label):
    from django.utils import timezone

    with override_settings(TIME_ZONE=zone), translation.override("en"):
        local = timezone.localtime(datetime(2026, 12, 5, 11, 30, tzinfo=UTC))
        assert zone_label(local) == label


def test_times_carry_the_zone_in_both_languages(arabic_indic):
    moment = datetime(2026, 12, 5, 11, 30, tzinfo=UTC)
    with override_settings(TIME_ZONE="Asia/Amman"):
        with translation.override("en"):
            assert localized_datetime(moment) == "٥ December ٢٠٢٦, ١٤:٣٠ GMT\u2066+٣\u2069"
        with translation.override("ar"):
            text = localized_datetime(moment)
    assert text.startswith("٥ ") and "، ١٤:٣٠ بتوقيت غرينتش \u2066+٣\u2069" in text
