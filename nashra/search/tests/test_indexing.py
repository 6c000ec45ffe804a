"""Publishing an article indexes its current words, working the text out once per save."""

import pytest

from nashra.news.models import ArticlePage
from nashra.news.models import article as article_module

from .test_search import _titles

pytestmark = pytest.mark.django_db


def test_an_edit_is_indexed_and_its_text_worked_out_once_per_save(client, monkeypatch):
    calls = []
    real = article_module.index_text
    monkeypatch.setattr(
        article_module, "index_text", lambda *parts: calls.append(1) or real(*parts)
    )
    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    article.title = "Lighthouse keepers vote on the night shift"
    article.save_revision().publish()
    saves = 2  # save_revision() saves the page, publish() saves it again; each re-indexes it
    assert (
        len(calls) == saves
    )  # not three per save (the index's title, body and autocomplete passes)

    titles, _ = _titles(client, "/en/search/?q=lighthouse")
    assert "Lighthouse keepers vote on the night shift" in titles
    article = ArticlePage.objects.get(pk=article.pk)
    article.title = "Harbour pilots vote on the night shift"
    article.save_revision().publish()  # a fresh save must not reuse the old words
    titles, _ = _titles(client, "/en/search/?q=pilots")
    assert "Harbour pilots vote on the night shift" in titles
    assert (
        "Harbour pilots vote on the night shift"
        not in _titles(client, "/en/search/?q=lighthouse")[0]
    )
