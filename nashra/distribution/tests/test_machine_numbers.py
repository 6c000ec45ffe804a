"""Numbers written for machines stay plain numbers in the Arabic edition: Django's Arabic
locale writes 649.0 as "649,0", which emptied the admin's reactions chart. The public site
must not do the same in sizes, data attributes, JSON-LD, feeds or sitemaps."""

import json
import re
from xml.etree import ElementTree as ET

import pytest
from django.test import override_settings

from nashra.news.models import ArticlePage, SectionPage
from nashra.news.tests.helpers import soup, url_of

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
NUMERIC_ATTRIBUTES = {"width", "height", "x", "y", "cx", "cy", "r", "maxlength", "tabindex"}


def _numbers_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers_in(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


def _arabic_pages():
    article = (
        ArticlePage.objects.live()
        .filter(locale__language_code="ar")
        .exclude(lead_image=None)
        .first()
    )
    section = max(
        SectionPage.objects.live().filter(locale__language_code="ar"),
        key=lambda s: ArticlePage.objects.published().in_section(s).count(),
    )
    return ["/ar/", url_of(article), url_of(section), url_of(section) + "?page=2"]


@override_settings(NASHRA_ARTICLES_PER_PAGE=1)
def test_arabic_pages_write_sizes_and_ids_as_plain_numbers(client):
    for address in _arabic_pages():
        response = client.get(address)
        assert response.status_code == 200, address
        doc = soup(response)
        for element in doc.find_all(True):
            for name, value in element.attrs.items():
                if name in NUMERIC_ATTRIBUTES or (
                    name.startswith("data-") and name.endswith("-id")
                ):
                    assert NUMBER.fullmatch(value), (address, element.name, name, value)
                if name in ("srcset", "sizes"):
                    assert not re.search(r"[0-9],[0-9]", value), (address, name, value)
        for script in doc.select('script[type="application/ld+json"]'):
            data = json.loads(script.string)  # valid JSON, numbers as JSON numbers
            assert all(isinstance(n, (int, float)) for n in _numbers_in(data))


def test_arabic_feeds_and_sitemaps_write_plain_numbers(client):
    rss = ET.fromstring(client.get("/ar/feeds/rss/").content)
    lengths = [e.get("length") for e in rss.iter("enclosure")]
    assert lengths and all(re.fullmatch(r"[0-9]+", n) for n in lengths)
    feed = json.loads(client.get("/ar/feeds/json/").content)
    assert feed["items"] and all(isinstance(n, (int, float)) for n in _numbers_in(feed))
    sitemap = ET.fromstring(client.get("/sitemap-ar.xml").content)
    dates = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod")]
    assert dates and all(
        re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(\+00:00|Z)", d) for d in dates
    )
