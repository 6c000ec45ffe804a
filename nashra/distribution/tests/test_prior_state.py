"""One record of a page's state before a save, for page models only."""

import pytest
from django.db.models.signals import pre_save
from wagtail.models import get_page_models

from nashra.distribution import prior_state
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage
from nashra.news.tests.helpers import url_of

pytestmark = pytest.mark.django_db


def _listens(model):
    return prior_state.capture in list(pre_save._live_receivers(model)[0])


def test_only_page_models_are_listened_to():
    assert all(_listens(model) for model in get_page_models())
    assert not _listens(Comment)


def test_a_new_slug_records_the_old_address_and_place():
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    old_url, old_path = url_of(article), article.url_path
    article.slug = "a-new-slug"
    article.save()
    prior = prior_state.of(article)
    assert (prior.url, prior.url_path) == (old_url, old_path)
    assert prior.listings[:2] == (article.section_id, article.first_published_at)
    assert prior.place is None  # same section, same date


def test_a_comment_saved_carries_no_record():
    article = ArticlePage.objects.live().first()
    comment = Comment.objects.create(article=article, name="R", email="r@example.org", body="Hi")
    comment.save()
    assert prior_state.of(comment) is prior_state.UNCHANGED
    assert not hasattr(comment, prior_state.ATTRIBUTE)
