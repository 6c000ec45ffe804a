import pytest
from django.test import override_settings

from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage

from .helpers import soup, url_of

pytestmark = pytest.mark.django_db


def _titles(doc, selector=".card__headline a"):
    return [a.get_text() for a in doc.select(selector)]


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_home_page_leads_with_the_latest_story_then_rails_per_section(client, lang, direction):
    home = HomePage.objects.get(locale__language_code=lang)
    doc = soup(client.get(url_of(home)))
    assert doc.html["lang"] == lang and doc.html["dir"] == direction
    articles = list(ArticlePage.objects.published().descendant_of(home))
    lead = doc.select_one(".front-top__lead h2 a").get_text()
    assert lead == articles[0].title
    top = _titles(doc, ".front-top__list .card__headline a")
    assert top == [a.title for a in articles[1 : 1 + len(top)]]
    rails = doc.select("section.rail")
    assert len(rails) >= 4
    for rail in rails:
        section = SectionPage.objects.get(pk=rail["aria-labelledby"].split("-")[1])
        rail_titles = _titles(rail)
        in_section = [a.title for a in articles if a.section_id == section.pk]
        assert rail_titles == [t for t in in_section if t in rail_titles], "rail out of order"


def test_pinned_lead_story_leads(client):
    home = HomePage.objects.get(locale__language_code="en")
    oldest = ArticlePage.objects.published().descendant_of(home).last()
    home.lead_article = oldest
    home.save_revision().publish()
    doc = soup(client.get(url_of(home)))
    assert doc.select_one(".front-top__lead h2 a").get_text() == oldest.title


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_section_lists_its_articles_newest_first(client, lang):
    section = SectionPage.objects.filter(locale__language_code=lang).first()
    doc = soup(client.get(url_of(section)))
    assert doc.select_one("h1").get_text() == section.title
    expected = list(
        ArticlePage.objects.published().filter(section=section).values_list("title", flat=True)
    )
    assert _titles(doc) == expected[: len(_titles(doc))]
    assert doc.select_one('nav[aria-label] a[aria-current="page"]').get_text() == section.title


@override_settings(NASHRA_ARTICLES_PER_PAGE=2)
def test_section_is_paginated_and_handles_bad_page_numbers(client):
    section = max(
        SectionPage.objects.filter(locale__language_code="en"),
        key=lambda s: ArticlePage.objects.live().filter(section=s).count(),
    )
    url = url_of(section)
    first = soup(client.get(url))
    assert len(first.select(".article-list > li")) == 2
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    second = soup(client.get(url + "?page=2"))
    assert _titles(second) and set(_titles(second)).isdisjoint(_titles(first))
    assert _titles(soup(client.get(url + "?page=abc"))) == _titles(first)
    assert _titles(soup(client.get(url + "?page=02"))) == _titles(first)  # not canonical
    assert client.get(url + "?page=999").status_code == 404


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_author_pages_list_their_articles(client, lang):
    author = next(
        a for a in AuthorPage.objects.live().filter(locale__language_code=lang)
        if a.bylines.exists()
    )
    doc = soup(client.get(url_of(author)))
    assert doc.select_one("h1").get_text() == author.title
    assert author.role in doc.get_text()
    titles = _titles(doc)
    expected = ArticlePage.objects.published().by_author(author).values_list("title", flat=True)
    assert titles == list(expected)[: len(titles)] and titles


def test_author_index_lists_every_author_in_its_language(client):
    index = AuthorPage.objects.live().filter(locale__language_code="ar").first().get_parent()
    doc = soup(client.get(url_of(index)))
    names = set(_titles(doc, ".author-card__name a"))
    assert names == set(
        AuthorPage.objects.live().filter(locale__language_code="ar").values_list("title", flat=True)
    )


def test_unknown_tag_is_404(client):
    assert client.get("/en/tags/no-such-tag/").status_code == 404


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_standard_pages_render_in_both_languages(client, lang, direction):
    from nashra.news.models import StandardPage

    about = StandardPage.objects.live().get(locale__language_code=lang, slug="about")
    doc = soup(client.get(url_of(about)))
    assert doc.html["dir"] == direction
    assert doc.select_one("h1").get_text() == about.title
    assert doc.select(".article__body p")
    twin = about.get_translations().get()
    assert doc.select_one(f'.language-switcher a[hreflang="{twin.locale.language_code}"]')["href"] == url_of(twin)


def test_author_index_in_english(client):
    index = AuthorPage.objects.live().filter(locale__language_code="en").first().get_parent()
    doc = soup(client.get(url_of(index)))
    assert doc.html["lang"] == "en"
    assert all(img["alt"] == "" for img in doc.select(".author-card img"))  # decorative: name follows
    assert len(doc.select(".author-card")) == AuthorPage.objects.live().filter(
        locale__language_code="en"
    ).count()
