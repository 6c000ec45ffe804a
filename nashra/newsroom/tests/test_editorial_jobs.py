"""The tick lifts embargoes on time and tells assignees of overdue stories; with the worker
stopped, the safety net lifts a due embargo when a reader asks for the article."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nashra.news.models import ArticlePage
from nashra.news.tests.embargo_helpers import embargoed_article
from nashra.news.tests.helpers import url_of
from nashra.newsroom import hint, jobs, tick

pytestmark = pytest.mark.django_db


def test_the_tick_lifts_a_due_embargo_and_dates_the_article_then(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NASHRA_SAFETY_NET = False  # only the tick may lift it here
    # Ten seconds into a minute slot, so the ticks below fall in the slot before and in its own.
    until = timezone.now().replace(second=10, microsecond=0) + timedelta(minutes=2)
    article = embargoed_article(until)
    assert client.get(url_of(article)).status_code == 404

    assert tick.run(now=until - timedelta(seconds=60)) is not None  # the minute before: not yet
    assert ArticlePage.objects.get(pk=article.pk).embargo_until == until

    lifted_at = until + timedelta(seconds=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert tick.run(now=lifted_at) is not None
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.embargo_until is None
    assert abs(article.first_published_at - lifted_at) < timedelta(seconds=1)
    assert client.get(url_of(article)).status_code == 200


def test_the_dashboard_counts_a_due_embargo_as_overdue():
    until = timezone.now() + timedelta(minutes=1)
    embargoed_article(until)
    job = next(job for job in jobs.urgent_jobs() if job.name == "lift_due_embargoes")
    assert job.next_due() == until
    assert job.overdue(until - timedelta(seconds=1)) == 0
    assert job.overdue(until + timedelta(seconds=1)) == 1


def test_with_the_worker_stopped_a_reader_asking_for_a_due_article_gets_it_lifted(
    client, django_capture_on_commit_callbacks
):
    hint.refresh()  # as a tick leaves it: nothing due
    until = timezone.now() - timedelta(seconds=5)
    with django_capture_on_commit_callbacks(execute=True):  # setting an embargo lowers the hint
        article = embargoed_article(until)
    assert hint.soonest_due() is not None and hint.soonest_due() <= until

    response = client.get(url_of(article))
    assert response.status_code == 200
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.embargo_until is None


def test_the_tick_tells_the_assignee_of_an_overdue_story_once(django_user_model):
    reporter = django_user_model.objects.create_user("reporter", "reporter@example.org", "pw")
    article = embargoed_article(timezone.now() + timedelta(days=1), publish=False)
    due = timezone.now() - timedelta(minutes=5)
    ArticlePage.objects.filter(pk=article.pk).update(assignee=reporter, due_at=due)

    tick.run(now=timezone.now())
    tick.run(now=timezone.now() + timedelta(minutes=1))
    sent = [m for m in mail.outbox if "reporter@example.org" in m.to]
    assert len(sent) == 1
    assert article.title in sent[0].subject
