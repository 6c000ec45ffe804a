"""WordPress's own hard exports (fixtures/public, GPL, see LICENSE-NOTE.md): every item of
them gets exactly one outcome with a reason when it is not imported, and nothing fails but
what cannot be had offline (their images live on another site)."""

from collections import Counter
from pathlib import Path

import pytest

from nashra.news.models import ArticlePage
from nashra.wpimport.wxr import WxrItem, iter_wxr

from .helpers import FIXTURES, run_import

pytestmark = pytest.mark.django_db

PUBLIC = sorted((FIXTURES / "public").glob("*.xml"))


def _file_counts(path):
    items, comments = Counter(), 0
    for obj in iter_wxr(path):
        if isinstance(obj, WxrItem):
            items[obj.post_type or "item"] += 1
            comments += len(obj.comments)
    return items, comments


@pytest.mark.parametrize("path", PUBLIC, ids=[p.name for p in PUBLIC])
def test_every_item_of_a_public_export_has_its_fate(path: Path, tmp_path):
    report = run_import(path, uploads_dir=tmp_path)  # an empty folder: nothing is fetched
    items, comments = _file_counts(path)
    for post_type, count in items.items():
        assert report.total(post_type) == count, (post_type, report.counts.get(post_type))
    assert report.total("comment") == comments
    for kind in ("post", "page", "comment"):
        assert report.count(kind, "failed") == 0, report.render_text()
    for line in report.lines:
        if line.outcome in ("skipped", "failed"):
            assert line.reason, line
        if line.outcome == "failed" and line.kind == "attachment":
            assert "uploads" in line.reason or "address" in line.reason, line


def test_the_theme_unit_test_posts_come_across():
    path = FIXTURES / "public" / "theme-unit-test-data.xml"
    before = ArticlePage.objects.count()
    report = run_import(path)
    created = report.count("post", "created")
    assert created >= 56  # its 56 published posts, its draft and its scheduled post
    assert ArticlePage.objects.count() - before == created
    again = run_import(path)
    assert again.count("post", "created") == 0 and again.count("post", "updated") == 0
