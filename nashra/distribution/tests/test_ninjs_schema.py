"""ninjs output against IPTC's ninjs 2.0 JSON schema (vendored in data/, see its README)."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker

from nashra.news.models import ArticleCorrection, ArticlePage

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "data" / "ninjs-schema_2.0.json").read_text())


def _errors(instance, schema=SCHEMA):
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def test_the_schema_is_ninjs_2_0_and_refuses_what_nashra_used_to_send():
    Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json#"
    assert _errors({"uri": "https://example.org/x", "representationtype": "complete"})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_live_article_is_valid_ninjs_2_0(client, lang):
    articles = ArticlePage.objects.live().filter(locale__language_code=lang)
    assert articles.exists()
    for article in articles:
        response = client.get(f"/api/ninjs/articles/{article.pk}/")
        assert response.status_code == 200
        data = response.json()
        assert _errors(data) == [], article.slug
        assert data["representationtype"] == "full"
        # Beside its name, an association holds ninjs properties: it is a ninjs object too
        # (the schema itself accepts any object with a name there).
        for association in data.get("associations", []):
            rest = {k: v for k, v in association.items() if k != "name"}
            assert association["name"] and _errors(rest) == [], article.slug


def test_corrections_are_published_bodies_not_editorial_notes(client):
    correction = ArticleCorrection.objects.select_related("article").first()
    article = correction.article
    data = client.get(f"/api/ninjs/articles/{article.pk}/").json()
    assert "ednote" not in data  # ninjs: for the receiving newsroom's staff, not for publication
    assert data["bodies"][0]["role"] == "main"
    corrections = [b for b in data["bodies"] if b["role"] == "correction"]
    expected = article.corrections.order_by("date")
    assert [b["value"] for b in corrections] == [
        f"{c.date.isoformat()}: {c.text}" for c in expected
    ]
    assert all(b["contenttype"] == "text/plain" for b in corrections)
    assert _errors(data) == []


def test_an_article_without_corrections_has_one_body(client):
    article = ArticlePage.objects.live().filter(corrections__isnull=True).first()
    data = client.get(f"/api/ninjs/articles/{article.pk}/").json()
    assert [b["role"] for b in data["bodies"]] == ["main"]
