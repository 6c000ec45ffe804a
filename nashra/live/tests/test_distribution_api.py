"""A live page in the read API (Wagtail API v2) and in ninjs: its live fields and its newest
shown entries, newest first, bounded; a deleted entry is gone from both at once (neither is
cached)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nashra.distribution.tests.test_ninjs_schema import _errors
from nashra.live import distribution as live
from nashra.news.tests.helpers import url_of

from .distribution_support import add_entry, delete_entry, make_live_page

pytestmark = pytest.mark.django_db


def _detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_api_gives_a_live_pages_fields_and_entries(client, lang):
    page = make_live_page(lang)
    first = add_entry(page, "<b>Cranes</b> stand still.", title="Quay", key_event=True)
    second = add_entry(page, "Talks resume at noon.", pinned=True)
    data = _detail(client, page)
    assert data["meta"]["type"] == "live.LivePage"
    assert data["status"] == "live" and data["coverage_end"] is None
    assert data["coverage_start"].startswith(page.coverage_start.date().isoformat())
    assert data["standfirst"] == page.standfirst and data["byline"]  # the article's fields
    newest, older = data["entries"]
    assert [newest["id"], older["id"]] == [second.pk, first.pk]
    # Absolute as the page's own html_url is (from the Wagtail Site record).
    assert data["meta"]["html_url"].endswith(url_of(page))
    assert newest["url"] == f"{data['meta']['html_url']}#entry-{second.pk}"
    assert newest["pinned"] and not newest["key_event"]
    assert older["key_event"] and not older["pinned"]
    assert older["title"] == "Quay" and newest["title"] == ""
    assert older["posted_at"] == first.posted_at.isoformat()
    assert older["updated_at"] == first.updated_at.isoformat()
    # The body as the article's `body` is given: Wagtail's StreamField JSON.
    assert older["body"][0]["type"] == "paragraph"
    assert "<b>Cranes</b> stand still." in older["body"][0]["value"]
    author = first.authors.get()
    assert older["authors"] == [{"id": author.pk, "name": author.title, "role": author.role}]
    # The listing asks for them by name.
    listing = client.get(
        f"/api/v2/pages/?type=live.LivePage&locale={lang}&fields=status,coverage_start,entries"
    ).json()
    (item,) = listing["items"]
    assert item["status"] == "live" and [e["id"] for e in item["entries"]] == [second.pk, first.pk]


def test_the_api_gives_the_newest_fifty_and_never_a_deleted_one(client):
    page = make_live_page("en")
    start = timezone.now() - timedelta(hours=2)
    entries = [
        add_entry(page, f"Update {n}.", posted_at=start + timedelta(minutes=n)) for n in range(52)
    ]
    ids = [e["id"] for e in _detail(client, page)["entries"]]
    assert len(ids) == live.API_ENTRIES
    assert ids == [e.pk for e in reversed(entries)][: live.API_ENTRIES]
    delete_entry(entries[-1])
    ids = [e["id"] for e in _detail(client, page)["entries"]]
    assert entries[-1].pk not in ids and ids[0] == entries[-2].pk
    assert len(ids) == live.API_ENTRIES


def test_an_ended_coverage_in_the_api(client):
    end = timezone.now()
    page = make_live_page("ar", status="ended", coverage_end=end)
    data = _detail(client, page)
    assert data["status"] == "ended" and data["coverage_end"].startswith(end.date().isoformat())
    assert data["entries"] == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_ninjs_gives_the_entries_as_associations_and_stays_valid(client, lang):
    page = make_live_page(lang)
    first = add_entry(page, "Cranes stand still.", title="Quay", key_event=True)
    second = add_entry(page, "Talks resume at noon.", pinned=True)
    gone = add_entry(page, "A mistaken report.")
    delete_entry(gone)
    response = client.get(f"/api/ninjs/articles/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert _errors(data) == []
    for association in data["associations"]:
        rest = {k: v for k, v in association.items() if k != "name"}
        assert _errors(rest) == [], association["name"]
    assert data["type"] == "text" and data["profile"] == "nashra-live"
    assert data["language"] == lang and data["headlines"][0]["value"] == page.title
    assert data["contentcreated"] == page.coverage_start.isoformat()
    # Its version: the latest change, the deletion included.
    gone.refresh_from_db()
    assert data["versioncreated"] == live.last_changed(page).isoformat()
    assert data["versioncreated"] >= gone.updated_at.isoformat()
    assert data["ednote"]
    pictures = [a for a in data["associations"] if a["type"] == "picture"]
    assert [a["name"] for a in pictures] == ["featureimage"]  # the lead image, as articles
    entries = [a for a in data["associations"] if a.get("profile") == "nashra-live-entry"]
    assert [a["name"] for a in entries] == [f"entry-{second.pk}", f"entry-{first.pk}"]
    newest, older = entries
    assert older["uri"] == f"http://testserver{url_of(page)}#entry-{first.pk}"
    assert older["headlines"] == [{"role": "main", "value": "Quay"}] and "headlines" not in newest
    assert "Cranes stand still." in older["bodies"][0]["value"]
    assert older["bodies"][0]["contenttype"] == "text/html"
    assert older["firstcreated"] == first.posted_at.isoformat()
    assert older["by"] == first.authors.get().title
    assert [g["uri"] for g in older["genres"]] == ["nashra:live:key-event"]
    assert newest["genres"] == [
        {"name": {"en": "Pinned", "ar": "مثبّت"}[lang], "uri": "nashra:live:pinned"}
    ]  # named in the page's language


def test_ninjs_says_when_the_coverage_has_ended_in_the_pages_language(client):
    page = make_live_page("ar", status="ended", coverage_end=timezone.now())
    add_entry(page, "انتهت التغطية.")
    data = client.get(f"/api/ninjs/articles/{page.pk}/").json()
    assert _errors(data) == []
    assert data["ednote"] == "انتهت التغطية المباشرة."
