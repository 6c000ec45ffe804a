"""Scheduled go-live and expiry through the tick, with the clock under the test's control:
the page, its feeds, sitemap, search and API entries change at the tick, and the same purge
handlers as for an editor's publish reach the front cache."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from nashra.news.tests.helpers import url_of
from nashra.newsroom import jobs, tick
from nashra.newsroom.models import JobRun, Tick

from .helpers import live_article_expiring, scheduled_article

pytestmark = pytest.mark.django_db
WORD = "Zanzibarquay"


@pytest.fixture(autouse=True)
def _worker_only(settings):
    """The safety net would publish at the first look: here only the tick may."""
    settings.NASHRA_SAFETY_NET = False


def _everywhere(client, page):
    """Where a live article shows: its page, the feed, the news sitemap, search and the API."""
    return {
        "page": client.get(url_of(page)).status_code == 200,
        "feed": WORD in client.get("/en/feeds/rss/").content.decode(),
        "sitemap": url_of(page).split("/en/", 1)[1]
        in client.get("/sitemap-news.xml").content.decode(),
        "search": url_of(page) in client.get(f"/en/search/?q={WORD}").content.decode(),
        "api": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
    }


def test_a_scheduled_article_goes_live_everywhere_at_the_first_tick_after_its_time(
    client, front, django_capture_on_commit_callbacks
):
    due = timezone.now() - timedelta(seconds=5)
    article = scheduled_article(due, f"{WORD} harbour opens")
    nowhere = dict.fromkeys(("page", "feed", "sitemap", "search", "api"), False)
    assert _everywhere(client, article) == nowhere

    assert tick.run(now=due - timedelta(seconds=30)) is not None  # the slot before: not yet
    article.refresh_from_db()
    assert not article.live

    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):  # each publish commits, as in production
        assert tick.run(now=due + timedelta(seconds=55)) is not None
    article.refresh_from_db()
    assert article.live
    assert _everywhere(client, article) == dict.fromkeys(nowhere, True)
    purged = {path for _, path, _, _ in front.seen}
    assert {url_of(article), url_of(article.section), "/en/feeds/rss/"} <= purged
    assert JobRun.objects.get(job="publish_scheduled", period=Tick.objects.latest("slot").slot)


def test_an_expiring_article_is_taken_down_everywhere_at_the_first_tick_after(
    client, front, django_capture_on_commit_callbacks
):
    ends = timezone.now() + timedelta(seconds=30)
    article = live_article_expiring(ends, f"{WORD} ferry timetable")
    assert all(_everywhere(client, article).values())

    tick.run(now=ends - timedelta(seconds=30))
    article.refresh_from_db()
    assert article.live

    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tick.run(now=ends + timedelta(seconds=55))
    article.refresh_from_db()
    assert not article.live and article.expired
    assert not any(_everywhere(client, article).values())
    assert url_of(article) in {path for _, path, _, _ in front.seen}


def test_a_slot_runs_once_and_each_job_once_per_period(monkeypatch):
    runs = []
    monkeypatch.setitem(jobs._JOBS, "probe", jobs.Job(name="probe", run=runs.append))
    now = jobs.slot_of(timezone.now(), 60) + timedelta(seconds=10)
    assert tick.run(now=now, worker="a") is not None
    assert tick.run(now=now + timedelta(seconds=20), worker="b") is None  # the same minute
    assert runs == [now]
    assert tick.run(now=now + timedelta(seconds=60), worker="b") is not None
    assert runs == [now, now + timedelta(seconds=60)]
    assert list(Tick.objects.order_by("slot").values_list("worker", flat=True)) == ["a", "b"]


def test_a_nightly_job_runs_once_a_day_at_its_time_or_at_the_first_tick_after():
    job = jobs.Job(name="nightly", run=None, daily_at=time(3, 15))
    local = timezone.localtime(timezone.now()).replace(hour=3, minute=10, second=0, microsecond=0)
    assert job.period(local, 60) is None
    at = job.period(local.replace(hour=3, minute=15), 60)
    assert at == job.period(local.replace(hour=9), 60)  # a worker started late still runs it
    assert job.period(local + timedelta(days=1, minutes=5), 60) == at + timedelta(days=1)
