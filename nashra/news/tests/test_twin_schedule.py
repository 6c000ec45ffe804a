"""Scheduling an article and its twin to go live at the same time, in one step."""

from datetime import UTC, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Revision

from nashra.news.models import ArticlePage, HomePage
from nashra.news.tests.helpers import article_with_twin, soup
from nashra.news.twin_schedule import schedule_with_twin, scheduled_at

pytestmark = pytest.mark.django_db


def _desk_user(*pages):
    """A user who may edit and publish under these pages only."""
    user = get_user_model().objects.create_user("twin-desk", "desk@example.org", "pw-twins-123")
    group = Group.objects.create(name="Twin desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page in pages:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    codename=codename, content_type__app_label="wagtailcore"
                ),
            )
    user.groups.add(group)
    return user


def _revisions(*pages):
    return {
        page.pk: list(
            Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True)
        )
        for page in pages
    }


def _pair():
    article = article_with_twin("en")
    return article, article.get_translations().get().specific


def test_both_are_scheduled_for_the_same_moment(admin_user):
    article, twin = _pair()
    when = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article.title = "A draft saved before scheduling"
    article.save_revision()
    schedule_with_twin(article, admin_user, when)
    assert scheduled_at(article) == when and scheduled_at(twin) == when
    for page in (article, twin):
        latest = ArticlePage.objects.get(pk=page.pk).get_latest_revision()
        assert latest.approved_go_live_at == when
        # Still live as they were: the new versions wait for their time.
        assert ArticlePage.objects.get(pk=page.pk).live
    # What goes live is the latest saved version.
    scheduled = ArticlePage.objects.get(pk=article.pk).get_latest_revision().as_object()
    assert scheduled.title == "A draft saved before scheduling"


def test_without_permission_on_the_twin_neither_is_scheduled():
    article, twin = _pair()
    user = _desk_user(HomePage.objects.get(locale__language_code="en"))
    before = _revisions(article, twin)
    when = timezone.now() + timedelta(hours=2)
    with pytest.raises(PermissionDenied):
        schedule_with_twin(article, user, when)
    assert scheduled_at(article) is None and scheduled_at(twin) is None
    assert _revisions(article, twin) == before


def test_a_failure_on_the_second_page_leaves_the_first_unscheduled(admin_user, monkeypatch):
    article, twin = _pair()
    from nashra.news import twin_schedule

    real = twin_schedule._schedule

    def fail_on_twin(page, user, go_live_at):
        if page.pk == twin.pk:
            raise RuntimeError("database went away")
        return real(page, user, go_live_at)

    monkeypatch.setattr(twin_schedule, "_schedule", fail_on_twin)
    with pytest.raises(RuntimeError):
        schedule_with_twin(article, admin_user, timezone.now() + timedelta(hours=1))
    assert scheduled_at(article) is None


def test_the_admin_schedules_both_and_shows_both_schedules(client, admin_user, settings):
    settings.NASHRA_NEWSROOM_TIME_ZONE = "Asia/Amman"
    article, twin = _pair()
    client.force_login(admin_user)
    url = reverse("news_schedule_with_twin", args=[article.pk])
    tomorrow = (timezone.now() + timedelta(days=1)).date()
    response = client.post(url, {"go_live_at": f"{tomorrow.isoformat()}T10:00"})
    assert response.status_code == 302
    # 10:00 in Amman (UTC+3) is 07:00 UTC.
    expected = timezone.datetime(tomorrow.year, tomorrow.month, tomorrow.day, 7, 0, tzinfo=UTC)
    assert scheduled_at(article) == expected and scheduled_at(twin) == expected
    for page in (article, twin):
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        text = soup(edit).select_one(".twin-schedules").get_text(" ", strip=True)
        assert text.count("10:00 (Amman) · 07:00 UTC") == 2, text
    # The edit view offers the action.
    edit = soup(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])))
    assert edit.select_one(f'a[href="{url}"]')


def test_the_admin_refuses_a_past_time_and_a_user_who_cannot_publish_the_twin(client):
    article, twin = _pair()
    user = _desk_user(HomePage.objects.get(locale__language_code="en"))
    client.force_login(user)
    url = reverse("news_schedule_with_twin", args=[article.pk])
    response = client.post(url, {"go_live_at": "2031-01-01T10:00"})
    assert response.status_code == 302
    assert scheduled_at(article) is None and scheduled_at(twin) is None
    user.groups.get().permissions.add(
        *GroupPagePermission.objects.filter(page__locale__language_code="en").values_list(
            "permission", flat=True
        )
    )
    GroupPagePermission.objects.create(
        group=user.groups.get(),
        page=HomePage.objects.get(locale__language_code="ar"),
        permission=Permission.objects.get(codename="publish_page"),
    )
    GroupPagePermission.objects.create(
        group=user.groups.get(),
        page=HomePage.objects.get(locale__language_code="ar"),
        permission=Permission.objects.get(codename="change_page"),
    )
    response = client.post(url, {"go_live_at": "2001-01-01T10:00"})
    assert response.status_code == 200 and soup(response).select_one(".help-critical")
    assert scheduled_at(article) is None and scheduled_at(twin) is None
