"""The import end to end, on the hand-written export: what comes across, and how."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from nashra.engagement.models import Comment, CommentStatus
from nashra.images.models import NashraImage
from nashra.news.models import ArticlePage, AuthorPage, StandardPage
from nashra.wpimport.models import ImportedObject, SourceKind
from nashra.wpimport.wxr import WxrItem, iter_wxr

from .helpers import NEWSROOM, article, imported, run_import

pytestmark = pytest.mark.django_db

ARABIC_SLUG = "البرلمان-يقر-الميزانية"


def items_by_type(path=NEWSROOM):
    counts = {}
    for obj in iter_wxr(path):
        if isinstance(obj, WxrItem):
            counts[obj.post_type] = counts.get(obj.post_type, 0) + 1
    return counts


def test_every_item_has_one_outcome_and_the_counts_add_up():
    report = run_import()
    for post_type, count in items_by_type().items():
        assert report.total(post_type) == count, (post_type, report.counts.get(post_type))
    comments = sum(len(o.comments) for o in iter_wxr(NEWSROOM) if isinstance(o, WxrItem))
    assert report.total("comment") == comments
    assert report.count("post", "failed") == 0, report.render_text()
    skipped = {line.wp_id for line in report.lines if line.outcome == "skipped"}
    assert {"111", "112"} <= skipped  # trash and auto-draft, each with a reason
    assert all(line.reason for line in report.lines if line.outcome in ("skipped", "failed"))


def test_statuses_and_original_dates():
    run_import()
    live = article(101)
    assert live.live
    assert live.first_published_at == datetime(2024, 3, 15, 8, 30, tzinfo=UTC).replace(
        hour=live.first_published_at.hour, minute=live.first_published_at.minute
    )
    assert live.first_published_at.date().isoformat() == "2024-03-15"
    scheduled = article(107)
    assert not scheduled.live
    assert scheduled.get_latest_revision().approved_go_live_at.year == 2030
    for wp_id in (108, 109, 110):  # private, draft, pending
        assert not article(wp_id).live
    assert not ImportedObject.objects.filter(wp_id__in=["111", "112"]).exists()


def test_twins_slugs_and_sections():
    run_import()
    english, arabic = article(101), article(102)
    assert english.translation_key == arabic.translation_key
    assert (english.locale.language_code, arabic.locale.language_code) == ("en", "ar")
    assert arabic.slug == ARABIC_SLUG
    en_twin, ar_twin = article(105), article(106)  # one slug, two editions
    assert en_twin.slug == ar_twin.slug == "election-results"
    assert en_twin.translation_key == ar_twin.translation_key
    assert article(104).slug  # made from the Arabic title
    assert english.get_parent().slug in ("politics", "economy", "elections")


def test_bylines_tags_seo_and_lead_image():
    run_import()
    page = article(101)
    names = [row.author.title for row in page.article_authors.all()]
    assert len(names) >= 2  # Co-Authors Plus
    assert AuthorPage.objects.filter(title__in=names).count() >= 2
    assert page.tags.exists()
    assert page.lead_image is not None
    assert page.lead_image.alt_text
    assert page.search_description


def test_pages_keep_their_hierarchy():
    run_import()
    parent, child = imported(SourceKind.PAGE, 113), imported(SourceKind.PAGE, 114)
    assert isinstance(parent, StandardPage)
    assert child.get_parent().pk == parent.pk


def test_comments_threads_and_privacy():
    run_import()
    page = article(101)
    comments = Comment.objects.filter(article=page)
    statuses = set(comments.values_list("status", flat=True))
    assert statuses == {CommentStatus.APPROVED, CommentStatus.PENDING}
    assert not comments.filter(parent__parent__isnull=False).exists()  # one level
    assert all(c.address_hash == "" for c in comments)
    assert comments.exclude(email="").exists()
    assert comments.filter(created_at__year=2024).count() == comments.count()


def test_old_addresses_answer_301_to_the_new_page():
    run_import()
    client = Client()
    english, arabic = article(101), article(102)
    response = client.get("/2024/03/15/parliament-passes-budget/")
    assert response.status_code == 301
    assert response["Location"].endswith(english.url)
    encoded = (
        "/ar/2024/03/15/%d8%a7%d9%84%d8%a8%d8%b1%d9%84%d9%85%d8%a7%d9%86-%d9%8a%d9%82%d8%b1-"
        "%d8%a7%d9%84%d9%85%d9%8a%d8%b2%d8%a7%d9%86%d9%8a%d8%a9/"
    )
    for path in (encoded, encoded.upper().replace("/AR/", "/ar/")):
        response = client.get(path)
        assert response.status_code == 301, path
        assert arabic.slug in response["Location"] or "%D8" in response["Location"]
    assert Redirect.objects.filter(old_path="/?p=101", redirect_page=english).exists()
    assert Redirect.objects.filter(old_path__startswith="/category/").exists()


def test_imported_articles_are_public_like_any_publish(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index, after commit
        run_import()
    english, arabic = article(101), article(102)
    client = Client()
    assert client.get(english.url).status_code == 200
    section = english.get_parent()
    feed = client.get(f"/en/feeds/section/{section.slug}/rss/")
    assert feed.status_code == 200 and english.title.encode() in feed.content
    assert arabic.full_url.split("/ar/", 1)[1].encode() in client.get("/sitemap-ar.xml").content
    # A word of the body, so the title comes back unmarked.
    found = client.get("/en/search/", {"q": "midnight"})
    assert english.title in found.content.decode()


def test_a_second_run_creates_nothing():
    run_import()
    counts = (
        ArticlePage.objects.count(),
        NashraImage.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
        ImportedObject.objects.count(),
    )
    revisions = article(101).revisions.count()
    report = run_import()
    assert report.count("post", "created") == 0
    assert report.count("post", "updated") == 0, report.render_text()
    assert report.count("comment", "created") == 0
    assert report.count("attachment", "created") == 0
    assert report.count("redirect", "created") == 0
    after = (
        ArticlePage.objects.count(),
        NashraImage.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
        ImportedObject.objects.count(),
    )
    assert after == counts
    assert article(101).revisions.count() == revisions


def test_a_changed_post_is_updated_as_a_new_revision(tmp_path):
    run_import()
    revisions = article(101).revisions.count()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        NEWSROOM.read_text(encoding="utf-8").replace(
            "Parliament passes", "Parliament finally passes", 1
        ),
        encoding="utf-8",
    )
    report = run_import(changed)
    assert report.count("post", "updated") == 1, report.render_text()
    page = article(101)
    assert page.title.startswith("Parliament finally passes")
    assert page.revisions.count() == revisions + 1


class Killed(Exception):
    pass


def test_an_import_killed_halfway_finishes_on_the_next_run():
    def die_at_half(done, total):
        if done >= total // 2 and total:
            raise Killed

    with pytest.raises(Killed):
        run_import(progress_hook=die_at_half)
    run_import()
    once = ImportedObject.objects.count()
    pages = ArticlePage.objects.count()
    report = run_import()
    assert ImportedObject.objects.count() == once
    assert ArticlePage.objects.count() == pages
    assert report.count("post", "created") == 0


def test_links_to_imported_posts_become_page_links_even_forward():
    run_import()
    import json

    body = json.dumps(list(article(101).body.raw_data))
    target = article(103)
    assert f'linktype=\\"page\\" id=\\"{target.pk}\\"' in body
    assert not ImportedObject.objects.filter(links_pending=True, wp_id="101").exists()


def test_wpml_twins_and_the_default_language():
    from .helpers import FIXTURES

    report = run_import(FIXTURES / "wpml.xml", default_locale="ar")
    assert report.count("post", "failed") == 0, report.render_text()
    for english_id, arabic_id in ((301, 302), (303, 304)):
        english, arabic = article(english_id), article(arabic_id)
        assert english.locale.language_code == "en" and arabic.locale.language_code == "ar"
        assert english.translation_key == arabic.translation_key
    assert article(305).locale.language_code == "ar"  # no language: --default-locale


def test_a_truncated_export_imports_what_it_holds_and_says_where_it_broke():
    from .helpers import FIXTURES

    report = run_import(FIXTURES / "malformed.xml")
    assert article(101).live and article(102).live
    assert report.count("file", "failed") >= 1
    assert not ImportedObject.objects.filter(kind=SourceKind.POST, wp_id="103").exists()
