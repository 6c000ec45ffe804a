"""What an uncached render takes from the cache (the switcher and breadcrumbs, the
byline, corrections and tags, the related articles) is refreshed by the same publishes that
purge the page cache: the next render shows the change, with no cache cleared by hand."""

import json

import pytest
from wagtail.models import Locale

from nashra.news.models import ArticleCorrection, ArticlePage, HomePage, SectionPage

from .helpers import arabic_only_article, article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db


def _switcher(client, url):
    doc = soup(client.get(url))
    return {a["hreflang"]: a["href"] for a in doc.select(".language-switcher a[hreflang]")}


def _hreflang(client, url):
    doc = soup(client.get(url))
    return {link["hreflang"]: link["href"] for link in doc.select("link[rel=alternate][hreflang]")}


def test_switcher_and_hreflang_show_a_newly_published_twin_at_once(client):
    article = arabic_only_article()
    url = url_of(article)
    english_home = url_of(HomePage.objects.get(locale__language_code="en"))
    assert _switcher(client, url)["en"] == english_home  # warms the cached links
    assert "en" not in _hreflang(client, url)
    twin = article.copy_for_translation(Locale.objects.get(language_code="en"))
    twin = ArticlePage.objects.get(pk=twin.pk).get_latest_revision_as_object()
    twin.save_revision().publish()
    assert _switcher(client, url)["en"] == url_of(twin)
    assert _hreflang(client, url)["en"].endswith(url_of(twin))
    ArticlePage.objects.get(pk=twin.pk).unpublish()
    assert _switcher(client, url)["en"] == english_home


def test_switcher_follows_a_twin_section_unpublished_in_the_other_edition(client):
    section = SectionPage.objects.live().filter(locale__language_code="ar").first()
    twin = section.get_translation(Locale.objects.get(language_code="en"))
    url = url_of(section)
    assert _switcher(client, url)["en"] == url_of(twin)
    twin.unpublish()  # purges the English edition only
    assert _switcher(client, url)["en"] == url_of(HomePage.objects.get(locale__language_code="en"))


def test_breadcrumbs_follow_a_renamed_section(client):
    article = article_with_twin("en")
    url = url_of(article)
    client.get(url)
    section = article.section
    section.title = "Harbour and coast"
    section.save_revision().publish()
    scripts = [json.loads(s.string) for s in soup(client.get(url)).select("script[type='application/ld+json']")]
    crumbs = next(s for s in scripts if s["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs][1] == "Harbour and coast"


def test_a_published_correction_and_byline_show_at_once(client):
    article = article_with_twin("en")
    url = url_of(article)
    client.get(url)
    draft = article.get_latest_revision_as_object()
    draft.corrections.add(ArticleCorrection(text="The ferry left at nine, not ten."))
    draft.save_revision().publish()
    doc = soup(client.get(url))
    assert "The ferry left at nine, not ten." in doc.select_one(".corrections").get_text()


def test_related_articles_show_a_new_article_in_the_section_at_once(client):
    article = article_with_twin("en")
    url = url_of(article)
    client.get(url)
    fresh = article.copy(update_attrs={"slug": "render-cache-fresh", "title": "A fresh harbour story"})
    fresh.save_revision().publish()
    related = soup(client.get(url)).select_one(".related")
    assert "A fresh harbour story" in related.get_text()
