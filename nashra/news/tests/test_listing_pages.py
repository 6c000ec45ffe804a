import pytest
from django.test import override_settings

from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage

from .helpers import soup, url_of

pytestmark = pytest.mark.django_db


def _titles(doc, selector=".card__headline a"):
    return [a.get_text() for a in doc.select(selector)]


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_home_page_leads_with_the_latest_story_then_rails_per_section(client, lang, direction):
    # The automatic front: the one of an edition whose layout is empty (the demo's is not).
    home = HomePage.objects.get(locale__language_code=lang)
    home.layout = []
    home.save_revision().publish()
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
        a
        for a in AuthorPage.objects.live().filter(locale__language_code=lang)
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
    assert doc.select_one(f'.language-switcher a[hreflang="{twin.locale.language_code}"]')[
        "href"
    ] == url_of(twin)


def test_author_index_in_english(client):
    index = AuthorPage.objects.live().filter(locale__language_code="en").first().get_parent()
    doc = soup(client.get(url_of(index)))
    assert doc.html["lang"] == "en"
    assert all(
        img["alt"] == "" for img in doc.select(".author-card img")
    )  # decorative: name follows
    assert (
        len(doc.select(".author-card"))
        == AuthorPage.objects.live().filter(locale__language_code="en").count()
    )


def _page_of(doc):
    return doc.select_one('.pagination [aria-current="page"]').get_text()


def _counts(queries):
    """The listing's own counts (Django's `.count()`), not the cards' comment tallies."""
    return [q["sql"] for q in queries if '"__count" FROM "news_articlepage"' in q["sql"]]


@override_settings(NASHRA_ARTICLES_PER_PAGE=2)
def test_a_section_is_counted_once_per_change_not_once_per_page(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from .helpers import section_with

    articles = section_with(5)
    section = articles[0].section
    url = url_of(section)
    with CaptureQueriesContext(connection) as first:
        assert _page_of(soup(client.get(url))) == "Page 1 of 3"
    with CaptureQueriesContext(connection) as second:
        assert _page_of(soup(client.get(url + "?page=2"))) == "Page 2 of 3"
    assert len(_counts(first.captured_queries)) == 1 and _counts(second.captured_queries) == []

    copy = articles[-1].copy(update_attrs={"slug": "one-more", "title": "One more harbour story"})
    copy.save_revision().publish()
    assert _page_of(soup(client.get(url + "?page=2"))) == "Page 2 of 3"
    articles[-1].copy(
        update_attrs={"slug": "and-one-more", "title": "And one more"}
    ).save_revision().publish()
    assert _page_of(soup(client.get(url + "?page=2"))) == "Page 2 of 4"  # 7 articles
    # Made private, an article leaves the listing: its edition is purged, the count follows.
    PageViewRestriction.objects.create(
        page=copy, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert _page_of(soup(client.get(url + "?page=2"))) == "Page 2 of 3"
    ArticlePage.objects.get(pk=copy.pk).unpublish()
    PageViewRestriction.objects.filter(page=copy).delete()
    assert _page_of(soup(client.get(url + "?page=2"))) == "Page 2 of 3"


@override_settings(NASHRA_ARTICLES_PER_PAGE=1)
def test_an_author_is_recounted_when_a_byline_is_added_or_removed(client):
    from nashra.news.models import ArticleAuthor

    author = next(
        a
        for a in AuthorPage.objects.live().filter(locale__language_code="en")
        if a.bylines.exists()
    )
    url = url_of(author)
    written = ArticlePage.objects.published().by_author(author).count()
    assert written >= 1 and _page_of(soup(client.get(url))) == f"Page 1 of {written}"
    other = (
        ArticlePage.objects.published()
        .filter(locale=author.locale)
        .exclude(pk__in=ArticlePage.objects.by_author(author))
        .first()
    )
    other.article_authors.add(ArticleAuthor(author=author))
    other.save_revision().publish()
    assert _page_of(soup(client.get(url))) == f"Page 1 of {written + 1}"
    other = ArticlePage.objects.get(pk=other.pk)
    other.article_authors.set([a for a in other.article_authors.all() if a.author_id != author.pk])
    other.save_revision().publish()
    assert _page_of(soup(client.get(url))) == f"Page 1 of {written}"
