from xml.etree import ElementTree as ET

import extruct
import pytest

from nashra.news.models import ArticleCorrection, ArticlePage
from nashra.news.tests.helpers import article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db


def _json_ld(client, page):
    html = client.get(url_of(page)).content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]
    return {item["@type"]: item for item in data}, html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_news_article_json_ld(client, lang):
    article = article_with_twin(lang)
    items, _html = _json_ld(client, article)
    data = items["NewsArticle"]
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    assert data["inLanguage"] == lang
    assert len(data["image"]) == 3
    assert all(url.startswith("http://testserver/media/images/") for url in data["image"])
    assert data["datePublished"].startswith(article.first_published_at.date().isoformat())
    assert data["dateModified"]
    assert data["author"][0]["@type"] == "Person" and data["author"][0]["url"].startswith("http://")
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["logo"]["url"].endswith(".png")
    assert publisher["publishingPrinciples"].endswith(f"/{lang}/about/")
    assert publisher["correctionsPolicy"].endswith(f"/{lang}/corrections/")
    assert publisher["ethicsPolicy"].endswith(f"/{lang}/comment-policy/")
    assert data["articleSection"] == article.section.title
    assert data["keywords"] == [t.name for t in article.tags.all()]
    crumbs = items["BreadcrumbList"]["itemListElement"]
    assert crumbs[0]["item"] == f"http://testserver/{lang}/" and crumbs[-1]["name"] == article.title


def test_corrections_are_in_the_structured_data(client):
    correction = ArticleCorrection.objects.first()
    items, _ = _json_ld(client, correction.article)
    assert items["NewsArticle"]["correction"][0]["text"] == correction.text


def test_canonical_hreflang_and_social_cards(client):
    article = article_with_twin("en")
    twin = article.get_translations().get()
    doc = soup(client.get(url_of(article)))
    assert doc.select_one('link[rel="canonical"]')["href"] == f"http://testserver{url_of(article)}"
    hreflang = {link["hreflang"]: link["href"] for link in doc.select("link[hreflang]")}
    assert hreflang == {
        "en": f"http://testserver{url_of(article)}",
        "ar": f"http://testserver{url_of(twin)}",
        "x-default": f"http://testserver{url_of(article)}",  # the English twin
    }
    og = {m["property"]: m["content"] for m in doc.select("meta[property]")}
    assert og["og:type"] == "article" and og["og:title"] == article.title
    assert og["og:image"].startswith("http://testserver/media/")
    assert doc.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_json_ld_cannot_break_out_of_its_script(client):
    article = article_with_twin("en")
    article.title = "Tricky </script><script>alert(1)</script>"
    article.save_revision().publish()
    html = client.get(url_of(article)).content.decode()
    assert "</script><script>alert(1)" not in html


def _xml(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}


def test_robots_lists_the_sitemap_index(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body and "Disallow: /admin/" in body
    index = _xml(client, "/sitemap.xml")
    locs = [link.text for link in index.findall("s:sitemap/s:loc", NS)]
    assert locs == [
        "http://testserver/sitemap-en.xml",
        "http://testserver/sitemap-ar.xml",
        "http://testserver/sitemap-news.xml",
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_language_sitemaps_are_complete_with_alternates(client, lang):
    root = _xml(client, f"/sitemap-{lang}.xml")
    locs = {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}
    for article in ArticlePage.objects.live().filter(locale__language_code=lang):
        assert f"http://testserver{url_of(article)}" in locs
    twin = article_with_twin(lang)
    entry = locs[f"http://testserver{url_of(twin)}"]
    links = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    english = twin if lang == "en" else twin.get_translations().get()
    assert links.keys() == {"en", "ar", "x-default"}
    assert links["x-default"] == f"http://testserver{url_of(english)}"  # as on the page
    front = locs[f"http://testserver/{lang}/"]
    assert {link.get("hreflang"): link.get("href") for link in front.findall("x:link", NS)}[
        "x-default"
    ] == "http://testserver/"
    assert client.get("/sitemap-fr.xml").status_code == 404


def test_news_sitemap_has_only_the_last_two_days(client):
    from datetime import timedelta

    from django.utils import timezone

    recent = ArticlePage.objects.live().first()
    ArticlePage.objects.filter(pk=recent.pk).update(
        first_published_at=timezone.now() - timedelta(hours=3)
    )
    old = ArticlePage.objects.live().exclude(pk=recent.pk).first()
    ArticlePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=5)
    )
    root = _xml(client, "/sitemap-news.xml")
    locs = [u.find("s:loc", NS).text for u in root.findall("s:url", NS)]
    assert f"http://testserver{url_of(recent)}" in locs
    assert f"http://testserver{url_of(old)}" not in locs
    assert root.find("s:url/n:news/n:publication/n:language", NS).text in ("en", "ar")


def test_json_ld_images_are_square_four_three_and_sixteen_nine_from_a_big_original(client):
    """Google's three ratios, 1200 wide when the original is big enough, absolute URLs."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    from nashra.images.models import NashraImage, NashraRendition

    buffer = io.BytesIO()
    Image.new("RGB", (3000, 2000), (90, 120, 150)).save(buffer, "JPEG")
    image = NashraImage.objects.create(
        title="big", alt_text="big", file=ImageFile(buffer, name="big.jpg")
    )
    article = article_with_twin("en")
    article.lead_image = image
    article.save_revision().publish()
    items, _html = _json_ld(client, article)
    urls = items["NewsArticle"]["image"]
    sizes = []
    for url in urls:
        name = url.removeprefix("http://testserver/media/")
        rendition = NashraRendition.objects.get(image=image, file=name)
        sizes.append((rendition.width, rendition.height))
    assert sizes == [(1200, 1200), (1200, 900), (1200, 675)]
