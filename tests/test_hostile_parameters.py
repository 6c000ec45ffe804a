"""A generated fuzz of hostile values in every id and page number a reader, a partner or an
editor can send: never a 5xx, and every refusal explained in the reader's language (JSON for
the API). Runs on SQLite and on PostgreSQL (NASHRA_TEST_DATABASE=postgresql), whose integer
limits differ (SQLite OverflowError, PostgreSQL DataError past 64 bits)."""

from urllib.parse import quote, urlsplit

import pytest
from django.utils import translation
from taggit.models import Tag

from nashra.core.arabic import contains_arabic
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage
from nashra.news.tests.helpers import soup, url_of

pytestmark = pytest.mark.django_db

HOSTILE = [
    "abc",
    "1e3",
    "\x00",
    "2x",
    "-1",
    "0",
    "1.5",
    "+1",
    "0x10",
    "NaN",
    "inf",
    "",
    " 3",
    "03",
    "٣",  # Arabic-Indic three: int() reads it, URLs and page numbers must not
    "１",  # fullwidth one
    "9223372036854775807",  # the largest signed 64-bit integer (19 digits)
    "9223372036854775808",  # one past it
    "99999999999999999999",  # 20 digits, from the report
    "-99999999999999999999",
    "9" * 300,
    "1/0",
    "%",
    "1;2",
    "<b>1</b>",
    "\u202e1",
    "1\n2",
]

READER_ROUTES = {
    # name: (method, address with {v} quoted into the path or query, by language)
    "state": ("get", "/{lang}/engagement/articles/{v}/state/"),
    "vote": ("post", "/{lang}/engagement/articles/{v}/reaction/"),
    "comment form": ("get", "/{lang}/engagement/articles/{v}/comment/"),
    "comment": ("post", "/{lang}/engagement/articles/{v}/comment/"),
    "reply to": ("get", "/{lang}/engagement/articles/{article}/comment/?parent={v}"),
    "flag": ("post", "/{lang}/engagement/comments/{v}/flag/"),
    "captcha form": ("get", "/{lang}/engagement/captcha/image/?form=comment:{v}"),
    "search page": ("get", "/{lang}/search/?q={word}&page={v}"),
    "search section": ("get", "/{lang}/search/?q={word}&section={v}"),
    "search start": ("get", "/{lang}/search/?q={word}&start={v}"),
    "search end": ("get", "/{lang}/search/?q={word}&end={v}"),
    "search query": ("get", "/{lang}/search/?q={v}"),
    "home page": ("get", "{home}?page={v}"),
    "section page": ("get", "{section}?page={v}"),
    "author page": ("get", "{author}?page={v}"),
    "tag page": ("get", "{tag}?page={v}"),
    "tag": ("get", "{home}tags/{v}/"),
    "feed": ("get", "/{lang}/feeds/section/{v}/rss/"),
}

API_ROUTES = {
    "ninjs": "/api/ninjs/articles/{v}/",
    "page": "/api/v2/pages/{v}/",
    "image": "/api/v2/images/{v}/",
    "page id": "/api/v2/pages/?id={v}",
    "find page": "/api/v2/pages/find/?id={v}",
    "offset": "/api/v2/pages/?offset={v}",
    "limit": "/api/v2/pages/?limit={v}",
    "child of": "/api/v2/pages/?child_of={v}",
    "descendant of": "/api/v2/pages/?descendant_of={v}",
    "ancestor of": "/api/v2/pages/?ancestor_of={v}",
    "translation of": "/api/v2/pages/?translation_of={v}",
    "section filter": "/api/v2/pages/?type=news.ArticlePage&section={v}",
    "image offset": "/api/v2/images/?offset={v}",
    "find image": "/api/v2/images/find/?id={v}",
    "sitemap": "/sitemap-{v}.xml",
}

MESSAGES = "[role=alert], .field__error, .error-page h1, .notice, .comment-form__errors"


def _addresses(lang):
    home = HomePage.objects.live().get(locale__language_code=lang)
    article = ArticlePage.objects.live().filter(locale__language_code=lang).first()
    tag = article.tags.first() or Tag.objects.first()
    return {
        "lang": lang,
        "home": url_of(home),
        "section": url_of(SectionPage.objects.live().filter(locale__language_code=lang).first()),
        "author": url_of(AuthorPage.objects.live().filter(locale__language_code=lang).first()),
        "tag": url_of(home) + f"tags/{quote(tag.slug)}/",
        "article": article.pk,
        "word": quote(article.title.split()[0]),
    }


