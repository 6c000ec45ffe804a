"""The public corrections log of each edition (nashra.news.corrections_log) and its feeds."""

from datetime import date, timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nashra.news.models import ArticleCorrection, ArticlePage, CorrectionType
from nashra.news.tests.helpers import article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db


def add_correction(article, text, kind=CorrectionType.CORRECTION, day=None):
    """As an editor does: a correction added in the article's edit view, then published."""
    page = ArticlePage.objects.get(pk=article.pk)
    page.corrections.add(ArticleCorrection(text=text, kind=kind, date=day or timezone.localdate()))
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def _log(client, lang="en", query=""):
    return client.get(f"/{lang}/corrections/" + (f"?{query}" if query else ""))


def _entries(response):
    doc = soup(response)
    return [
        (li.h2.get_text(strip=True), li.select_one(".corrections-log__text").get_text(strip=True))
        for li in doc.select("ol.corrections-log > li")
    ]


def test_the_log_lists_every_correction_newest_first_across_articles(client):
    articles = list(ArticlePage.objects.live().filter(locale__language_code="en")[:2])
    today = timezone.localdate()
    add_correction(articles[0], "Older: the bridge opened in 1998.", day=today - timedelta(days=3))
    add_correction(
        articles[1], "Newer: the mayor spoke on Tuesday.", CorrectionType.CLARIFICATION, today
    )
    response = _log(client)
    assert response.status_code == 200
    entries = _entries(response)
    texts = [text for _headline, text in entries]
    assert texts.index("Newer: the mayor spoke on Tuesday.") < texts.index(
        "Older: the bridge opened in 1998."
    )
    assert (articles[1].title, "Newer: the mayor spoke on Tuesday.") in entries
    # Dates never increase down the list.
    dates = [date.fromisoformat(t["datetime"]) for t in soup(response).select("ol time")]
    assert dates == sorted(dates, reverse=True)
    doc = soup(response)
    item = next(li for li in doc.select("ol.corrections-log > li") if "mayor" in li.get_text())
    assert item.h2.a["href"] == url_of(articles[1])
    assert item.select_one(".badge").get_text(strip=True) == "Clarification"
    # Every correction of a published English article, and none of the Arabic edition's.
    published = ArticlePage.objects.published().filter(locale__language_code="en")
    assert len(entries) == ArticleCorrection.objects.filter(article__in=published).count()


def test_unpublished_articles_leave_the_log(client):
    article = add_correction(article_with_twin("en"), "Gone with its article.")
    assert "Gone with its article." in _log(client).content.decode()
    article.unpublish()
    assert "Gone with its article." not in _log(client).content.decode()


def test_the_log_is_paginated_like_the_listings(client, settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    article = article_with_twin("en")
    for i in range(5):
        add_correction(article, f"Paged correction {i}")
    total = ArticleCorrection.objects.filter(
        article__in=ArticlePage.objects.published().filter(locale__language_code="en")
    ).count()
    seen = []
    pages = -(-total // 2)
    for number in range(1, pages + 1):
        response = _log(client, query=f"page={number}")
        assert response.status_code == 200
        seen += _entries(response)
        canonical = soup(response).select_one('link[rel="canonical"]')["href"]
        expected = "http://testserver/en/corrections/" + (f"?page={number}" if number > 1 else "")
        assert canonical == expected
    assert len(seen) == total and seen[0][1] == "Paged correction 4"
    assert _log(client, query=f"page={pages + 1}").status_code == 404
    # Only canonical numbers select a page.
    assert _entries(_log(client, query="page=02")) == _entries(_log(client))


@pytest.mark.parametrize(
    "lang,title,direction", [("en", "Corrections and clarifications", "ltr"), ("ar", None, "rtl")]
)
def test_both_editions_have_a_log_with_their_language_and_direction(client, lang, title, direction):
    add_correction(article_with_twin(lang), f"A {lang} correction in the log.")
    response = _log(client, lang)
    doc = soup(response)
    assert doc.html["lang"] == lang and doc.html["dir"] == direction
    headings = [h.name for h in doc.select("main h1, main h2")]
    assert headings[0] == "h1" and set(headings[1:]) == {"h2"}
    if title:
        assert doc.h1.get_text(strip=True) == title
    else:
        assert doc.h1.get_text(strip=True) != "Corrections and clarifications"
    assert f"A {lang} correction in the log." in response.content.decode()
    hreflang = {link["hreflang"] for link in doc.select("link[hreflang]")}
    assert hreflang == {"en", "ar", "x-default"}
    # It links to the edition's corrections policy, and the policy links back to it.
    policy = doc.select_one(".corrections-log__links a")["href"]
    assert policy == f"/{lang}/corrections-policy/"
    back = soup(client.get(policy)).select(f'main a[href="/{lang}/corrections/"]')
    assert back


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_feeds_list_the_corrections(client, lang):
    article = add_correction(article_with_twin(lang), f"Feed correction ({lang}).")
    for kind in ("rss", "atom"):
        response = client.get(f"/{lang}/feeds/corrections/{kind}/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.feed.link.endswith(f"/{lang}/corrections/")
        first = feed.entries[0]
        assert first.summary == f"Feed correction ({lang})."
        assert article.title in first.title
        assert first.link.startswith(f"http://testserver{url_of(article)}")
    log = soup(_log(client, lang))
    feeds = [(link["type"], link["href"]) for link in log.select('link[rel="alternate"][type]')]
    assert ("application/rss+xml", f"/{lang}/feeds/corrections/rss/") in feeds
    assert ("application/atom+xml", f"/{lang}/feeds/corrections/atom/") in feeds


def test_a_corrected_article_links_to_the_log_and_carries_the_correction(client):
    from nashra.distribution.tests.test_metadata import _json_ld

    article = article_with_twin("en")
    week_ago = timezone.now() - timedelta(days=7)
    ArticlePage.objects.filter(pk=article.pk).update(updated_at=week_ago)
    article = ArticlePage.objects.get(pk=article.pk)
    before, _html = _json_ld(client, article)
    assert before["NewsArticle"]["dateModified"][:10] != timezone.localdate().isoformat()
    article = add_correction(article, "The harbour is 40 m deep, not 400 m.")
    items, html = _json_ld(client, article)
    data = items["NewsArticle"]
    assert data["dateModified"][:10] == timezone.localdate().isoformat()
    assert {
        "@type": "CorrectionComment",
        "text": "The harbour is 40 m deep, not 400 m.",
        "datePublished": timezone.localdate().isoformat(),
        "name": "Correction",
    } in data["correction"]
    doc = soup(client.get(url_of(article)))
    assert doc.select_one(".corrections .corrections__log a")["href"] == "/en/corrections/"


def test_the_log_renders_in_a_fixed_number_of_queries(client, settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 30
    articles = list(ArticlePage.objects.live().filter(locale__language_code="en")[:6])

    def queries():
        client.get("/en/corrections/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/corrections/").status_code == 200
        return len(ctx.captured_queries)

    add_correction(articles[0], "One correction.")
    few = queries()
    for i, article in enumerate(articles):
        add_correction(article, f"Budget correction {i}")
    assert queries() == few
    assert few <= 8, few
