"""Long tasks: a rebuild of the search index started in the admin waits for the worker, which
runs it with its progress shown to staff, in both admin languages; starting one needs the
permission."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile

from nashra.newsroom.models import TaskProgress
from nashra.newsroom.worker import NewsroomWorker, TickLoop

pytestmark = pytest.mark.django_db

WORDS = {
    "en": {"title": "Background tasks", "task": "Rebuild the search index", "of": " of "},
    "ar": {"title": "المهام في الخلفية", "task": "إعادة بناء فهرس البحث", "of": " من "},
}


def _login(client, user, language):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)


def _drain():
    """What a worker does with the waiting tasks (here in this process, then it stops)."""
    NewsroomWorker(
        tick_loop=TickLoop("test"),
        queue_names=["*"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="newsroom",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
    ).run()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_reindex_started_in_the_admin_runs_in_the_worker_with_its_progress_shown(
    client, django_user_model, language, monkeypatch
):
    monkeypatch.setattr(TickLoop, "start", lambda self: None)  # the tasks alone, here
    # A worker drops connections past their age; here that would be the test's own, with its
    # transaction (real worker processes: test_workers.py).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    words = WORDS[language]
    _login(
        client, django_user_model.objects.create_superuser("chief", "c@example.org", "pw"), language
    )
    response = client.post(reverse("newsroom_reindex"))
    assert response.status_code == 302
    result = DBTaskResult.objects.get()
    assert result.status == "READY"  # waiting for the worker, not run in the request

    _drain()
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL", result.traceback
    progress = TaskProgress.objects.get(task_id=result.id)
    assert progress.total > 0 and progress.done == progress.total

    page = client.get(reverse("newsroom_tasks")).content.decode()
    assert words["title"] in page and words["task"] in page
    assert f"{progress.total}{words['of']}{progress.total} (100%)" in page.replace(",", "")


def test_staff_without_the_permission_see_tasks_but_cannot_start_one(client, django_user_model):
    user = django_user_model.objects.create_user("desk", "d@example.org", "pw")
    group = Group.objects.create(name="Desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    _login(client, user, "en")
    page = client.get(reverse("newsroom_tasks")).content.decode()
    assert "Background tasks" in page and reverse("newsroom_reindex") not in page
    client.post(reverse("newsroom_reindex"))
    assert not DBTaskResult.objects.exists()
    group.permissions.add(Permission.objects.get(codename="start_long_tasks"))
    client.post(reverse("newsroom_reindex"))
    assert DBTaskResult.objects.count() == 1
