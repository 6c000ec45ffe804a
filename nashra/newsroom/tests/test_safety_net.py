"""With the worker stopped (no tick runs here), what is overdue is published when a reader asks
for it or anyone opens the admin; an ordinary 404 never queries for it. The dashboard says
whether the worker ticks and how much is overdue, in both admin languages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from nashra.news.tests.helpers import url_of
from nashra.newsroom import hint, tick

from .helpers import live_article_expiring, scheduled_article

pytestmark = pytest.mark.django_db


def _admin(django_user_model, client, language="en"):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    return user


def test_a_reader_asking_for_an_overdue_page_gets_it_published(
    client, django_capture_on_commit_callbacks
):
    hint.refresh()  # as a tick leaves it: nothing scheduled yet
    due = timezone.now() - timedelta(seconds=5)
    with django_capture_on_commit_callbacks(execute=True):  # the schedule lowers the hint
        article = scheduled_article(due, "Overdue harbour report")
    assert hint.soonest_due() == due

    response = client.get(url_of(article))
    assert response.status_code == 200
    assert "Overdue harbour report" in response.content.decode()
    article.refresh_from_db()
    assert article.live
    assert hint.soonest_due() is None or hint.soonest_due() > timezone.now()


def test_a_reader_asking_for_a_page_past_its_expiry_gets_a_404_and_it_is_taken_down(client):
    article = live_article_expiring(timezone.now() - timedelta(seconds=5), "Old ferry notice")
    assert client.get(url_of(article)).status_code == 404
    article.refresh_from_db()
    assert not article.live and article.expired


def test_any_admin_page_load_publishes_what_is_overdue(client, django_user_model):
    article = scheduled_article(timezone.now() - timedelta(seconds=5), "Overdue council vote")
    _admin(django_user_model, client)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    article.refresh_from_db()
    assert article.live
    assert "Overdue items were published as this page loaded." in page
    assert "0 items overdue" in page


# A look for what is due: a condition on a go-live or expiry time, or the worker's tables.
SCHEDULE_LOOKUP = re.compile(r'"(approved_go_live_at|expire_at)" (<=|<|IS NOT NULL)|"newsroom_')


def _schedule_queries(queries):
    return [q["sql"] for q in queries if SCHEDULE_LOOKUP.search(q["sql"])]


def test_an_ordinary_404_does_not_query_for_scheduled_items(client, settings):
    scheduled_article(timezone.now() + timedelta(hours=1), "Tomorrow's harbour report")
    hint.refresh()
    client.get("/en/no-such-page/")  # Wagtail's own caches (the site, the routes) warmed
    with CaptureQueriesContext(connection) as with_net:
        assert client.get("/en/no-such-page/").status_code == 404
    assert _schedule_queries(with_net.captured_queries) == []
    settings.NASHRA_SAFETY_NET = False
    with CaptureQueriesContext(connection) as without_net:
        assert client.get("/en/no-such-page/").status_code == 404
    assert len(with_net.captured_queries) == len(without_net.captured_queries)


PANEL = {
    "en": {
        "down": "The background worker has not ticked in the last 2 minutes",
        "up": "The background worker is running",
        "overdue": "1 item overdue",
    },
    "ar": {
        "down": "لم يعمل العامل في الخلفية خلال الدقيقتين الأخيرتين",
        "up": "العامل في الخلفية يعمل",
        "overdue": "عنصر واحد متأخر",
    },
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_dashboard_says_whether_the_worker_ticks_and_what_is_overdue(
    client, django_user_model, settings, language
):
    settings.NASHRA_SAFETY_NET = False  # so the overdue item stays overdue for the panel
    _admin(django_user_model, client, language)
    words = PANEL[language]
    scheduled_article(timezone.now() - timedelta(seconds=5), "Overdue ferry report")
    tick.run(now=timezone.now() - timedelta(minutes=3))  # a tick long ago
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert words["down"] in page and words["up"] not in page
    assert words["overdue"] in page

    with translation.override("en"):
        tick.run()  # the worker is back: it ticks, and publishes the overdue item
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert words["up"] in page and words["down"] not in page
    assert words["overdue"] not in page
