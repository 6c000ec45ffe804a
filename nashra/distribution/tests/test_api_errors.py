"""The API answers its errors in JSON at the address asked: never a redirect to an HTML page."""

import pytest

from nashra.news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/9999/",
        "/api/v2/pages/abc/",
        "/api/v2/pages/99999999999999999999/",
        "/api/v2/pages/-1/",
        "/api/v2/images/999/",
        "/api/v2/images/99999999999999999999/",
        "/api/ninjs/articles/9999/",
        "/api/ninjs/articles/99999999999999999999/",
        "/api/ninjs/articles/abc/",
        "/api/v3/",
        "/api/nothing",
        "/api/",
    ],
)
@pytest.mark.parametrize("accept_language", ["en", "ar"])
def test_unknown_api_addresses_are_json_404s(client, url, accept_language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [
        "?type=bad",
        "?limit=abc",
        "?offset=-1",
        "?offset=99999999999999999999",
        "?id=99999999999999999999",
        "?child_of=99999999999999999999",
        "?descendant_of=99999999999999999999",
        "?ancestor_of=99999999999999999999",
        "?translation_of=99999999999999999999",
        "?type=news.ArticlePage&section=99999999999999999999",
        "?type=news.ArticlePage&section=abc",
        "?unknown=1",
    ],
)
def test_bad_api_queries_are_json_400s(client, query):
    response = client.get("/api/v2/pages/" + query)
    assert response.status_code == 400, query
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_images_find_with_a_huge_id_is_a_400(client):
    assert client.get("/api/v2/images/find/?id=99999999999999999999").status_code == 400


def test_ids_up_to_18_digits_still_answer(client):
    article = ArticlePage.objects.live().first()
    padded = str(article.pk).zfill(18)
    assert client.get(f"/api/v2/pages/{padded}/").json()["id"] == article.pk
    assert client.get(f"/api/ninjs/articles/{padded}/").status_code == 200
    assert client.get("/api/v2/pages/999999999999999999/").status_code == 404


def test_unprefixed_site_addresses_still_get_their_language(client):
    # Only the API keeps its 404s: a reader's /about/ still goes to /en/about/.
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/about/"
