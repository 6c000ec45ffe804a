import pytest
from django.urls import reverse

from nashra.engagement.models import Ban, Comment, PolicyClause, Reaction
from nashra.news.tests.helpers import soup

from .helpers import article

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_engagement_comment:list"


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_superuser("moderator", "m@example.org", "pw")
    client.force_login(user)
    return user


def _pending(n=2, **extra):
    a = article()
    return [
        Comment.objects.create(
            article=a,
            name=f"Reader {i}",
            email=f"r{i}@example.org",
            body=f"Pending comment {i}",
            address_hash=f"{i}" * 64,
            **extra,
        )
        for i in range(n)
    ]


def test_queue_lists_filters_and_searches(client, moderator):
    pending = _pending()
    Comment.objects.filter(pk=pending[0].pk).update(flag_count=2)
    url = reverse(LIST)
    html = client.get(url + "?status=pending").content.decode()
    assert "Pending comment 0" in html and "Pending comment 1" in html
    assert "Karim" not in html  # approved demo comments are filtered out
    flagged = client.get(url + "?flagged=true").content.decode()
    assert "Pending comment 0" in flagged and "Pending comment 1" not in flagged
    found = client.get(url + "?q=comment+1").content.decode()
    assert "Pending comment 1" in found


def _bulk(client, action, comments, data=None):
    ids = "&".join(f"id={c.pk}" for c in comments)
    url = f"/admin/bulk/engagement/comment/{action}/?{ids}&next=/admin/"
    return client.post(url, data or {})


def test_bulk_approve_publishes(client, moderator):
    comments = _pending()
    response = _bulk(client, "approve", comments)
    assert response.status_code == 302
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    ) == {"approved"}
    assert Comment.objects.get(pk=comments[0].pk).moderated_at is not None


def test_bulk_reject_requires_a_clause_and_records_it(client, moderator):
    comments = _pending()
    response = _bulk(client, "reject", comments, {"note": "x"})
    assert response.status_code == 200  # the form comes back with an error
    assert Comment.objects.filter(status="rejected").count() == 0
    clause = PolicyClause.objects.filter(page__locale__language_code="en", number=2).get()
    _bulk(client, "reject", comments, {"clause": clause.pk, "note": "Please keep it civil."})
    rejected = Comment.objects.get(pk=comments[0].pk)
    assert rejected.status == "rejected" and rejected.rejection_clause == clause
    assert rejected.rejection_note == "Please keep it civil."


def test_bulk_ban_bans_email_and_hashed_address(client, moderator):
    comments = _pending(1)
    _bulk(client, "ban", comments)
    assert Ban.objects.filter(kind="email", value="r0@example.org").exists()
    assert Ban.objects.filter(kind="address", value="0" * 64).exists()
    assert Comment.objects.get(pk=comments[0].pk).status == "spam"


def test_editing_a_rejection_without_a_clause_is_refused(client, moderator):
    comment = _pending(1)[0]
    url = reverse("wagtailsnippets_engagement_comment:edit", args=[comment.pk])
    response = client.post(
        url, {"status": "rejected", "rejection_clause": "", "rejection_note": ""}
    )
    assert response.status_code == 200
    assert "must cite a clause" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_reactions_report_per_article_section_and_day(client, moderator):
    a = article()
    for i, liked in enumerate([True, True, False]):
        Reaction.objects.create(article=a, reader_key=f"k{i}", liked=liked)
    response = client.get(reverse("engagement_reactions") + "?days=30")
    doc = soup(response)
    assert response.status_code == 200
    row = next(tr for tr in doc.select("table")[1].select("tbody tr") if a.title in tr.get_text())
    assert [td.get_text(strip=True) for td in row.select("td")][2:] == ["2", "1"]
    section_row = next(
        tr for tr in doc.select("table")[0].select("tbody tr") if a.section.title in tr.get_text()
    )
    assert "2" in section_row.get_text()
    assert len(doc.select("svg rect")) == 60  # yes and no bar for each of 30 days
    assert "2 yes and 1 no" in doc.get_text()


def test_arabic_admin_strings(client, moderator):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(moderator)
    UserProfile.objects.filter(user=moderator).update(preferred_language="ar")
    html = client.get(reverse("engagement_reactions")).content.decode()
    assert "تفاعلات القرّاء" in html and "حسب القسم" in html
    queue = client.get(reverse(LIST)).content.decode()
    assert "التعليقات" in queue and "بانتظار المراجعة" in queue


def test_wagtail_moderators_group_can_moderate(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("desk", "desk@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse("engagement_reactions")).status_code == 200
    comment = _pending(1)[0]
    _bulk(client, "approve", [comment])
    assert Comment.objects.get(pk=comment.pk).status == "approved"


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_a_readers_words_keep_their_own_direction_in_the_admin(client, moderator, admin_language):
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(moderator)
    UserProfile.objects.filter(user=moderator).update(preferred_language=admin_language)
    comment = Comment.objects.create(
        article=article(),
        name="رانيا الخطيب",
        email="r@example.org",
        body="الميناء مغلق منذ الصباح.\nPort closed since dawn.",
    )
    queue = soup(client.get(reverse(LIST) + "?status=pending"))
    row = next(tr for tr in queue.select("tbody tr") if "رانيا الخطيب" in tr.get_text())
    assert [b.get_text() for b in row.select("bdi")][:2] == [
        "رانيا الخطيب",
        "الميناء مغلق منذ الصباح.\nPort closed since dawn.",
    ]
    detail = soup(client.get(reverse("wagtailsnippets_engagement_comment:edit", args=[comment.pk])))
    shown = {
        d.get_text(" ", strip=True): d.get("dir") for d in detail.select(".w-field__textoutput")
    }
    assert shown["رانيا الخطيب"] == "auto"
    assert shown["الميناء مغلق منذ الصباح. Port closed since dawn."] == "auto"
    assert shown["r@example.org"] is None  # e-mail addresses stay left to right


@pytest.mark.parametrize(("n", "words"), [(1, "Approve · 1 comment"), (2, "Approve · 2 comments")])
def test_bulk_confirmation_title_counts_properly(client, moderator, n, words):
    ids = "&".join(f"id={c.pk}" for c in _pending(n))
    response = client.get(f"/admin/bulk/engagement/comment/approve/?{ids}&next=/admin/")
    title = soup(response).title.get_text(" ", strip=True)
    assert title.startswith(words) and not title.startswith(f"{words}s")