def _explained(response, lang):
    """The text that tells the reader what went wrong (empty when nothing did)."""
    assert response.status_code < 500, response.content[:300]
    if response.status_code < 400:
        return None
    content_type = response["Content-Type"]
    if content_type.startswith("application/json"):
        return response.json()["message"]
    if content_type.startswith("text/html"):
        doc = soup(response)
        if doc.html is not None:
            assert doc.html["lang"] == lang
            return " ".join(e.get_text(" ", strip=True) for e in doc.select(MESSAGES))
    return response.content.decode()


def _assert_in_language(message, lang):
    assert message and message.strip()
    assert contains_arabic(message) == (lang == "ar"), message


# The site's scripts send JSON and read JSON back; the no-JavaScript path reads HTML.
ACCEPTS = ["text/html", "application/json"]


@pytest.mark.parametrize("route", READER_ROUTES)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_reader_routes_refuse_hostile_values_in_the_readers_language(client, lang, route):
    method, template = READER_ROUTES[route]
    addresses = _addresses(lang)
    failures = []
    for value in HOSTILE:
        address = template.format(v=quote(value, safe=""), **addresses)
        for accept in ACCEPTS:
            response = getattr(client, method)(
                address, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT=accept
            )
            try:
                message = _explained(response, lang)
                if message is not None:
                    _assert_in_language(message, lang)
            except AssertionError as problem:
                failures.append(
                    f"{method.upper()} {address} ({accept}): {response.status_code} {problem}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", API_ROUTES)
def test_api_routes_answer_hostile_values_in_json(client, route):
    failures = []
    for value in HOSTILE:
        address = API_ROUTES[route].format(v=quote(value, safe=""))
        response = client.get(address)
        status, content_type = response.status_code, response["Content-Type"]
        if status >= 500:
            failures.append(f"{address}: {status}")
        elif status in (301, 302):  # only `find` redirects, to the item's own API address
            if not (
                route.startswith("find")
                and urlsplit(response["Location"]).path.startswith("/api/v2/")
            ):
                failures.append(f"{address}: {status} to {response['Location']}")
        elif route != "sitemap" and not (
            content_type.startswith("application/json")
            and (status < 400 or response.json()["message"])
        ):
            failures.append(f"{address}: {status} {content_type}")
    assert not failures, "\n".join(failures)


def test_the_reactions_report_period_is_clamped(admin_client):
    for value in HOSTILE:
        response = admin_client.get(f"/admin/reactions/?days={quote(value, safe='')}")
        assert response.status_code == 200, value


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_flagging_a_comment_that_does_not_exist_is_explained(client, lang):
    missing = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    response = client.post(
        f"/{lang}/engagement/comments/{missing}/flag/",
        HTTP_ORIGIN="http://testserver",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 404
    with translation.override(lang):
        assert response.json()["message"] == translation.gettext("We couldn’t find that page")


@pytest.mark.parametrize(
    "bulk",
    [
        "engagement/comment/approve",
        "engagement/comment/ban",
        "engagement/ban/delete",
        "wagtailcore/page/publish",
        "wagtailcore/page/delete",
        "wagtailimages/image/delete",
    ],
)
def test_admin_bulk_actions_refuse_ids_that_cannot_be_ids(admin_client, bulk):
    for value in HOSTILE:
        if value.isascii() and value.isdigit() and len(value) <= 18:
            continue  # an id: found or not, Wagtail's to answer
        address = f"/admin/bulk/{bulk}/?id={quote(value, safe='')}&next=/admin/"
        assert admin_client.get(address).status_code == 404, value
    comment = Comment.objects.first()
    assert (
        admin_client.get(
            f"/admin/bulk/engagement/comment/approve/?id={comment.pk}&next=/admin/"
        ).status_code
        == 200
    )
    assert (
        admin_client.get("/admin/bulk/engagement/comment/approve/?id=all&next=/admin/").status_code
        == 200
    )
