"""The breaking-news banner: set, changed and removed from its admin screen in either admin
language, refused when bad, and shown on every page type of its edition at once, from the page
cache, until it is removed or expires (time moved, not waited for)."""

import threading
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import TestCase
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from nashra.core import page_cache
from nashra.core.models import PendingPurge
from nashra.desk.models import REPORTERS, SECTION_EDITORS
from nashra.desk.tests.helpers import member
from nashra.distribution.tests.test_page_cache import request
from nashra.engagement.models import CommentPolicyPage
from nashra.news import breaking
from nashra.news.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    BreakingBanner,
    HomePage,
    SectionPage,
    StandardPage,
)

from .helpers import url_of

pytestmark = pytest.mark.django_db

LABEL = {"en": "Breaking news", "ar": "عاجل"}


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.NASHRA_PAGE_CACHE = True


@pytest.fixture
def editor(client, django_user_model):
    user = member(django_user_model, "banner-editor", SECTION_EDITORS, "en")
    client.force_login(user)
    return user


def _admin_language(user, language):
    from wagtail.users.models import UserProfile

    UserProfile.objects.filter(user=user).update(preferred_language=language)


def _form(text="Port closed after the raid", page=None, url="", expires_at=""):
    return {
        "text": text,
        "link_page": page.pk if page else "",
        "link_url": url,
        "expires_at": expires_at,
    }


def _article(language):
    return ArticlePage.objects.live().filter(locale__language_code=language).order_by("pk").first()


def _set(client, language, **fields):
    fields.setdefault("page", None if fields.get("url") else _article(language))
    with _commits():
        return client.post(f"/admin/breaking-banner/{language}/", _form(**fields))


