"""Admin times in the newsroom's time zone and in UTC, in both admin languages."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import translation

from nashra.core.newsroom_time import newsroom_and_utc

MOMENT = datetime(2026, 12, 5, 7, 0, tzinfo=UTC)


def test_the_newsroom_zone_and_utc_side_by_side(settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = "Asia/Amman"
    with translation.override("en"):
        assert newsroom_and_utc(MOMENT) == "5 December 2026, 10:00 (Amman) · 07:00 UTC"


def test_in_arabic(settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = "Asia/Amman"
    with translation.override("ar"):
        text = newsroom_and_utc(MOMENT)
    # Arabic month name and comma, the city translated, the digits as Django's Arabic
    # formats write them.
    assert text == "5 ديسمبر 2026، 10:00 (عمّان) · 07:00 UTC"


def test_the_utc_date_when_it_is_another_day(settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = "America/New_York"
    late = datetime(2026, 12, 6, 2, 30, tzinfo=UTC)
    with translation.override("en"):
        assert newsroom_and_utc(late) == (
            "5 December 2026, 21:30 (New York) · 6 December 2026, 02:30 UTC"
        )


def test_defaults_to_the_time_zone_setting(settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = ""
    settings.TIME_ZONE = "UTC"
    with translation.override("en"):
        assert newsroom_and_utc(MOMENT) == "5 December 2026, 07:00 UTC"
    assert newsroom_and_utc(None) == ""


def test_the_template_filter(settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = "Asia/Amman"
    template = Template("{% load newsroom_time %}{{ when|newsroom_and_utc }}")
    with translation.override("en"):
        assert template.render(Context({"when": MOMENT})).endswith("10:00 (Amman) · 07:00 UTC")
