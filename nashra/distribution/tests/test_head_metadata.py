"""Every public page type has a meta description in its own language; a page with a twin
names the twin's language for Open Graph (og:locale:alternate) and gives search engines an
x-default beside its hreflang links."""

import json

import pytest
from django.utils.encoding import iri_to_uri
from taggit.models import Tag

from nashra.engagement.models import CommentPolicyPage
from nashra.news.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    SectionPage,
    StandardPage,
)
from nashra.news.tests.helpers import arabic_only_article, article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
ARABIC_LETTER = range(0x0600, 0x0700)


def _head(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return soup(response)


def _description(doc):
    tags = doc.select('meta[name="description"]')
    assert len(tags) == 1
    text = tags[0]["content"]
    assert 20 <= len(text) <= 160 and "<" not in text
    return text


def _in_language(text, lang):
    """Arabic: more Arabic letters than Latin ones (a Latin name may appear); English: none."""
    arabic = sum(ord(c) in ARABIC_LETTER for c in text if c.isalpha())
    latin = sum(c.isascii() for c in text if c.isalpha())
    return arabic > latin if lang == "ar" else arabic == 0


def _home(lang):
    return HomePage.objects.live().get(locale__language_code=lang)


def _first(model, lang):
    return model.objects.live().filter(locale__language_code=lang).first()


def _tag_url(lang):
    article = ArticlePage.objects.live().filter(locale__language_code=lang, tags__isnull=False)[0]
    return iri_to_uri(url_of(_home(lang)) + f"tags/{article.tags.first().slug}/")


def _page_urls(lang):
    home = url_of(_home(lang))
    return {
        "front": home,
        "section": url_of(_first(SectionPage, lang)),
        "article": url_of(article_with_twin(lang)),
        "tag": _tag_url(lang),
        "author index": url_of(_first(AuthorIndexPage, lang)),
        "author": url_of(_first(AuthorPage, lang)),
        "standard page": url_of(_first(StandardPage, lang)),
        "comment policy": url_of(_first(CommentPolicyPage, lang)),
        "corrections log": home + "corrections/",
        "search": f"/{lang}/search/?q=port",
        "comment privacy form": f"/{lang}/engagement/privacy/",
    }


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_type_has_a_description_in_its_language(client, lang):
    descriptions = {}
    for kind, url in _page_urls(lang).items():
        text = _description(_head(client, url))
        assert _in_language(text, lang), (kind, text)
        descriptions[kind] = text
    text = _description(_head(client, f"/{lang}/no-such-page/", status=404))
    assert _in_language(text, lang), text
    # Each says what its page is, not one sentence for the whole site.
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_descriptions_come_from_what_the_page_says_of_itself(client):
    section = _first(SectionPage, "en")
    section.search_description = ""
    section.intro = "Budgets, <b>ports</b> and   prices."
    section.save_revision().publish()
    assert _description(_head(client, url_of(section))) == "Budgets, ports and prices."

    author = AuthorPage.objects.live().filter(locale__language_code="en", role__gt="").first()
    author.search_description = author.bio = ""
    author.save_revision().publish()
    assert _description(_head(client, url_of(author))) == (
        f"{author.title}, {author.role}: articles in Nashra."
    )

    home = _home("en")
    home.search_description, home.tagline = "", "Independent news from the coast, every day."
    home.save_revision().publish()
    assert _description(_head(client, url_of(home))) == home.tagline

    article = article_with_twin("en")
    article.search_description = ""
    article.standfirst = "A long standfirst. " * 20
    article.save_revision().publish()
    text = _description(_head(client, url_of(article)))
    assert text.startswith("A long standfirst. A long") and text.endswith("…")


def test_a_search_description_set_by_the_editors_wins(client):
    page = _first(StandardPage, "ar")
    page.search_description = "وصف كتبه المحررون لمحركات البحث عن هذه الصفحة."
    page.save_revision().publish()
    assert _description(_head(client, url_of(page))) == page.search_description


def test_a_tag_page_description_names_the_tag(client):
    url = _tag_url("en")
    slug = url.rstrip("/").rsplit("/", 1)[1]
    assert Tag.objects.get(slug=slug).name in _description(_head(client, url))


def _alternates(doc):
    return {link["hreflang"]: link["href"] for link in doc.select("link[hreflang]")}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_article_with_a_twin_names_both_languages_and_the_english_as_x_default(client, lang):
    article = article_with_twin(lang)
    twin = article.get_translations().get()
    doc = _head(client, url_of(article))
    english = article if lang == "en" else twin
    assert _alternates(doc)["x-default"] == BASE + url_of(english)
    og = {m["property"]: m["content"] for m in doc.select("meta[property^='og:locale']")}
    assert og == {
        "og:locale": "ar_AR" if lang == "ar" else "en_GB",
        "og:locale:alternate": "en_GB" if lang == "ar" else "ar_AR",
    }


def test_an_article_without_a_twin_has_no_alternate_locale(client):
    article = arabic_only_article()
    doc = _head(client, url_of(article))
    assert _alternates(doc) == {"ar": BASE + url_of(article), "x-default": BASE + url_of(article)}
    assert not doc.select('meta[property="og:locale:alternate"]')


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_fronts_send_unmatched_languages_to_the_negotiating_root(client, lang):
    doc = _head(client, url_of(_home(lang)))
    assert _alternates(doc) == {"en": f"{BASE}/en/", "ar": f"{BASE}/ar/", "x-default": f"{BASE}/"}
    # The root does negotiate: it sends a browser to the edition it asks for.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 302 and response["Location"] == f"/{lang}/"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_corrections_log_has_x_default_and_the_alternate_locale(client, lang):
    doc = _head(client, f"/{lang}/corrections/")
    assert _alternates(doc) == {
        "en": f"{BASE}/en/corrections/",
        "ar": f"{BASE}/ar/corrections/",
        "x-default": f"{BASE}/en/corrections/",
    }
    other = "en_GB" if lang == "ar" else "ar_AR"
    assert doc.select_one('meta[property="og:locale:alternate"]')["content"] == other


def test_a_description_from_rich_text_is_escaped_once(client):
    page = _first(StandardPage, "en")
    page.search_description, page.intro = "", ""
    page.body = json.dumps(
        [{"type": "paragraph", "value": "<p>Questions &amp; answers <b>about</b> us</p>"}]
    )
    page.save_revision().publish()
    html = client.get(url_of(page)).content.decode()
    assert _description(_head(client, url_of(page))) == "Questions & answers about us"
    assert "&amp;amp;" not in html
