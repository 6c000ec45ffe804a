"""Old WordPress addresses by query (/?p=123, /?page_id=45, /?cat=3, /?tag=..., /?author=2,
/?attachment_id=9) answer 301 to the imported page, through the Wagtail redirect the import
recorded with a page target; anything else is answered as before."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from nashra.core import cache_contract, page_cache
from nashra.core.tests.test_cache_contract import nginx_config
from nashra.news.tests.helpers import article_with_twin, url_of
from nashra.wpimport.middleware import LegacyQueryRedirectMiddleware, legacy_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = article_with_twin("ar")
    Redirect.add_redirect("/?p=123", redirect_to=article)
    return article


def test_an_old_post_address_answers_301_to_its_page(client, article):
    response = client.get("/?p=123")
    assert response.status_code == 301 and response["Location"] == url_of(article)
    assert client.head("/?p=123")["Location"] == url_of(article)


def test_the_query_is_found_in_any_order_with_other_parameters_and_at_any_address(client, article):
    for address in (
        "/?utm_source=newsletter&p=123",
        "/?p=123&utm_medium=email&fbclid=abc",
        "/?p=123&p=",
        "/en/?p=123",
        "/some/old/path/?p=123&utm_source=x",
    ):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == url_of(article), address


def test_every_kind_of_old_query_is_looked_up(client, article):
    section = article.get_parent()
    Redirect.add_redirect("/?page_id=45", redirect_to=section)
    Redirect.add_redirect("/?cat=3", redirect_to=section)
    Redirect.add_redirect("/?tag=%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF", redirect_to=section)
    Redirect.add_redirect("/?author=2", redirect_to=section)
    Redirect.add_redirect("/?attachment_id=9", redirect_to=article)
    for query in (
        "page_id=45",
        "cat=3",
        "tag=%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF",
        "tag=%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af",
        "author=2",
    ):
        response = client.get(f"/?{query}")
        assert response.status_code == 301, query
        assert response["Location"] == url_of(section), query
    assert client.get("/?attachment_id=9")["Location"] == url_of(article)


def test_a_redirect_follows_its_page_when_the_slug_changes(client, article):
    article.slug = "renamed-after-the-import"
    article.save_revision().publish()
    article.refresh_from_db()
    response = client.get("/?p=123")
    assert response.status_code == 301
    assert response["Location"].rstrip("/").endswith("renamed-after-the-import")
    assert response["Location"] == url_of(article)


def test_an_unknown_id_is_answered_as_before(client, article):
    before = client.get("/")
    for address in ("/?p=999", "/?p=", "/?page=2", "/?pp=123"):
        response = client.get(address)
        assert response.status_code == before.status_code, address
        assert response.get("Location", "").split("?")[0] == before.get("Location", ""), address
    assert client.get(url_of(article) + "?p=999").status_code == 200


def test_the_admin_paging_its_listings_with_p_is_not_an_old_address(client, article):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("chief", "c@x.org", "pw"))
    assert client.get("/admin/pages/?p=123").status_code == 200
    assert client.get("/api/v2/pages/?p=123").status_code != 301


def test_a_request_without_an_old_query_costs_nothing(rf: RequestFactory, article):
    middleware = LegacyQueryRedirectMiddleware(lambda request: HttpResponse("page"))
    for query in ("", "page=2", "utm_source=x&step=2", "q=p%3D1"):
        assert legacy_query(query) == ""
        request = rf.get(f"/en/?{query}")
        with CaptureQueriesContext(connection) as queries:
            assert middleware(request).content == b"page"
        assert len(queries) == 0, query
    assert legacy_query("utm_source=x&p=123&cat=3&ref=y") == "p=123&cat=3"


def test_old_queries_are_never_answered_from_a_cache():
    contract = cache_contract.contract()
    for flag in ("p", "page_id", "attachment_id", "cat", "tag", "author"):
        assert flag in contract.flags
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/en/", "QUERY_STRING": f"{flag}=1"}
        assert not page_cache._cacheable_request(environ)
    assert "$arg_p$arg_page_id$arg_attachment_id$arg_cat$arg_tag$arg_author" in nginx_config()
