"""What an uncached render takes from the cache (the route, the switcher and breadcrumbs, the
byline, corrections and tags, the related articles) is refreshed by the same publishes that
purge the page cache: the next render shows the change, with no cache cleared by hand."""

import json

import pytest
from django.core.cache import cache
from wagtail.models import Locale, PageViewRestriction, Site

from nashra.core import page_cache
from nashra.news.models import ArticleCorrection, ArticlePage, HomePage, SectionPage

from .helpers import arabic_only_article, article_with_twin, section_with, soup, url_of

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
    doc = soup(client.get(url))
    scripts = [json.loads(s.string) for s in doc.select("script[type='application/ld+json']")]
    crumbs = next(s for s in scripts if s["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs][1] == "Harbour and coast"
    assert doc.select_one(".article .kicker").get_text(strip=True).startswith("Harbour and coast")


def test_a_renamed_author_shows_in_the_byline_at_once(client):
    article = article_with_twin("en")
    url = url_of(article)
    client.get(url)
    author = article.article_authors.first().author
    author.title = "Rania Haddad-Nour"
    author.save_revision().publish()
    assert "Rania Haddad-Nour" in soup(client.get(url)).select_one(".byline").get_text()


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
    fresh = article.copy(
        update_attrs={"slug": "render-cache-fresh", "title": "A fresh harbour story"}
    )
    fresh.save_revision().publish()
    related = soup(client.get(url)).select_one(".related")
    assert "A fresh harbour story" in related.get_text()


def test_related_articles_follow_an_edit_and_an_unpublish_of_one_they_show(client):
    articles = section_with(8)
    url = url_of(articles[6])
    shown = {a.get_text() for a in soup(client.get(url)).select(".related h3 a")}
    assert articles[5].title in shown  # cached now, under this page's own path version
    edited = ArticlePage.objects.get(pk=articles[5].pk)
    edited.title = "The harbour story, retold"
    edited.save_revision().publish()
    assert "The harbour story, retold" in soup(client.get(url)).select_one(".related").get_text()
    edited.unpublish()
    shown = {a.get_text() for a in soup(client.get(url)).select(".related h3 a")}
    assert shown == {a.title for a in articles[1:5]}


def test_cached_route_follows_unpublishing_and_a_new_slug(client):
    article = article_with_twin("en")
    old = url_of(article)
    assert client.get(old).status_code == 200
    article.slug = "a-new-address-for-the-story"
    article.save_revision().publish()
    assert client.get(old).status_code == 404
    new = url_of(ArticlePage.objects.get(pk=article.pk))
    assert client.get(new).status_code == 200
    ArticlePage.objects.get(pk=article.pk).unpublish()
    assert client.get(new).status_code == 404


def test_view_restrictions_apply_at_once_to_a_cached_route(client):
    article = article_with_twin("en")
    url = url_of(article)
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=article.section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(url)
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert article.title not in response.content.decode()


def test_a_change_to_the_sites_reroutes(client):
    article = article_with_twin("en")
    url = url_of(article)
    assert client.get(url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "elsewhere.example"
    site.save()
    assert client.get(url).status_code == 404  # no site answers for testserver any more


def test_a_moved_article_is_routed_and_linked_at_its_new_address(client):
    article = article_with_twin("en")
    twin = article.get_translations().live().get()
    old, twin_url = url_of(article), url_of(twin)
    assert client.get(old).status_code == 200 and _switcher(client, twin_url)["en"] == old
    other = (
        SectionPage.objects.live()
        .filter(locale=article.locale)
        .exclude(pk=article.section_id)
        .first()
    )
    article.move(other, pos="last-child")
    new = url_of(ArticlePage.objects.get(pk=article.pk))
    assert new != old and client.get(old).status_code == 301  # Wagtail's automatic redirect
    assert client.get(new).status_code == 200
    assert _switcher(client, twin_url)["en"] == new


def test_front_page_shows_a_newly_published_article_at_once(client):
    article = article_with_twin("en")
    home = url_of(HomePage.objects.get(locale__language_code="en"))
    assert "A fresh front-page story" not in client.get(home).content.decode()
    fresh = article.copy(
        update_attrs={"slug": "front-page-fresh", "title": "A fresh front-page story"}
    )
    fresh.save_revision().publish()
    assert "A fresh front-page story" in client.get(home).content.decode()
    ArticlePage.objects.get(pk=fresh.pk).unpublish()
    assert "A fresh front-page story" not in client.get(home).content.decode()


def test_addresses_that_serve_no_page_are_not_cached(client):
    assert client.get("/en/no-such-section/no-such-story/").status_code == 404
    missing = "route:testserver/en/no-such-section/no-such-story/"
    assert cache.get(page_cache.data_key(missing)) is None
    article = article_with_twin("en")
    client.get(url_of(article))
    assert cache.get(page_cache.data_key(f"route:testserver{url_of(article)}")) is not None


def test_a_preview_shows_the_draft_and_not_the_cached_article(client):
    article = article_with_twin("en")
    client.get(url_of(article))  # the live article's pieces are cached
    draft = article.get_latest_revision_as_object()
    draft.title = "A headline still in draft"
    draft.corrections.add(ArticleCorrection(text="A correction still in draft."))
    html = draft.make_preview_request().content.decode()
    assert "A headline still in draft" in html and "A correction still in draft." in html
    live = client.get(url_of(article)).content.decode()
    assert "A headline still in draft" not in live and "A correction still in draft." not in live
