"""The demo commands date the edition relative to the moment they run, and again on every run.

The session's database holds the demo at its scripted dates (conftest.py loads it without
`loaded_at`); these tests run the commands `make demo` runs, inside a rolled-back test."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision

from nashra.core import page_cache
from nashra.engagement.models import Comment
from nashra.images.models import NashraImage
from nashra.news.demo import content
from nashra.news.demo.loader import NEWEST_AGE, PACE, DemoLoader
from nashra.news.models import ArticleCorrection, ArticlePage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": NashraImage.objects.count(),
        "corrections": ArticleCorrection.objects.count(),
        "comments": Comment.objects.count(),
    }


def _load_demo():
    call_command("news_load_demo", "--no-editor", verbosity=0)
    call_command("engagement_load_demo", verbosity=0)


def _newest():
    return ArticlePage.objects.live().order_by("-first_published_at").first()


def _assert_fresh(started):
    newest = _newest()
    # Within the last hours: published NEWEST_AGE before the command ran (whole minutes).
    assert started - NEWEST_AGE - timedelta(minutes=1) <= newest.first_published_at
    assert newest.first_published_at <= started - NEWEST_AGE
    now = timezone.now()
    articles = ArticlePage.objects.live()
    assert not articles.filter(first_published_at__gt=now).exists()
    assert not articles.filter(last_published_at__gt=now).exists()
    assert not articles.filter(updated_at__gt=now).exists()
    assert not ArticleCorrection.objects.filter(date__gt=timezone.localdate()).exists()
    # The oldest is PACE times closer to the newest than the script has it.
    scripted = sorted(article["published"] for article in content.ARTICLES)
    span = (
        ArticlePage.objects.live().order_by("first_published_at").first().first_published_at,
        newest.first_published_at,
    )
    scripted_span = datetime.fromisoformat(scripted[-1]) - datetime.fromisoformat(scripted[0])
    assert abs((span[1] - span[0]) - scripted_span / PACE) <= timedelta(minutes=1)
    # A news day: several stories in each edition from the last two days.
    recent = articles.filter(first_published_at__gte=started - timedelta(days=2))
    for language in ("en", "ar"):
        assert recent.filter(locale__language_code=language).count() >= 3


def test_the_demo_command_dates_the_newest_articles_within_the_last_hours(client):
    started = timezone.now()
    _load_demo()
    _assert_fresh(started)
    # Each correction as many days after its article as scripted (the day after, here).
    correction = ArticleCorrection.objects.order_by("pk").first()
    article = correction.article
    assert correction.date == article.first_published_at.date() + timedelta(days=1)
    # Comments are posted after their article, and before now.
    for comment in Comment.objects.filter(submission_token__startswith="demo-"):
        assert comment.article.first_published_at < comment.created_at <= timezone.now()
        assert comment.created_at < comment.moderated_at <= timezone.now()
    # Google News lists the last two days: not empty.
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert b"<news:publication_date>" in response.content


def test_running_the_demo_commands_again_creates_nothing_and_re_dates_a_week_old_demo():
    DemoLoader(loaded_at=timezone.now() - timedelta(days=7)).load()  # the demo, a week ago
    before = _counts()
    assert _newest().first_published_at < timezone.now() - timedelta(days=7)
    started = timezone.now()
    _load_demo()
    _assert_fresh(started)
    _load_demo()
    assert _counts() == before


def test_re_dating_starts_both_editions_afresh_in_the_page_cache():
    """Dates change on the rows, where no publish signal sees them: pages cached before the
    run would show the old ones."""
    before = page_cache.versions(None, languages=["en", "ar"])
    call_command("news_load_demo", "--no-editor", verbosity=0)
    after = page_cache.versions(None, languages=["en", "ar"])
    pairs = zip(after.split("|"), before.split("|"), strict=True)
    assert [new != old for new, old in pairs] == [True, True]


def test_without_a_moment_the_loader_leaves_existing_dates_alone():
    call_command("news_load_demo", "--no-editor", verbosity=0)
    dates = dict(ArticlePage.objects.values_list("pk", "first_published_at"))
    DemoLoader().load()  # what the test suite's session does, on the scripted calendar
    assert dict(ArticlePage.objects.values_list("pk", "first_published_at")) == dates
