"""The body blocks that WordPress content imports into: gallery, table, separator, legacy HTML."""

import pytest
from wagtail.rich_text import RichText

from nashra.images.models import NashraImage
from nashra.news.models import ArticlePage

from .helpers import article_with_twin, soup, url_of

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Old <b>widget</b> text<script>alert(1)</script></p>'
    '<iframe src="https://evil.example/"></iframe><a href="javascript:alert(2)">link</a>'
    '<img src="x" onerror="alert(3)"><style>body{display:none}</style>\u202eevil'
)


def _publish_with_body(blocks):
    article = article_with_twin("en")
    article.body = blocks
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def article():
    first, second = NashraImage.objects.all()[:2]
    return _publish_with_body(
        [
            ("paragraph", RichText("<p>Before the gallery.</p>")),
            (
                "gallery",
                [
                    {"image": first, "caption": "The harbour at dawn", "alt_text": ""},
                    {"image": second, "caption": "", "alt_text": "Boats at the quay"},
                ],
            ),
            ("separator", None),
            (
                "table",
                {
                    "caption": "Ferry times",
                    "html": '<table><thead><tr><th scope="col">Port</th><th scope="col">Leaves'
                    '</th></tr></thead><tbody><tr><th scope="row">Tyre</th><td onclick="x()">'
                    "7:00<script>alert(1)</script></td></tr></tbody></table>",
                },
            ),
            ("legacy_html", HOSTILE),
        ]
    )


def test_new_blocks_render_on_an_article_page(client, article):
    response = client.get(url_of(article))
    assert response.status_code == 200
    body = soup(response).select_one(".article__body")
    figures = body.select(".body-gallery figure.body-gallery__item")
    assert len(figures) == 2
    assert figures[0].select_one("figcaption .caption").get_text() == "The harbour at dawn"
    assert figures[1].select_one("img")["alt"] == "Boats at the quay"
    assert body.select_one("hr.body-separator") is not None
    table = body.select_one(".body-table table")
    assert table.select_one("caption").get_text() == "Ferry times"
    assert [th["scope"] for th in table.select("th")] == ["col", "col", "row"]
    assert table.select_one("td").get_text() == "7:00" and not table.select_one("td").attrs


def test_legacy_html_is_cleaned_when_shown_even_if_stored_dirty(client, article):
    html = client.get(url_of(article)).content.decode()
    legacy = soup(client.get(url_of(article))).select_one(".article__body .legacy-html")
    assert legacy.select_one("b").get_text() == "widget"
    for bad in ("alert(", "onclick", "onerror", "<iframe", "javascript:", "display:none"):
        assert bad not in str(legacy), bad
    assert "\u202e" not in html


def test_new_blocks_are_searchable_text(article):
    parts = article.plain_text_parts()
    assert "The harbour at dawn" in parts and "Ferry times" in parts
    assert any("Tyre" in part for part in parts)
    assert any("Old widget text" in part for part in parts)
    assert not any("alert" in part for part in parts if "widget" not in part)


def test_new_blocks_in_the_api_and_ninjs(client, article):
    data = client.get(f"/api/v2/pages/{article.pk}/").json()
    kinds = [block["type"] for block in data["body"]]
    assert kinds == ["paragraph", "gallery", "separator", "table", "legacy_html"]
    legacy = data["body"][-1]["value"]
    assert "<b>widget</b>" in legacy and "script" not in legacy and "onclick" not in legacy
    assert "script" not in data["body"][3]["value"]["html"]


def test_the_editor_opens_an_article_with_the_new_blocks(client, django_user_model, article):
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "pw"))
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Gallery", "Table", "Separator", "Imported HTML (legacy)"):
        assert label in html, label
