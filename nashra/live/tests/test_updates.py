"""The updates endpoint live pages poll (nashra.live.updates): cursors, what an answer holds,
and that every reader of a bucket is answered from one cached render until an entry changes."""

import json
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from nashra.distribution.tests.test_page_cache import request as wsgi_request
from nashra.live import updates
from nashra.live.models import LiveEntry, LivePage, LiveStatus
from nashra.live.signals import entry_changed
from nashra.news.tests.helpers import article_with_twin

pytestmark = pytest.mark.django_db
INTERVAL = 10


def _now_bucket():
    return updates.bucket(time.time(), INTERVAL)


def make_live_page(lang="en", **fields):
    section = article_with_twin(lang).section
    page = LivePage(
        title=fields.pop("title", f"Harbour raid live {lang}"),
        slug=fields.pop("slug", f"harbour-raid-live-{lang}"),
        standfirst="What we know",
        coverage_start=fields.pop("coverage_start", timezone.now() - timedelta(hours=1)),
        body=[],
        **fields,
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return LivePage.objects.get(pk=page.pk)


def add_entry(page, text="Police closed the harbour road.", **fields):
    with transaction.atomic():
        entry = LiveEntry.objects.create(
            page=page, body=[("paragraph", f"<p>{text}</p>")], **fields
        )
    entry_changed.send(sender=LiveEntry, page=page, entry=entry)
    return entry


def change(entry, **fields):
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    entry_changed.send(sender=LiveEntry, page=entry.page, entry=entry)
    return entry


def path(page, since=None):
    lang = page.locale.language_code
    return f"/{lang}/live/{page.pk}/updates/{_now_bucket() if since is None else since}/"


def poll(client, page, since=None):
    response = client.get(path(page, since))
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture(autouse=True)
def _interval(settings):
    settings.NASHRA_LIVE_POLL_SECONDS = INTERVAL


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_answer_holds_the_entries_changed_since_the_cursor(client, lang):
    page = make_live_page(lang)
    old = add_entry(page, "Before the cursor.")
    LiveEntry.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    fresh = add_entry(page, "Divers are searching the water.", key_event=True, title="Divers")
    since = _now_bucket() - INTERVAL
    response = client.get(path(page, since))
    assert response["Content-Type"].startswith("application/json")
    assert "s-maxage=10" in response["Cache-Control"] and "Set-Cookie" not in response
    data = response.json()
    assert data["status"] == "live" and data["reload"] is False
    assert data["cursor"] % INTERVAL == 0 and data["cursor"] >= since
    assert [e["id"] for e in data["entries"]] == [fresh.pk]
    shown = data["entries"][0]
    assert shown["key_event"] is True and shown["pinned"] is False
    assert shown["updated"] == fresh.revision_stamp
    assert f'id="entry-{fresh.pk}"' in shown["html"] and "Divers are searching" in shown["html"]
    assert [k["id"] for k in data["key_events"]] == [fresh.pk]
    assert data["key_events"][0]["label"] == "Divers"
    assert data["key_events"][0]["clock"] and data["key_events"][0]["day"]
    assert data["key_events"][0]["url"].endswith(f"?entry={fresh.pk}")
    assert data["deleted"] == [] and data["pinned_id"] is None


def test_edits_deletions_and_the_pinned_entry(client):
    page = make_live_page()
    kept = add_entry(page, "First report.")
    gone = add_entry(page, "A wrong figure.")
    change(kept, title="Corrected", pinned=True)
    change(gone, deleted_at=timezone.now())
    data = poll(client, page, _now_bucket() - INTERVAL)
    assert [e["id"] for e in data["entries"]] == [kept.pk]
    assert "Corrected" in data["entries"][0]["html"] and data["entries"][0]["pinned"]
    assert data["deleted"] == [gone.pk]
    assert data["pinned_id"] == kept.pk


def test_more_changes_than_a_page_can_patch_ask_for_a_reload(client, settings):
    page = make_live_page()
    LiveEntry.objects.bulk_create(
        LiveEntry(page=page, body=[("paragraph", f"<p>n{i}</p>")])
        for i in range(updates.MAX_CHANGES + 1)
    )
    data = poll(client, page, _now_bucket() - INTERVAL)
    assert data["reload"] is True and data["entries"] == []


def test_an_ended_page_says_so(client):
    page = make_live_page(status=LiveStatus.ENDED)
    assert poll(client, page)["status"] == "ended"


@pytest.mark.parametrize(
    "since",
    [
        "abc",
        "12.5",
        "-10",
        "0010",
        "1" * 40,
        "%D9%A1%D9%A2",  # Arabic-Indic digits
        "NOW+1",  # replaced below by a cursor off the grid
        "FAR",  # replaced below by a cursor far in the future
    ],
)
def test_bad_cursors_are_not_found_and_never_cached(client, since):
    page = make_live_page()
    since = {
        "NOW+1": str(_now_bucket() + 1),
        "FAR": str(_now_bucket() + 100 * INTERVAL),
    }.get(since, since)
    response = client.get(f"/en/live/{page.pk}/updates/{since}/")
    assert response.status_code == 404 and response["Cache-Control"] == "no-store"
    assert response.json()["message"]


def test_other_pages_and_languages_are_not_found(client):
    page = make_live_page("en")
    arabic = make_live_page("ar")
    since = _now_bucket()
    article = article_with_twin("en")
    for address in (
        f"/ar/live/{page.pk}/updates/{since}/",  # another edition's prefix
        f"/en/live/{arabic.pk}/updates/{since}/",
        f"/en/live/{article.pk}/updates/{since}/",  # not a live page
        f"/en/live/0/updates/{since}/",
        f"/en/live/{'9' * 30}/updates/{since}/",
        f"/en/live/x/updates/{since}/",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert response["Cache-Control"] == "no-store"
    # The Arabic answer is in Arabic.
    assert (
        client.get(f"/ar/live/{page.pk}/updates/{since}/").json()["message"]
        != (client.get(f"/en/live/{arabic.pk}/updates/{since}/").json()["message"])
    )
    page.unpublish()
    assert client.get(path(page)).status_code == 404


def test_the_cursor_of_a_page_rendered_before_the_coverage_started_is_accepted(client):
    page = make_live_page(coverage_start=timezone.now() + timedelta(hours=2))
    assert poll(client, page)["entries"] == []


@pytest.fixture
def page_cache_on(settings):
    settings.NASHRA_PAGE_CACHE = True


@pytest.mark.usefixtures("page_cache_on")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_readers_of_a_bucket_share_one_render_until_an_entry_changes(lang):
    page = make_live_page(lang)
    first = add_entry(page, "First.")
    address = path(page, _now_bucket() - INTERVAL)
    status, headers, body = wsgi_request(address)
    assert status.startswith("200") and headers["X-Cache"] == "MISS"
    status, headers, again = wsgi_request(address, cookie="nashra_consent=1")
    assert headers["X-Cache"] == "HIT" and again == body
    assert [e["id"] for e in json.loads(body)["entries"]] == [first.pk]

    second = add_entry(page, "Second.")
    status, headers, body = wsgi_request(address)
    assert headers["X-Cache"] == "MISS"
    assert {e["id"] for e in json.loads(body)["entries"]} == {first.pk, second.pk}

    # Deleting purges too, and so does ending the coverage (a publish of the page).
    change(first, deleted_at=timezone.now())
    assert json.loads(wsgi_request(address)[2])["deleted"] == [first.pk]
    page.status = LiveStatus.ENDED
    page.save_revision().publish()
    assert json.loads(wsgi_request(address)[2])["status"] == "ended"


@pytest.mark.usefixtures("page_cache_on")
def test_a_change_purges_old_buckets_too():
    """A page cached long ago hands out an old cursor: its cached answer must not outlive a
    change (it would hand the same cursor back, and the reader would never see the entry)."""
    page = make_live_page()
    old = path(page, _now_bucket() - 30 * INTERVAL)
    assert wsgi_request(old)[1]["X-Cache"] == "MISS"
    assert wsgi_request(old)[1]["X-Cache"] == "HIT"
    entry = add_entry(page)
    status, headers, body = wsgi_request(old)
    assert headers["X-Cache"] == "MISS" and json.loads(body)["entries"][0]["id"] == entry.pk


@pytest.mark.usefixtures("page_cache_on")
def test_not_found_answers_are_not_cached():
    page = make_live_page()
    address = path(page, _now_bucket() + 1)
    for _ in range(2):
        status, headers, _body = wsgi_request(address)
        assert status.startswith("404") and headers.get("X-Cache") != "HIT"


def test_a_change_purges_the_buckets_open_pages_poll_from_the_front_cache(monkeypatch):
    page = make_live_page()
    purged = []
    monkeypatch.setattr(updates.front_cache, "purge_paths", purged.extend)
    now = _now_bucket()
    add_entry(page)
    expected = {path(page, now + step * INTERVAL) for step in range(-12, 2)}
    assert expected <= set(purged)
    assert all(p.startswith(f"/en/live/{page.pk}/updates/") for p in purged)


def test_a_pre_announced_page_keeps_polling_after_an_interval(client):
    """coverage_start in the future: the page's own cursor stays answered as it ages."""
    page = make_live_page(coverage_start=timezone.now() + timedelta(hours=2))
    assert poll(client, page, _now_bucket() - 5 * INTERVAL)["entries"] == []


def test_cursors_older_than_the_window_are_never_cached_and_bounded(client):
    # (Cursors from before coverage_start but inside the window are answered: D4.)
    """Only the last OLDEST_CURSOR_SECONDS of buckets are answered (cacheable); an older
    cursor is redirected to the oldest answered address if nothing changed since it, else
    told to reload, both no-store: the cacheable addresses of a page stay bounded."""
    page = make_live_page(coverage_start=timezone.now() - timedelta(days=3))
    entry = add_entry(page, "Old news.")
    LiveEntry.objects.filter(pk=entry.pk).update(updated_at=timezone.now() - timedelta(days=2))
    LivePage.objects.filter(pk=page.pk).update(last_published_at=timezone.now() - timedelta(days=2))
    window = updates.OLDEST_CURSOR_SECONDS
    oldest = _now_bucket() - window // INTERVAL * INTERVAL
    old = _now_bucket() - 86400 // INTERVAL * INTERVAL
    response = client.get(path(page, old))
    assert response.status_code == 302 and response["Cache-Control"] == "no-store"
    assert response["Location"] in {path(page, oldest), path(page, oldest - INTERVAL)}
    assert client.get(response["Location"]).status_code == 200
    for since in (0, old):
        LiveEntry.objects.filter(pk=entry.pk).update(updated_at=timezone.now())
        response = client.get(path(page, since))
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert response.json()["reload"] is True and response.json()["entries"] == []


def test_two_edits_in_one_second_have_different_stamps_in_the_page_and_the_json(client):
    """live.js skips an entry whose data-updated >= the JSON's updated: whole seconds would
    hide a second edit made in the same second from open pages."""
    from datetime import UTC, datetime

    page = make_live_page(coverage_start=timezone.now() - timedelta(minutes=5))
    entry = add_entry(page, "First version.")
    stamps = []
    second = datetime.fromtimestamp(int(time.time()) - 1, tz=UTC)
    for micro in (100_000, 700_000):
        moment = second.replace(microsecond=micro)
        LiveEntry.objects.filter(pk=entry.pk).update(updated_at=moment)
        (answered,) = poll(client, page, _now_bucket())["entries"]
        html = client.get(page.url).content.decode()
        assert f'data-updated="{answered["updated"]}"' in answered["html"]
        assert (
            f'id="entry-{entry.pk}" data-entry-id="{entry.pk}" data-updated="{answered["updated"]}"'
            in html
        )
        stamps.append(answered["updated"])
    assert stamps[1] - stamps[0] == 600
