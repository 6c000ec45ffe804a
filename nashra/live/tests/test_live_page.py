from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from nashra.core import page_cache
from nashra.live.models import LivePage, LiveStatus

from .helpers import add_entries, entry_ids, live_page, soup, url_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_live_page_renders_its_stream_in_its_language(client, lang, direction):
    page = live_page(lang)
    entries = add_entries(page, 3)
    response = client.get(url_of(page))
    assert response.status_code == 200
    doc = soup(response)
    assert doc.html["lang"] == lang and doc.html["dir"] == direction
    assert doc.select_one("h1").get_text(strip=True) == page.title
    assert doc.select_one(".live-summary p").get_text(strip=True).startswith("What we know")
    stream = doc.select_one("section.live-entries")
    assert stream["data-live-page"] == str(page.pk)
    assert stream["data-live-status"] == "live"
    assert stream["data-live-interval"] == "10"
    assert stream["data-live-lang"] == lang
    assert int(stream["data-live-cursor"]) % 10 == 0
    assert entry_ids(response) == [e.pk for e in reversed(entries)]
    first = doc.select_one(f"#entry-{entries[-1].pk}")
    assert first.name == "article" and "live-entry" in first["class"]
    assert first["data-updated"] == str(entries[-1].revision_stamp)
    assert first.select_one("time")["datetime"]
    assert first.select_one("h3").get_text() == entries[-1].title
    assert first.select_one("a[rel=author]")
    assert first.select_one(".live-entry__permalink a")["href"].endswith(f"?entry={entries[-1].pk}")
    label = doc.select_one(".live-status__label").get_text(strip=True)
    assert label == ("Live" if lang == "en" else "مباشر")


def test_pinned_entry_and_key_events_sit_at_the_top(client):
    page = live_page("en")
    old_key = add_entries(page, 1, start=timezone.now() - timedelta(hours=2), title="Old")[0]
    old_key.key_event = True
    old_key.save()
    entries = add_entries(page, 25)
    pinned = entries[3]
    pinned.pinned = True
    pinned.key_event = True
    pinned.save()
    recent_key = entries[-2]
    recent_key.key_event = True
    recent_key.save()
    response = client.get(url_of(page))
    doc = soup(response)
    assert doc.select_one(".live-pinned .live-entry")["id"] == f"entry-{pinned.pk}"
    assert "Pinned" in doc.select_one(".live-pinned .live-entry__flag--pinned").get_text()
    assert pinned.pk not in entry_ids(response)  # once on the page
    links = [a["href"] for a in doc.select(".live-key-events a")]
    # Newest first; on this page by anchor, paged out by ?entry=.
    assert links == [f"#entry-{recent_key.pk}", f"#entry-{pinned.pk}", f"?entry={old_key.pk}"]
    marked = doc.select_one(f"#entry-{recent_key.pk} .live-entry__flag--key")
    assert marked.get_text(strip=True) == "Key event"


@override_settings(NASHRA_LIVE_ENTRIES_PER_PAGE=5)
def test_older_updates_page_with_before(client):
    page = live_page("en")
    entries = add_entries(page, 12)[::-1]  # newest first
    url = url_of(page)
    first = client.get(url)
    assert entry_ids(first) == [e.pk for e in entries[:5]]
    older = soup(first).select_one(".live-pages a[rel=next]")["href"]
    assert older == f"?before={entries[4].pk}"
    second = client.get(url + older)
    assert entry_ids(second) == [e.pk for e in entries[5:10]]
    assert not soup(second).select(".live-key-events, .live-pinned, .live-summary")
    third = client.get(url + soup(second).select_one(".live-pages a[rel=next]")["href"])
    assert entry_ids(third) == [e.pk for e in entries[10:]]
    assert soup(third).select_one(".live-pages a[rel=next]") is None


