import pytest

from nashra.live import demo
from nashra.live.models import LivePage

from .helpers import soup, url_of

pytestmark = pytest.mark.django_db


def test_demo_live_pages_are_twins_with_their_entries_and_load_once(client):
    assert demo.load() == 2
    assert demo.load() == 0
    pages = list(LivePage.objects.filter(slug=demo.SLUG).order_by("locale__language_code"))
    assert [p.locale.language_code for p in pages] == ["ar", "en"]
    assert pages[0].translation_key == pages[1].translation_key
    for page in pages:
        entries = page.entries.shown()
        assert entries.count() == len(demo.ENTRIES) >= 25
        assert entries.filter(key_event=True).count() == 3
        assert entries.filter(pinned=True).count() == 1
        assert all(e.authors.exists() for e in entries)
        doc = soup(client.get(url_of(page)))
        assert len(doc.select(".live-key-events li")) == 3
        assert doc.select_one(".live-pinned .live-entry")
