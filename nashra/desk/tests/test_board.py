"""The desk board: stories by status per section, overdue marked, filters, both languages,
and a query count that does not grow with the number of stories."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from nashra.news.tests.helpers import soup

from .helpers import desk_team, new_story

pytestmark = pytest.mark.django_db
BOARD = "/admin/desk/"


@pytest.fixture
def team(django_user_model):
    return desk_team(django_user_model)


@pytest.fixture
def stories(team):
    now = timezone.now()
    draft = new_story("Late draft", owner=team["reporter"], assignee=team["reporter"])
    draft.due_at = now - timedelta(hours=2)
    draft.save()
    review = new_story("Story in review", owner=team["reporter"], assignee=team["editor"])
    review.get_workflow().start(review, team["reporter"])
    scheduled = new_story("Scheduled story", owner=team["editor"])
    scheduled.go_live_at = now + timedelta(hours=3)
    scheduled.save_revision(user=team["chief"]).publish(user=team["chief"])
    published = new_story("Published this morning", owner=team["editor"])
    published.due_at = now - timedelta(hours=1)
    published.save()
    published.save_revision(user=team["chief"]).publish(user=team["chief"])
    arabic = new_story("Arabic draft", lang="ar", owner=team["reporter"])
    return {
        "draft": draft,
        "in_review": review,
        "scheduled": scheduled,
        "published_today": published,
        "arabic": arabic,
    }


def _rows(client, query=""):
    html = soup(client.get(BOARD + query))
    return {int(row["data-page"]): row for row in html.select("tr.desk-story")}


@pytest.fixture
def chief_client(client, team):
    client.force_login(team["chief"])
    return client


def test_board_lists_by_status_with_overdue_marked(chief_client, stories, settings):
    rows = _rows(chief_client)
    for status in ("draft", "in_review", "scheduled", "published_today"):
        row = rows[stories[status].pk]
        assert f"desk-status-{status}" in row["class"]
    assert "desk-overdue" in rows[stories["draft"].pk]["class"]
    assert rows[stories["draft"].pk].select_one(".desk-overdue-mark").text == "Overdue"
    # Due times in the newsroom's zone and in UTC, as the desk and the wires read them.
    settings.NASHRA_NEWSROOM_TIME_ZONE = "Asia/Amman"
    due = _rows(chief_client)[stories["draft"].pk].select_one("time").text
    assert "(Amman)" in due and "UTC" in due
    # Past its due time but published: not overdue.
    assert "desk-overdue" not in rows[stories["published_today"].pk]["class"]
    # Stories published before today that need nothing are off the board.
    old = [pk for pk in rows if pk not in {s.pk for s in stories.values()}]
    from nashra.news.models import ArticlePage

    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    for page in ArticlePage.objects.filter(pk__in=old):
        assert not page.live or page.last_published_at >= today
    # Grouped per section, under the section's title.
    section_title = stories["draft"].section.title
    headings = [h.text for h in soup(chief_client.get(BOARD)).select(".desk-section h2")]
    assert section_title in headings


def test_board_filters(chief_client, stories, team):
    assert set(_rows(chief_client, f"?assignee={team['reporter'].pk}")) == {stories["draft"].pk}
    in_review = _rows(chief_client, "?status=in_review")
    assert stories["in_review"].pk in in_review and stories["draft"].pk not in in_review
    arabic = _rows(chief_client, "?language=ar")
    assert stories["arabic"].pk in arabic and stories["draft"].pk not in arabic
    section = stories["draft"].section_id
    in_section = _rows(chief_client, f"?section={section}")
    assert stories["draft"].pk in in_section
    assert stories["arabic"].pk not in in_section


def test_board_in_arabic(chief_client, stories, team):
    profile = UserProfile.get_for_user(team["chief"])
    profile.preferred_language = "ar"
    profile.save()
    html = soup(chief_client.get(BOARD))
    assert html.html["dir"] == "rtl"
    assert "المكتب" in html.select_one("title").text
    draft = html.select_one(f'tr[data-page="{stories["draft"].pk}"]')
    assert draft.select_one(".desk-overdue-mark").text == "متأخرة"
    assert "مسودة" in draft.text
    assert "المكتب" in _menu_labels(chief_client)


def _menu_labels(client):
    """The labels of the admin's main menu (Wagtail ships the sidebar as JSON)."""
    html = soup(client.get(reverse("wagtailadmin_home")))
    props = json.loads(html.select_one("#wagtail-sidebar-props").string)
    return set(re.findall(r'"label": "([^"]+)"', json.dumps(props, ensure_ascii=False)))


def test_desk_menu_item_in_both_languages(client, team):
    client.force_login(team["editor"])
    assert "Desk" in _menu_labels(client)
    client.force_login(team["reporter"])  # reads the admin in Arabic
    assert "المكتب" in _menu_labels(client)


def test_board_query_count_does_not_grow_with_stories(chief_client, stories, team):
    chief_client.get(BOARD)  # warm caches (site, locales, menu)
    with CaptureQueriesContext(connection) as few:
        chief_client.get(BOARD)
    for i in range(6):
        more = new_story(f"Extra story {i}", owner=team["reporter"], assignee=team["editor"])
        more.due_at = timezone.now() - timedelta(minutes=i + 1)
        more.save()
        if i % 2:
            more.get_workflow().start(more, team["reporter"])
    with CaptureQueriesContext(connection) as many:
        response = chief_client.get(BOARD)
    assert response.content.decode().count("desk-story") >= len(stories) + 6
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert len(many) <= 20
