"""The article page's share links: plain addresses of each service's share page, carrying the
article's canonical address and title correctly encoded, and nothing loaded from elsewhere."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from .helpers import article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db

TITLE = {"en": "Port & city: the #1 question", "ar": "الميناء & المدينة: السؤال #1 للبلدية"}
NAMES = {
    "en": {
        "email": "Share by E-mail",
        "whatsapp": "Share on WhatsApp",
        "x": "Share on X",
        "facebook": "Share on Facebook",
        "telegram": "Share on Telegram",
        "linkedin": "Share on LinkedIn",
    },
    "ar": {
        "email": "شارك عبر البريد الإلكتروني",
        "whatsapp": "شارك على واتساب",
        "x": "شارك على إكس",
        "facebook": "شارك على فيسبوك",
        "telegram": "شارك على تيليغرام",
        "linkedin": "شارك على لينكدإن",
    },
}


def _article(lang):
    article = article_with_twin(lang)
    article.title = TITLE[lang]
    article.save_revision().publish()
    return article


def _links(doc):
    box = doc.select_one("section.share")
    assert box is not None
    return {a["class"][1].removeprefix("share__link--"): a for a in box.select("a.share__link")}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_share_links_carry_the_canonical_address_and_title_encoded(client, lang):
    article = _article(lang)
    doc = soup(client.get(url_of(article)))
    canonical = doc.select_one('link[rel="canonical"]')["href"]
    title = TITLE[lang]
    links = _links(doc)
    assert list(links) == ["email", "whatsapp", "x", "facebook", "telegram", "linkedin"]

    def query(service):
        href = links[service]["href"]
        assert " " not in href and "#" not in href and "&amp;" not in href
        return urlsplit(href), parse_qs(urlsplit(href).query, strict_parsing=True)

    (mail, q) = query("email")
    assert mail.scheme == "mailto" and q == {"subject": [title], "body": [f"{title} {canonical}"]}
    assert "+" not in links["email"]["href"]  # mail programs show "+" literally
    (wa, q) = query("whatsapp")
    assert (wa.netloc, wa.path) == ("wa.me", "/") and q == {"text": [f"{title} {canonical}"]}
    (x, q) = query("x")
    assert (x.netloc, x.path) == ("x.com", "/intent/post")
    assert q == {"url": [canonical], "text": [title]}
    (fb, q) = query("facebook")
    assert (fb.netloc, fb.path) == ("www.facebook.com", "/sharer/sharer.php")
    assert q == {"u": [canonical]}
    (tg, q) = query("telegram")
    assert (tg.netloc, tg.path) == ("t.me", "/share/url")
    assert q == {"url": [canonical], "text": [title]}
    (li, q) = query("linkedin")
    assert li.netloc == "www.linkedin.com" and q == {"url": [canonical]}

    for service, a in links.items():
        assert a["rel"] == ["noopener", "noreferrer"] and not a.get("target")
        # The accessible name says what the link does; the shown part is the service's name.
        assert a.get_text(" ", strip=True) == NAMES[lang][service]
        shown = "".join(a.find_all(string=True, recursive=False)).strip()
        assert shown and shown in NAMES[lang][service] and not a.get("aria-label")
    copy = doc.select_one("[data-share-copy]")
    assert copy["data-share-copy"] == canonical and copy.find_parent("li").has_attr("hidden")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_share_block_loads_nothing_from_elsewhere(client, lang):
    article = _article(lang)
    doc = soup(client.get(url_of(article)))
    box = doc.select_one("section.share")
    assert box.find("script") is None or box.find("script")["src"].startswith("/static/")
    assert not box.select("img, iframe, link, style, [style]")
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src")):
        for node in doc.find_all(tag):
            address = node.get(attr) or ""
            if tag == "link" and node.get("rel") in (["canonical"], ["alternate"]):
                continue  # addresses of our own pages, not loaded
            assert not urlsplit(address).netloc or urlsplit(address).netloc == "testserver", node
    assert doc.find("script", src="/static/js/share.js") is not None


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_share_block_is_the_same_for_every_reader_and_sits_before_the_comments(client, lang):
    from django.test import Client

    article = _article(lang)
    first = soup(client.get(url_of(article))).select_one("section.share")
    other = Client()
    other.cookies["nashra_reader"] = "another-reader"
    second = soup(other.get(url_of(article))).select_one("section.share")
    assert str(first) == str(second)
    with translation.override(lang):
        doc = soup(client.get(url_of(article)))
    share, comments = doc.select_one("section.share"), doc.select_one("#comments")
    body = doc.select_one(".article__body")
    assert body.sourceline < share.sourceline < comments.sourceline
    assert share.select_one("h2").get_text(strip=True) == (
        "Share this article" if lang == "en" else "شارك هذا المقال"
    )
