"""The embargo: a published article waits off the site until its lift, which only an editor
allowed to override embargoes may bring forward, and which is recorded."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from nashra.news import embargo
from nashra.news.embargo import LIFT_ACTION, lift_due_embargoes, lift_embargo_early
from nashra.news.models import ArticlePage

from .embargo_helpers import a_minute_from_now, embargoed_article
from .helpers import url_of

pytestmark = pytest.mark.django_db


def _staff(django_user_model, name, override=False):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))  # Wagtail's: edit and publish pages
    if override:
        user.user_permissions.add(Permission.objects.get(codename="override_embargo"))
    return user


def test_a_published_embargoed_article_waits_off_the_site(client, admin_client):
    article = embargoed_article(a_minute_from_now())
    assert not article.live and article.live_revision_id  # approved, waiting
    assert str(article.status_string) == "embargoed"
    assert client.get(url_of(article)).status_code == 404
    # Editors still preview it; the preview address is the admin's, closed to the public.
    preview = reverse("wagtailadmin_pages:view_draft", args=[article.pk])
    assert admin_client.get(preview).status_code == 200
    assert client.get(preview).status_code == 302  # to the admin's sign-in


def test_the_lift_at_its_time_publishes_it_dated_then(client):
    until = a_minute_from_now()
    article = embargoed_article(until)
    assert lift_due_embargoes(until - timedelta(seconds=1)) == []
    assert lift_due_embargoes(until) == [article.pk]
    article.refresh_from_db()
    assert article.live and article.embargo_until is None
    assert article.first_published_at == until == article.last_published_at
    assert client.get(url_of(article)).status_code == 200
    entry = PageLogEntry.objects.get(page=article, action=LIFT_ACTION)
    assert entry.user is None and entry.data["early"] is False
    # Republishing a revision from before the lift cannot bring the embargo back.
    article.revisions.order_by("created_at").first().publish()
    article.refresh_from_db()
    assert article.live and article.embargo_until is None
    assert lift_due_embargoes(until + timedelta(hours=1)) == []  # idempotent


def test_an_embargo_on_a_draft_is_lifted_without_publishing_it():
    until = a_minute_from_now()
    article = embargoed_article(until, publish=False)
    assert lift_due_embargoes(until) == [article.pk]
    article.refresh_from_db()
    assert not article.live and article.first_published_at is None
    article.get_latest_revision().publish()
    article.refresh_from_db()
    assert article.live  # no embargo left in its revisions either


def test_two_callers_at_once_lift_it_once():
    until = a_minute_from_now()
    article = embargoed_article(until)
    published = []

    def record(instance, **kwargs):
        published.append(instance.pk)

    page_published.connect(record, sender=ArticlePage)
    try:
        assert lift_due_embargoes(until) == [article.pk]
        # The other caller read the due ids before this one's UPDATE: its own finds no row.
        with mock.patch.object(embargo, "_due", return_value=[article.pk]):
            assert lift_due_embargoes(until) == []
    finally:
        page_published.disconnect(record, sender=ArticlePage)
    assert published == [article.pk]
    assert PageLogEntry.objects.filter(page=article, action=LIFT_ACTION).count() == 1


def test_only_an_editor_allowed_to_override_lifts_early(client, django_user_model):
    until = a_minute_from_now() + timedelta(hours=5)
    article = embargoed_article(until)
    desk = _staff(django_user_model, "desk")
    chief = _staff(django_user_model, "chief", override=True)
    url = reverse("news_lift_embargo", args=[article.pk])

    client.force_login(desk)
    refused = client.post(url)  # Wagtail's admin turns a refusal into a redirect home
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    with pytest.raises(PermissionDenied):
        lift_embargo_early(article, desk)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert url not in edit  # no button either
    article.refresh_from_db()
    assert not article.live and article.embargo_until == until

    client.force_login(chief)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert url in edit
    assert client.get(url).status_code == 200  # asks to confirm
    before = timezone.now()
    assert client.post(url).status_code == 302
    article.refresh_from_db()
    assert article.live and article.embargo_until is None
    assert before <= article.first_published_at <= timezone.now()
    entry = PageLogEntry.objects.get(page=article, action=LIFT_ACTION)
    assert entry.user == chief and entry.data["early"] is True
    assert entry.data["embargo_until"] == until.isoformat()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "lifted early"), ("ar", "قبل موعده"), ("ar", "رُفع حظر النشر")],
)
def test_the_lift_shows_in_the_page_history_in_both_languages(
    client, django_user_model, lang, expected
):
    article = embargoed_article(a_minute_from_now())
    chief = _staff(django_user_model, "chief", override=True)
    lift_embargo_early(article, chief)
    reader = django_user_model.objects.create_superuser("root", "r@example.org", "pw")
    profile = UserProfile.get_for_user(reader)
    profile.preferred_language = lang
    profile.save()
    client.force_login(reader)
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert expected in history.content.decode()


def _form(article, user, until):
    """The embargo field's errors when `user` submits `until` on the article's edit form."""
    article = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    form_class = ArticlePage.get_edit_handler().get_form_class()
    local = timezone.localtime(until).strftime("%Y-%m-%d %H:%M") if until else ""
    form = form_class(
        {"embargo_until": local, "body-count": "0"},
        instance=article,
        for_user=user,
        parent_page=article.get_parent(),
    )
    form.is_valid()
    return form.errors.get("embargo_until")


def test_the_form_keeps_the_embargo_from_being_cleared_or_shortened(django_user_model):
    until = a_minute_from_now() + timedelta(hours=5)
    article = embargoed_article(until)
    desk = _staff(django_user_model, "desk")
    chief = _staff(django_user_model, "chief", override=True)
    earlier, later = until - timedelta(hours=2), until + timedelta(hours=2)
    assert _form(article, desk, None)  # clearing: only through the recorded lift
    assert _form(article, chief, None)
    assert _form(article, desk, earlier)
    assert _form(article, chief, earlier) is None
    assert _form(article, desk, later) is None
    assert _form(article, desk, until) is None
    fresh = ArticlePage.objects.exclude(pk=article.pk).live().first()
    assert _form(fresh, desk, timezone.now() - timedelta(hours=1))  # must be ahead


def test_the_management_command_lifts_what_is_due(capsys):
    article = embargoed_article(timezone.now().replace(microsecond=0) - timedelta(seconds=1))
    call_command("news_lift_embargoes")
    article.refresh_from_db()
    assert article.live
    assert "Lifted 1" in capsys.readouterr().out


def test_the_editor_is_told_the_publish_waits(rf):
    from django.contrib.messages.storage.cookie import CookieStorage

    from nashra.news.wagtail_hooks import say_the_publish_waits_for_the_embargo

    article = embargoed_article(a_minute_from_now())
    request = rf.post("/admin/")
    request._messages = CookieStorage(request)
    say_the_publish_waits_for_the_embargo(request, article)
    assert "under embargo" in " ".join(str(m) for m in request._messages)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner only")
def test_the_minute_job_finds_due_embargoes_from_their_index():
    sql, params = embargo.due_embargoes(timezone.now()).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        steps = [row[-1] for row in cursor.fetchall()]
    assert any("embargo_until" in step and "INDEX" in step for step in steps), steps
