"""Live updates through the nginx front cache: every reader polling a bucket is answered from
one origin render, and a change to an entry reaches the next poll (an exact purge, not the
copy's expiry)."""

import json
from concurrent.futures import ThreadPoolExecutor

from .conftest import stack_shell
from .test_nginx_front_cache import fetch

READERS = 50

SETUP = """
import json, time
from datetime import timedelta
from django.utils import timezone
from nashra.live.models import LivePage
from nashra.live.updates import bucket, poll_seconds
from nashra.news.models import ArticlePage
section = ArticlePage.objects.live().filter(locale__language_code="LANG").first().section
page = LivePage(title="Harbour raid live", slug="harbour-raid-live-" + str(time.time_ns()),
                standfirst="What we know", body=[],
                coverage_start=timezone.now() - timedelta(hours=1))
section.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({"id": page.pk, "since": bucket(time.time()) - poll_seconds()}))
"""

ADD_ENTRY = """
from django.db import transaction
from nashra.live.models import LiveEntry, LivePage
from nashra.live.signals import entry_changed
page = LivePage.objects.get(pk=PAGE)
with transaction.atomic():
    entry = LiveEntry.objects.create(page=page, body=[("paragraph", "<p>TEXT</p>")])
entry_changed.send(sender=LiveEntry, page=page, entry=entry)
print(entry.pk)
"""


def live_page(stack, lang):
    return json.loads(stack_shell(stack, SETUP.replace("LANG", lang)))


def add_entry(stack, page_id, text):
    code = ADD_ENTRY.replace("PAGE", str(page_id)).replace("TEXT", text)
    return int(stack_shell(stack, code))


def test_readers_of_a_bucket_cost_one_render_and_see_a_change_at_the_next_poll(front_stack):
    page = live_page(front_stack, "ar")
    first = add_entry(front_stack, page["id"], "Divers reached the pier.")
    path = f"/ar/live/{page['id']}/updates/{page['since']}/"

    def poll(_reader):
        status, headers, body = fetch(front_stack["url"] + path)
        return status, headers.get("X-Front-Cache"), headers.get("X-Cache"), body

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        answers = list(pool.map(poll, range(READERS)))
    assert all(status == 200 for status, *_ in answers)
    front = [state for _, state, _, _ in answers]
    # One request reached the app, which rendered it once; nginx answered the rest.
    assert front.count("MISS") == 1 and front.count("HIT") == READERS - 1, front
    assert len({body for *_, body in answers}) == 1
    assert [e["id"] for e in json.loads(answers[0][3])["entries"]] == [first]
    # The app cached its render too (a second front cache, or nginx's copy expiring).
    status, headers, _ = fetch(front_stack["app"] + path)
    assert headers["X-Cache"] == "HIT"

    second = add_entry(front_stack, page["id"], "The road is open again.")
    status, headers, body = fetch(front_stack["url"] + path)
    # Purged (MISS), not merely expired (EXPIRED): the entry shows at the very next poll.
    assert headers["X-Front-Cache"] == "MISS"
    assert {e["id"] for e in json.loads(body)["entries"]} == {first, second}
    assert fetch(front_stack["url"] + path)[1]["X-Front-Cache"] == "HIT"


def test_bad_cursors_are_not_cached_by_nginx(front_stack):
    page = live_page(front_stack, "en")
    path = f"/en/live/{page['id']}/updates/{page['since'] + 1}/"
    for _ in range(2):
        status, headers, _ = fetch(front_stack["url"] + path)
        assert status == 404 and headers["X-Front-Cache"] in ("MISS", "EXPIRED")