@override_settings(NASHRA_LIVE_ENTRIES_PER_PAGE=5)
def test_entry_permalink_redirects_to_the_page_that_shows_it(client):
    page = live_page("en")
    entries = add_entries(page, 12)[::-1]
    url = url_of(page)
    response = client.get(f"{url}?entry={entries[1].pk}")
    assert response.status_code == 302
    assert response["Location"] == f"{url}#entry-{entries[1].pk}"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    response = client.get(f"{url}?entry={entries[7].pk}")
    assert response["Location"] == f"{url}?before={entries[4].pk}#entry-{entries[7].pk}"
    assert entries[7].pk in entry_ids(client.get(f"{url}?before={entries[4].pk}"))
    response = client.get(f"{url}?entry={entries[11].pk}")
    assert response["Location"] == f"{url}?before={entries[9].pk}#entry-{entries[11].pk}"


def test_entry_redirect_and_before_refuse_bad_input_without_error(client):
    page = live_page("en")
    other = live_page("en", slug="other-live")
    mine = add_entries(page, 3)
    theirs = add_entries(other, 1)[0]
    deleted = mine[0]
    deleted.deleted_at = timezone.now()
    deleted.save()
    url = url_of(page)
    for value in (theirs.pk, deleted.pk, 999999999):
        response = client.get(f"{url}?entry={value}")
        assert response.status_code == 302 and response["Location"] == url, value
    for garbage in ("abc", "-1", "0", "1e3", "", "9" * 40):
        assert client.get(f"{url}?entry={garbage}").status_code == 404, garbage
    for value in (theirs.pk, deleted.pk, 999999999):
        response = client.get(f"{url}?before={value}")
        assert response.status_code == 404, value
        assert b"<html" in response.content
    # Not canonical: the caches key it as the first page, so the app serves that.
    quoted = "".join(f"%3{digit}" for digit in str(mine[2].pk))  # nginx keys it as sent
    for value in ("abc", "0012", "", "1.5", quoted):
        response = client.get(f"{url}?before={value}")
        assert response.status_code == 200, value
        assert entry_ids(response) == [e.pk for e in reversed(mine[1:])]


def test_ended_coverage_says_so(client):
    page = live_page("ar")
    page.status = LiveStatus.ENDED
    page.save_revision().publish()
    page = LivePage.objects.get(pk=page.pk)
    assert page.coverage_end is not None
    doc = soup(client.get(url_of(page)))
    assert doc.select_one("section.live-entries")["data-live-status"] == "ended"
    assert doc.select_one(".live-status--ended")
    assert len(doc.select(".live-status__times time")) == 2


@pytest.mark.parametrize("count", [5, 40])
def test_queries_do_not_grow_with_the_entries(client, django_assert_max_num_queries, count):
    page = live_page("en")
    add_entries(page, count)
    url = url_of(page)
    client.get(url)  # warm the route and furniture caches, as any reader after the first
    page_cache.purge(paths=[url])
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_reactions_and_comments_work_on_a_live_page(client):
    page = live_page("en")
    doc = soup(client.get(url_of(page)))
    vote = doc.select_one("form.reaction")["action"]
    assert vote.endswith(f"/articles/{page.pk}/reaction/")
    assert doc.select_one("form.comment-form")["action"].endswith(f"/articles/{page.pk}/comment/")
    response = client.post(vote, {"value": "yes"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code in (200, 302, 303)
    from nashra.engagement.models import Reaction

    assert Reaction.objects.filter(article_id=page.pk).count() == 1


@override_settings(NASHRA_LIVE_ENTRIES_PER_PAGE=5, NASHRA_PAGE_CACHE=True)
def test_only_a_page_paged_by_before_is_stored_under_a_before_key():
    """`?before=` is in the caches' keys; a page that is not paged by it (any but a live page)
    is served but never stored under it, so 10^18 values cannot fill the cache."""
    from nashra.distribution.tests.test_page_cache import request

    page = live_page("en")
    entries = add_entries(page, 12)[::-1]
    older = f"before={entries[4].pk}"
    status, headers, _ = request(url_of(page), query=older)
    assert headers.get("X-Cache") == "MISS", (status, headers)
    status, headers, _ = request(url_of(page), query=older)
    assert status.startswith("200") and headers["X-Cache"] == "HIT"
    for path in ("/en/", url_of(page.get_parent())):
        for _ in range(2):
            status, headers, _ = request(path, query="before=123")
            assert status.startswith("200") and headers.get("X-Cache") != "HIT", path
        assert request(path)[1]["X-Cache"] == "MISS"  # the plain page's own entry, once
        assert request(path)[1]["X-Cache"] == "HIT"