def _commits():
    """Run the on-commit callbacks of what the block does (the banner's version bump), as a
    real request's transaction would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def _pages(language):
    """One address of every page type of the edition, cached or not."""
    home = HomePage.objects.get(locale__language_code=language)
    article = _article(language)
    tag = article.tags.first()
    in_edition = {"locale__language_code": language}
    return {
        "front": url_of(home),
        "article": url_of(article),
        "section": url_of(SectionPage.objects.live().filter(**in_edition).first()),
        "tag": home.tag_url(tag),
        "author": url_of(AuthorPage.objects.live().filter(**in_edition).first()),
        "authors": url_of(AuthorIndexPage.objects.live().filter(**in_edition).first()),
        "standard": url_of(StandardPage.objects.live().filter(**in_edition).first()),
        "comment policy": url_of(CommentPolicyPage.objects.live().filter(**in_edition).first()),
        "section page 2": url_of(article.section) + "?page=2",
        "search": f"/{language}/search/?q=port",
        "privacy form": f"/{language}/engagement/privacy/",
        "404": f"/{language}/no-such-page/",
    }


def _banner_on(path):
    path, _, query = path.partition("?")
    status, headers, body = request(path, query=query)
    assert status.split()[0] in ("200", "404"), (path, status)
    doc = BeautifulSoup(body.decode(), "html.parser")
    region = doc.select_one("section.breaking-banner")
    if region is None:
        return None
    label = doc.select_one("#" + region["aria-labelledby"]).get_text(strip=True)
    link = region.select_one("a")
    return label, link.get_text(strip=True), link["href"]


def _warm(pages):
    for path in pages.values():
        _banner_on(path)
        _banner_on(path)  # the second one from the page cache where the page is cacheable


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_banner_shows_on_every_page_type_at_once_and_goes_at_once(client, editor, language):
    pages = _pages(language)
    _warm(pages)
    assert all(_banner_on(path) is None for path in pages.values())
    target = _article(language)
    response = _set(client, language, text="Port closed after the raid", page=target)
    assert response.status_code == 302
    for name, path in pages.items():
        assert _banner_on(path) == (
            LABEL[language],
            "Port closed after the raid",
            url_of(target),
        ), name
    # The other edition is untouched, and still served from its cache.
    other = "ar" if language == "en" else "en"
    front = url_of(HomePage.objects.get(locale__language_code=other))
    _banner_on(front)
    assert _banner_on(front) is None and request(front)[1]["X-Cache"] == "HIT"

    _set(client, language, text="Port reopens at noon", url="https://example.org/live")
    assert {_banner_on(p)[1:] for p in pages.values()} == {
        ("Port reopens at noon", "https://example.org/live")
    }

    with _commits():
        client.post(f"/admin/breaking-banner/{language}/", {"remove": "1"})
    assert all(_banner_on(path) is None for path in pages.values())
    assert not BreakingBanner.objects.exists()


def test_an_expired_banner_is_gone_from_every_cached_page_without_a_purge(
    client, editor, monkeypatch
):
    pages = _pages("en")
    expires = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=30)
    _set(client, "en", expires_at=expires.astimezone(_zone()).strftime("%Y-%m-%dT%H:%M"))
    _warm(pages)
    cached = [p for p in pages.values() if request(*_split(p))[1].get("X-Cache") == "HIT"]
    assert len(cached) >= 8 and all(_banner_on(p) for p in pages.values())

    # A second before the expiry: still shown, still from the cache.
    monkeypatch.setattr(page_cache, "clock", lambda: expires.timestamp() - 1)
    assert all(request(*_split(p))[1]["X-Cache"] == "HIT" for p in cached)
    # At the expiry: every key has changed by itself; nothing was purged.
    monkeypatch.setattr(page_cache, "clock", lambda: expires.timestamp())
    assert all(_banner_on(path) is None for path in pages.values())
    assert BreakingBanner.objects.exists()  # the worker's job tidies it up, with a log line
    assert breaking.expire_due(expires) == ["en"]
    assert not BreakingBanner.objects.exists()
    assert ModelLogEntry.objects.filter(action=breaking.EXPIRE_ACTION).count() == 1
    assert all(_banner_on(path) is None for path in pages.values())


def _split(path):
    path, _, query = path.partition("?")
    return path, "GET", query


def _zone():
    from nashra.core.newsroom_time import newsroom_zone

    return newsroom_zone()


def _version_carries(language):
    name = page_cache.banner_version_name(language)
    return breaking._carried(name)


def test_the_version_carries_the_expiry_and_is_new_at_each_change(client, editor):
    name = page_cache.banner_version_name("en")
    before = page_cache.current_versions([name])[name]
    expires = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    _set(client, "en", expires_at=expires.astimezone(_zone()).strftime("%Y-%m-%dT%H:%M"))
    first = page_cache.current_versions([name])[name]
    assert first != before and first.endswith(f"@{int(expires.timestamp())}")
    _set(client, "en")
    second = page_cache.current_versions([name])[name]
    assert "@" not in second and second != first
    # Lost from the cache (evicted, Redis restarted): a new value, with the expiry again.
    _set(client, "en", expires_at=expires.astimezone(_zone()).strftime("%Y-%m-%dT%H:%M"))
    from django.core.cache import cache

    cache.delete(name)
    assert _version_carries("en") == int(expires.timestamp())


@pytest.mark.parametrize("admin_language", ["en", "ar"])
def test_editors_set_change_and_remove_it_in_either_admin_language(client, editor, admin_language):
    _admin_language(editor, admin_language)
    index = client.get("/admin/breaking-banner/")
    assert index.status_code == 200
    doc = BeautifulSoup(index.content.decode(), "html.parser")
    assert doc.html["lang"] == admin_language
    screen = client.get("/admin/breaking-banner/ar/")
    assert screen.status_code == 200
    heading = {"en": "Breaking-news banner", "ar": "شريط الأخبار العاجلة"}[admin_language]
    assert heading in screen.content.decode()

    assert _set(client, "ar", text="إغلاق الميناء بعد المداهمة").status_code == 302
    banner = BreakingBanner.objects.get(locale__language_code="ar")
    assert (banner.text, banner.link_page_id, banner.set_by) == (
        "إغلاق الميناء بعد المداهمة",
        _article("ar").pk,
        editor,
    )
    _set(client, "ar", text="إعادة فتح الميناء", url="https://example.org/ar")
    banner.refresh_from_db()
    assert (banner.text, banner.link_url, banner.link_page_id) == (
        "إعادة فتح الميناء",
        "https://example.org/ar",
        None,
    )
    with _commits():
        client.post("/admin/breaking-banner/ar/", {"remove": "1"})
    assert not BreakingBanner.objects.exists()
    actions = list(
        ModelLogEntry.objects.filter(action__startswith="nashra.breaking_banner")
        .order_by("pk")
        .values_list("action", "user_id")
    )
    assert actions == [
        (breaking.SET_ACTION, editor.pk),
        (breaking.SET_ACTION, editor.pk),
        (breaking.REMOVE_ACTION, editor.pk),
    ]


BAD = [
    ({"url": "javascript:alert(1)", "page": None}, "link_url", "must start with https://"),
    ({"url": "data:text/html,hi", "page": None}, "link_url", "must start with https://"),
    ({"url": "http://example.org/", "page": None}, "link_url", "must start with https://"),
    ({"url": "https:///nohost", "page": None}, "link_url", "must start with https://"),
    ({"url": "", "page": None}, "link_page", "Choose a page of this edition or give"),
    ({"text": "x" * 161}, "text", "at most 160 characters"),
    ({"text": ""}, "text", "This field is required"),
    ({"expires_at": "2020-01-01T10:00"}, "expires_at", "must be in the future"),
]
BAD_AR = {
    "must start with https://": "يجب أن يبدأ العنوان بـ https://",
    "Choose a page of this edition or give": "اختر صفحة من هذه النسخة أو أعطِ عنوانًا",
    "at most 160 characters": "160",
    "This field is required": "هذا الحقل مطلوب",
    "must be in the future": "يجب أن يكون وقت الانتهاء في المستقبل",
    "not of another one": "لا من نسخة أخرى",
}


@pytest.mark.parametrize("admin_language", ["en", "ar"])
@pytest.mark.parametrize(("fields", "field", "message"), BAD)
def test_bad_banners_are_refused_with_a_clear_message(
    client, editor, admin_language, fields, field, message
):
    _admin_language(editor, admin_language)
    name = page_cache.banner_version_name("en")
    before = page_cache.current_versions([name])[name]
    response = _set(client, "en", **fields)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    # In the admin's language, as the editor reads it.
    expected = message if admin_language == "en" else BAD_AR[message]
    assert expected in response.content.decode()
    assert not BreakingBanner.objects.exists()
    assert page_cache.current_versions([name])[name] == before


def test_a_page_of_the_other_edition_is_refused(client, editor):
    _admin_language(editor, "ar")
    response = _set(client, "en", page=_article("ar"))
    assert response.status_code == 200
    assert "link_page" in response.context["form"].errors
    assert BAD_AR["not of another one"] in response.content.decode()
    assert not BreakingBanner.objects.exists()


def test_only_editors_with_the_permission_reach_the_screen(client, django_user_model):
    reporter = member(django_user_model, "reporter-b", REPORTERS, "en")
    client.force_login(reporter)
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert client.get("/admin/breaking-banner/").status_code in (302, 403)
    with _commits():
        refused = client.post("/admin/breaking-banner/en/", _form(page=_article("en")))
    assert (
        refused.status_code in (302, 403)
        and refused.get("Location") != "/admin/breaking-banner/en/"
    )
    assert not BreakingBanner.objects.exists()


def test_the_page_link_follows_the_page_and_the_text_is_escaped(client, editor):
    _set(client, "en", text="<script>alert(1)</script> & more")
    _, _, body = request(url_of(HomePage.objects.get(locale__language_code="en")))
    assert b"<script>alert(1)</script>" not in body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in body


def test_pages_are_served_with_the_banner_while_redis_is_down(client, editor):
    from tests.support import free_port

    _set(client, "en", text="Port closed after the raid")
    dead = {
        "default": {
            "BACKEND": "nashra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "KEY_PREFIX": "banner-dead",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    with override_settings(CACHES=dead):
        for path in (url_of(_article("en")), "/en/", "/en/no-such-page/"):
            shown = _banner_on(path)
            assert shown and shown[1] == "Port closed after the raid", path
        # And an editor's change while it is down: saved, shown, its version kept to bump.
        assert _set(client, "en", text="Port reopens").status_code == 302
        assert _banner_on("/en/")[1] == "Port reopens"
    assert PendingPurge.objects.filter(
        kind=PendingPurge.Kind.PAGE, target=page_cache.banner_version_name("en")
    ).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_saving_at_once_leave_one_banner_and_its_version(django_user_model):
    """Both saves run to their commit at the same moment; the banner is one of them, whole,
    and the version carries that one's expiry (not the other's)."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite is one connection: no two saves at once")
    from django.test import Client

    users = [member(django_user_model, f"rival-{n}", SECTION_EDITORS, "en") for n in range(2)]
    later = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=3)
    forms = [
        _form(text="First editor's banner", page=_article("en")),
        _form(
            text="Second editor's banner",
            url="https://example.org/second",
            expires_at=later.astimezone(_zone()).strftime("%Y-%m-%dT%H:%M"),
        ),
    ]
    start = threading.Barrier(2)
    answers = []

    def save(user, data):
        client = Client()
        client.force_login(user)
        start.wait()
        try:
            answers.append(client.post("/admin/breaking-banner/en/", data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in zip(users, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [302, 302]
    banner = BreakingBanner.objects.get()
    assert banner.text in ("First editor's banner", "Second editor's banner")
    expected = int(later.timestamp()) if banner.text.startswith("Second") else None
    assert _version_carries("en") == expected
    if expected is None:
        assert banner.link_page_id == _article("en").pk and banner.link_url == ""
    else:
        assert banner.link_url == "https://example.org/second" and banner.link_page_id is None
