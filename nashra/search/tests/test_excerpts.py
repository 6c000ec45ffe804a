import html

import pytest

from nashra.news.models import ArticlePage
from nashra.search.excerpts import excerpt, passages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ar"])
def test_passages_are_the_article_plain_text_read_from_the_stored_body(language):
    articles = ArticlePage.objects.filter(locale__language_code=language)
    assert articles
    for article in articles:
        assert passages(article) == [html.unescape(p) for p in article.plain_text_parts()]


def test_passages_cover_every_block_type_and_decode_entities():
    article = ArticlePage.objects.filter(locale__language_code="ar").first()
    article.body = [
        ("paragraph", '<p>الميناء &amp; <b>البلدية</b> <a href="/x">هنا</a></p>'),
        ("subheading", "عنوان فرعي"),
        ("quote", {"text": "قال الوزير", "attribution": "الوزير"}),
        ("fact_box", {"title": "حقائق", "items": ["أولى", "ثانية"]}),
        ("embed", {"url": "https://example.org/", "title": "رابط", "description": "وصف"}),
    ]
    article.save()
    article = ArticlePage.objects.get(pk=article.pk)
    assert passages(article)[2:] == [
        "الميناء & البلدية هنا",
        "عنوان فرعي",
        "قال الوزير",
        "الوزير",
        "حقائق",
        "أولى",
        "ثانية",
        "رابط",
        "وصف",
    ]
    assert [html.unescape(p) for p in article.plain_text_parts()] == passages(article)
    shown = excerpt(passages(article), {"ميناء"})
    assert "<mark>الميناء</mark> &amp; البلدية" in shown
