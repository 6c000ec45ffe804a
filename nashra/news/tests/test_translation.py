import pytest
from wagtail.models import Locale

from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def _english_only_article():
    for article in ArticlePage.objects.live().filter(locale__language_code="en"):
        if not article.get_translations().exists():
            return article
    raise AssertionError("the demo has no English-only article")


def test_translation_credits_the_authors_arabic_pages():
    article = _english_only_article()
    arabic = Locale.objects.get(language_code="ar")
    copy = article.copy_for_translation(arabic)
    draft = ArticlePage.objects.get(pk=copy.pk).get_latest_revision_as_object()
    authors = [b.author for b in draft.article_authors.all()]
    assert authors
    originals = article.article_authors.order_by("sort_order")
    for author, original in zip(authors, originals, strict=False):
        expected = original.author.get_translation_or_none(arabic)
        assert author.pk == (expected.pk if expected else original.author_id)
    assert any(a.locale_id == arabic.pk for a in authors)
    # The twin sits under the Arabic edition of the same section.
    assert copy.get_parent().pk == article.section.get_translation(arabic).pk
