"""Every kind of page carries the security headers, in production-like settings behind a TLS
proxy, and a cached copy carries the same ones as the page it was stored from."""

import pytest
from bs4 import BeautifulSoup
from django.core.wsgi import get_wsgi_application
from django.test import Client, override_settings
from django.urls import path

from nashra.core.page_cache import PageCacheMiddleware
from nashra.distribution.tests.test_page_cache import request as wsgi_request
from nashra.news.models import ArticlePage, AuthorPage, HomePage
from nashra.news.tests.helpers import article_with_twin, url_of

pytestmark = pytest.mark.django_db
HTTPS = {"x_forwarded_proto": "https"}
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def production_like(settings):
    """As nashra.settings.production sets them behind a TLS proxy that redirects by itself."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    settings.X_FRAME_OPTIONS = "DENY"
    settings.NASHRA_PAGE_CACHE = True
    return PageCacheMiddleware(get_wsgi_application())  # middleware reads settings when built


def policy(headers):
    directives = {}
    for part in headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_public_headers(headers):
    csp = policy(headers)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_no_inline_code(body):
    doc = BeautifulSoup(body, "html.parser")
    for script in doc.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    assert not doc.find_all("style")
    for tag in doc.find_all(True):
        assert "style" not in tag.attrs, tag
        assert not [a for a in tag.attrs if a.startswith("on")], tag


def public_urls():
    article = article_with_twin("en")
    author = AuthorPage.objects.live().filter(locale__language_code="ar").first()
    tag = ArticlePage.objects.live().filter(tags__isnull=False).first().tags.first()
    return {
        "home": "/en/",
        "home ar": url_of(HomePage.objects.get(locale__language_code="ar")),
        "section": url_of(article.section),
        "article": url_of(article),
        "author": url_of(author),
        "tag": f"/en/tags/{tag.slug}/",
        "search": "/ar/search/?q=news",
        "comment form": f"/en/engagement/articles/{article.pk}/comment/",
        "privacy": "/ar/engagement/privacy/",
        "feed": "/en/feeds/rss/",
        "json feed": "/ar/feeds/json/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "api": "/api/v2/pages/",
        "ninjs": f"/api/ninjs/articles/{article.pk}/",
        "404": "/en/no-such-page/",
        "admin login": "/admin/login/",
    }


def test_every_public_page_type_carries_the_headers(production_like):
    for name, url in public_urls().items():
        path, _, query = url.partition("?")
        status, headers, body = wsgi_request(path, query=query, app=production_like, **HTTPS)
        expected = "404" if name == "404" else "200"
        assert status.startswith(expected), (name, status)
        if name == "admin login":
            assert policy(headers)["frame-ancestors"] == ["'self'"]
            continue
        assert_public_headers(headers)
        if headers["Content-Type"].startswith("text/html"):
            assert_no_inline_code(body)


def test_a_cached_copy_carries_the_same_headers(production_like):
    for url in ("/en/", url_of(article_with_twin("ar")), "/en/feeds/atom/", "/sitemap.xml"):
        _, first, body = wsgi_request(url, app=production_like, **HTTPS)
        _, again, cached = wsgi_request(url, app=production_like, **HTTPS)
        assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
        assert cached == body
        assert {h: again[h] for h in SECURITY_HEADERS} == {h: first[h] for h in SECURITY_HEADERS}
        assert_public_headers(again)


def _boom(request):
    raise RuntimeError("kaboom")


urlpatterns = [path("en/boom/", _boom)]


def test_the_500_page_carries_the_headers(production_like):
    with override_settings(ROOT_URLCONF=__name__):
        client = Client(raise_request_exception=False)
        response = client.get("/en/boom/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 500
    assert_public_headers(response.headers)
    assert_no_inline_code(response.content)


handler500 = "nashra.core.views.server_error"


def test_admin_pages_use_the_admin_policy(production_like, admin_client):
    article = article_with_twin("en")
    for url in (
        "/admin/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/images/",
        "/admin/lockouts/",
        "/admin/snippets/engagement/comment/",
    ):
        response = admin_client.get(url, headers={"x-forwarded-proto": "https"})
        assert response.status_code == 200, url
        csp = policy(response.headers)
        assert csp["default-src"] == ["'none'"] and csp["object-src"] == ["'none'"]
        # Wagtail's editor widgets start with inline <script>s (see the operators' doc), but
        # no inline event handler, style attribute or eval() runs anywhere in the admin.
        assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
        assert csp["script-src-attr"] == ["'none'"] and csp["style-src-attr"] == ["'none'"]
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
        assert csp["frame-ancestors"] == ["'self'"] and csp["base-uri"] == ["'none'"]
        assert "camera=()" in response.headers["Permissions-Policy"]
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_cookies_are_secure_on_https_requests_even_without_ssl_redirect(production_like):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("cookie-editor", password="cookie-pw-4411", is_staff=True)
    client = Client()
    https = {"x-forwarded-proto": "https"}
    client.get("/admin/login/", headers=https)
    assert client.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/admin/login/", {"username": "cookie-editor", "password": "cookie-pw-4411"}, headers=https
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["csrftoken"]["secure"] is True
    # Plain HTTP (a health probe, local development): no Secure flag to lose the cookie over.
    plain = Client()
    plain.get("/admin/login/")
    assert not plain.cookies["csrftoken"]["secure"]


def test_images_from_s3_media_storage_are_allowed_by_the_policy(settings):
    from nashra.core.storage_url import storage_from_url

    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_url(
            "s3://news-media?custom_domain=media.example.org&region=eu-west-1"
        ),
    }
    csp = policy(Client().get("/robots.txt").headers)  # a page that reads no media itself
    assert csp["img-src"] == ["'self'", "data:", "https://media.example.org"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    assert policy(Client().get("/robots.txt").headers)["img-src"] == ["'self'", "data:"]
