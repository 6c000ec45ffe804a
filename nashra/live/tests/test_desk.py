import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from nashra.live import purge
from nashra.live.models import LiveEntry
from nashra.live.signals import entry_changed

from .helpers import add_entries, entry_ids, live_page, soup, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return user


def entry_form(text="<p>Crews reach the harbour.</p>", **fields):
    data = {
        "title": fields.pop("title", "Crews arrive"),
        "body": streamfield([("paragraph", rich_text(text))]),
        "posted_at": fields.pop("posted_at", "2026-12-05T14:30"),
    }
    data.update(fields)
    return nested_form_data(data)


def desk_url(page):
    return f"/admin/live/{page.pk}/entries/"


@pytest.mark.parametrize("admin_lang", ["en", "ar"])
def test_desk_lists_entries_with_a_form_in_the_pages_direction(client, editor, admin_lang):
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language=admin_lang)
    page = live_page("ar")
    entries = add_entries(page, 3)
    entries[0].deleted_at = entries[0].posted_at
    entries[0].save()
    doc = soup(client.get(desk_url(page)))
    assert doc.html["dir"] == ("rtl" if admin_lang == "ar" else "ltr")
    rows = [int(tr["data-entry-id"]) for tr in doc.select("tr[data-entry-id]")]
    assert rows == [entries[2].pk, entries[1].pk]  # newest first, the deleted one hidden
    title = doc.select_one('[name="title"]')
    assert title["dir"] == "rtl" and title["data-content-dir"] == "rtl"
    assert doc.select_one('input[name="csrfmiddlewaretoken"]')
    heading = doc.select_one("h1").get_text(strip=True)
    assert heading.startswith("Live entries" if admin_lang == "en" else "المستجدات المباشرة")


def test_the_live_page_offers_the_desk(client, editor):
    page = live_page("en")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert desk_url(page) in html
    for field in ("status", "coverage_start", "coverage_end", "standfirst"):
        assert f'name="{field}"' in html, field


def test_add_edit_and_delete_an_entry_purges_the_page(
    client, editor, django_capture_on_commit_callbacks
):
    page = live_page("en")
    reader = Client()
    url = url_of(page)
    assert entry_ids(reader.get(url)) == []
    sent = []
    entry_changed.connect(lambda **kw: sent.append(kw["entry"].pk), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(desk_url(page), entry_form(key_event="on"))
        assert response.status_code == 302
        entry = LiveEntry.objects.get(page=page)
        assert entry.key_event and entry.authors.count() == 0
        assert sent == [entry.pk]
        assert entry_ids(reader.get(url)) == [entry.pk]  # the cached copy was purged

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"{desk_url(page)}{entry.pk}/edit/",
                entry_form(title="Crews arrive at dawn", posted_at="2026-12-05T14:31"),
            )
        assert "Crews arrive at dawn" in reader.get(url).content.decode()

        confirm = client.get(f"{desk_url(page)}{entry.pk}/delete/")
        assert confirm.status_code == 200 and entry.title in confirm.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{desk_url(page)}{entry.pk}/delete/")
        entry.refresh_from_db()
        assert entry.deleted_at is not None  # a tombstone
        assert entry_ids(reader.get(url)) == []
        assert sent[-1] == entry.pk
    finally:
        entry_changed.disconnect(dispatch_uid="t")


def test_bad_form_is_refused_with_errors_not_saved(client, editor):
    page = live_page("en")
    response = client.post(desk_url(page), entry_form(posted_at="not a time"))
    assert response.status_code == 200
    assert soup(response).select(".error-message, .w-field__errors, [role=alert]")
    assert not LiveEntry.objects.filter(page=page).exists()


def test_pinning_one_entry_unpins_the_other(client, editor):
    page = live_page("en")
    first, second = add_entries(page, 2)
    client.post(f"{desk_url(page)}{first.pk}/edit/", entry_form(pinned="on"))
    client.post(f"{desk_url(page)}{second.pk}/edit/", entry_form(pinned="on"))
    assert list(page.entries.filter(pinned=True).values_list("pk", flat=True)) == [second.pk]


def test_the_database_holds_one_pinned_entry_per_page_whatever_the_race():
    page = live_page("en")
    add_entries(page, 1, pinned=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        add_entries(page, 1, pinned=True)


def test_an_editor_without_rights_on_the_page_is_refused(client, django_user_model):
    page = live_page("en")
    entry = add_entries(page, 1)[0]
    user = django_user_model.objects.create_user("junior", "j@example.org", "pw")
    group = Group.objects.create(name="Elsewhere")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=page.get_parent().get_siblings().exclude(pk=page.get_parent().pk).first(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    client.force_login(user)
    for url in (
        desk_url(page),
        f"{desk_url(page)}{entry.pk}/edit/",
        f"{desk_url(page)}{entry.pk}/delete/",
    ):
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url, entry_form()).status_code in (302, 403), url
    entry.refresh_from_db()
    assert entry.deleted_at is None and entry.title == "Update 0"
    assert LiveEntry.objects.filter(page=page).count() == 1


def test_desk_posts_need_the_csrf_token(editor):
    page = live_page("en")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    assert csrf_client.post(desk_url(page), entry_form()).status_code == 403
    assert not LiveEntry.objects.filter(page=page).exists()


@override_settings(NASHRA_LIVE_ENTRIES_PER_PAGE=5)
def test_a_change_purges_every_older_page_that_may_show_the_entry():
    page = live_page("en")
    newest_first = add_entries(page, 12)[::-1]
    url, paths = purge.paths_for(page, [newest_first[7]])
    assert url == url_of(page) and paths[0] == url
    # The page that shows it now (?before= the 5th), and the chain as it stands.
    assert f"{url}?before={newest_first[4].pk}" in paths
    assert f"{url}?before={newest_first[9].pk}" in paths
    # Not pages that cannot show it: those starting after older entries.
    assert f"{url}?before={newest_first[10].pk}" not in paths


def test_an_edit_racing_a_delete_does_not_resurrect_the_entry(client, editor, monkeypatch):
    """The edit view loads the entry, then a delete commits before the edit saves: the edit
    re-reads the entry under the page's lock, writes nothing and says so."""
    from nashra.live import admin_views

    page = live_page("en")
    (entry,) = add_entries(page, 1)
    title = entry.title
    is_valid = admin_views.LiveEntryForm.is_valid

    def delete_meanwhile(form):
        valid = is_valid(form)
        other = Client()
        other.force_login(editor)
        assert other.post(f"{desk_url(page)}{entry.pk}/delete/").status_code == 302
        return valid

    monkeypatch.setattr(admin_views.LiveEntryForm, "is_valid", delete_meanwhile)
    response = client.post(
        f"{desk_url(page)}{entry.pk}/edit/", entry_form(title="Edited"), follow=True
    )
    entry.refresh_from_db()
    assert entry.deleted_at is not None and entry.title == title
    assert "deleted meanwhile" in response.content.decode()
