import pytest

from nashra.news.models import HomePage, SectionPage

from .helpers import arabic_only_article, article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db


def _switcher(client, url):
    doc = soup(client.get(url))
    links = {a["hreflang"]: a for a in doc.select(".language-switcher a[hreflang]")}
    current = doc.select_one(".language-switcher [aria-current]")
    return links, current


def test_switcher_goes_to_the_translation_twin(client):
    article = article_with_twin("en")
    twin = article.get_translations().live().get(locale__language_code="ar")
    links, current = _switcher(client, url_of(article))
    assert current["lang"] == "en"
    assert links["ar"]["href"] == url_of(twin)
    assert links["ar"]["lang"] == "ar" and links["ar"]["dir"] == "rtl"
    back, current = _switcher(client, url_of(twin))
    assert back["en"]["href"] == url_of(article)
    assert current["lang"] == "ar"


def test_switcher_falls_back_to_the_other_edition_home(client):
    article = arabic_only_article()
    links, _ = _switcher(client, url_of(article))
    assert links["en"]["href"] == url_of(HomePage.objects.get(locale__language_code="en"))
    assert links["en"].get("title")  # says where it goes


def test_switcher_on_sections_and_homes(client):
    section = SectionPage.objects.filter(locale__language_code="ar").first()
    links, _ = _switcher(client, url_of(section))
    assert links["en"]["href"] == url_of(
        section.get_translation(HomePage.objects.get(locale__language_code="en").locale)
    )
    links, _ = _switcher(client, "/en/")
    assert links["ar"]["href"] == "/ar/"


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302 and response["Location"] == "/ar/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert response["Location"] == "/en/"
