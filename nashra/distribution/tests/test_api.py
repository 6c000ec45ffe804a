import pytest

from nashra.news.models import ArticleCorrection, ArticlePage

pytestmark = pytest.mark.django_db


def test_pages_api_lists_published_articles_with_newsroom_fields(client):
    data = client.get(
        "/api/v2/pages/?type=news.ArticlePage&locale=ar&fields=standfirst,byline,tag_names,section_title&limit=20"
    ).json()
    live_ar = ArticlePage.objects.live().filter(locale__language_code="ar")
    assert data["meta"]["total_count"] == live_ar.count()
    item = data["items"][0]
    article = live_ar.get(pk=item["id"])
    assert item["standfirst"] == article.standfirst
    assert item["byline"][0]["name"] == article.article_authors.first().author.title
    assert item["section_title"] == article.section.title


def test_unpublished_articles_are_not_in_the_api(client):
    article = ArticlePage.objects.live().first()
    article.unpublish()
    assert client.get(f"/api/v2/pages/{article.pk}/", follow=True).status_code == 404
    assert client.get(f"/api/ninjs/articles/{article.pk}/", follow=True).status_code == 404


def test_article_detail_has_body_and_corrections(client):
    correction = ArticleCorrection.objects.first()
    data = client.get(f"/api/v2/pages/{correction.article_id}/").json()
    assert data["correction_notes"][0]["text"] == correction.text
    assert data["body"] and data["lead_image"]["id"]


def test_ninjs_representation(client):
    article = ArticlePage.objects.live().filter(locale__language_code="ar").first()
    data = client.get(f"/api/ninjs/articles/{article.pk}/").json()
    assert data["standard"]["name"] == "ninjs" and data["standard"]["version"] == "2.0"
    assert data["type"] == "text" and data["language"] == "ar" and data["pubstatus"] == "usable"
    assert data["headlines"][0]["value"] == article.title
    assert data["descriptions"][0]["value"] == article.standfirst
    assert "<p>" in data["bodies"][0]["value"]
    assert data["uri"] == f"http://testserver{article.url}"
    picture = data["associations"][0]
    assert picture["type"] == "picture" and picture["renditions"][0]["href"].startswith(
        "http://testserver/media/"
    )
    assert picture["by"] == article.lead_image.credit
    assert {s["name"] for s in data["subjects"]} >= {t.name for t in article.tags.all()}
