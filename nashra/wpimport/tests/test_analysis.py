import json
from collections import Counter

import pytest

from nashra.wpimport.analysis import analyse, render_analysis_text, upload_path_for
from nashra.wpimport.content.scan import find_block_names, find_shortcodes

from .test_wxr import FIXTURES, PUBLIC

UPLOADS = FIXTURES / "uploads"


@pytest.fixture(scope="module")
def newsroom():
    return analyse(FIXTURES / "newsroom.xml", uploads_dir=UPLOADS)


def rows(analysis):
    return {(r["post_type"], r["status"], r["language"]): r["count"] for r in analysis["items"]}


def test_is_json_safe(newsroom):
    assert json.loads(json.dumps(newsroom)) == newsroom


def test_counts_by_type_status_and_language(newsroom):
    assert rows(newsroom) == {
        ("attachment", "inherit", "none"): 5,
        ("nav_menu_item", "publish", "none"): 2,
        ("page", "publish", "en"): 2,
        ("post", "auto-draft", "none"): 1,
        ("post", "draft", "en"): 1,
        ("post", "future", "en"): 1,
        ("post", "pending", "ar"): 1,
        ("post", "private", "en"): 1,
        ("post", "publish", "ar"): 3,
        ("post", "publish", "en"): 4,
        ("post", "trash", "none"): 1,
    }
    assert sum(r["count"] for r in newsroom["items"]) == newsroom["totals"]["items"] == 22
    assert newsroom["totals"] == {
        "items": 22,
        "authors": 2,
        "terms": 18,
        "comments": 8,
        "attachments": 5,
        "problems": 0,
    }
    assert newsroom["site"]["base_site_url"] == "https://old.example-news.com"


def test_authors_with_post_and_byline_counts(newsroom):
    assert newsroom["authors"] == [
        {"login": "editor", "name": "Layla Haddad", "posts": 9, "coauthored": 1},
        {"login": "omar", "name": "عمر خليل", "posts": 6, "coauthored": 2},
    ]


def test_taxonomies(newsroom):
    taxonomies = newsroom["taxonomies"]
    assert list(taxonomies)[:2] == ["category", "post_tag"]
    assert "language" not in taxonomies and "post_translations" not in taxonomies
    categories = {row["slug"]: row for row in taxonomies["category"]}
    assert categories["politics"]["count"] == 4
    assert categories["سياسة"]["count"] == 2
    assert categories["elections"]["parent"] == "politics"
    assert {row["slug"]: row["count"] for row in taxonomies["post_tag"]} == {
        "budget": 1,
        "انتخابات": 1,
    }
    assert taxonomies["region"] == [{"slug": "levant", "name": "Levant", "parent": "", "count": 1}]


def test_shortcodes_and_blocks(newsroom):
    assert newsroom["shortcodes"]["unknown"] == {"contact-form-7": 2}
    assert set(newsroom["shortcodes"]["known"]) == {"caption", "gallery", "embed", "audio", "video"}
    assert newsroom["blocks"]["unknown"] == {"jetpack/slideshow": 1}
    assert newsroom["blocks"]["known"]["core/paragraph"] == 4
    assert newsroom["blocks"]["known"]["core/table"] == 1


def test_postmeta_keys_comments_and_translations(newsroom):
    assert newsroom["postmeta_keys"]["_thumbnail_id"] == 3
    assert newsroom["postmeta_keys"]["_yoast_wpseo_metadesc"] == 2
    assert newsroom["comments"] == {
        "approved": 4,
        "pending": 1,
        "spam": 1,
        "trash": 1,
        "pingback": 1,
        "other": 0,
    }
    assert newsroom["translations"] == {
        "plugin": "polylang",
        "languages": {"en": 9, "ar": 4, "none": 2},
        "groups": 2,
    }


def test_unmatched_attachments_with_an_uploads_folder(newsroom):
    assert newsroom["attachments"]["total"] == 5
    assert newsroom["attachments"]["unmatched"] == [
        {
            "wp_id": 204,
            "url": "https://old.example-news.com/wp-content/uploads/2024/03/flood-photo.jpg",
            "reason": "missing from the uploads folder",
        },
        {"wp_id": 205, "url": "file:///etc/passwd", "reason": "not an http or https address"},
    ]


def test_without_an_uploads_folder_only_bad_addresses_are_unmatched():
    analysis = analyse(FIXTURES / "newsroom.xml")
    assert [row["wp_id"] for row in analysis["attachments"]["unmatched"]] == [205]


def test_upload_paths_stay_inside_the_uploads_folder(tmp_path):
    (tmp_path / "2024").mkdir()
    base = "https://example.com/wp-content/uploads/"
    assert upload_path_for(tmp_path, base + "2024/a%20b.jpg") == tmp_path.resolve() / "2024/a b.jpg"
    assert upload_path_for(tmp_path, base + "../../etc/passwd") is None
    assert upload_path_for(tmp_path, base + "2024/%2e%2e/%2e%2e/etc/passwd") is None
    assert upload_path_for(tmp_path, "https://example.com/elsewhere/x.jpg") is None
    assert upload_path_for(tmp_path, "https://cdn.example.com/x.jpg", "2024/x.jpg") == (
        tmp_path.resolve() / "2024/x.jpg"
    )
    assert upload_path_for(tmp_path, "https://cdn.example.com/x.jpg", "/etc/passwd") is None
    (tmp_path / "2024" / "link").symlink_to("/etc")
    assert upload_path_for(tmp_path, base + "2024/link/passwd") is None


def test_wpml_file():
    analysis = analyse(FIXTURES / "wpml.xml")
    assert analysis["translations"] == {
        "plugin": "wpml",
        "languages": {"ar": 2, "en": 2, "none": 1},
        "groups": 2,
    }


def test_problems_are_listed():
    analysis = analyse(FIXTURES / "malformed.xml")
    assert analysis["totals"]["items"] == 2
    assert len(analysis["problems"]) == 1
    assert analysis["problems"][0]["line"] > 300
    assert "Problems: 1" in render_analysis_text(analysis)


@pytest.mark.parametrize("path", sorted(PUBLIC.glob("*.xml")), ids=lambda path: path.name)
def test_public_files(path):
    analysis = analyse(path)
    # The theme unit test export lists 18 menu items twice, once per menu (LICENSE-NOTE.md).
    duplicated = 18 if path.name == "theme-unit-test-data.xml" else 0
    assert len(analysis["problems"]) == duplicated
    assert all("appears 2 times" in problem["reason"] for problem in analysis["problems"])
    assert sum(row["count"] for row in analysis["items"]) == analysis["totals"]["items"]
    render_analysis_text(analysis)


def test_render_text(newsroom):
    text = render_analysis_text(newsroom)
    assert "Old Example News <https://old.example-news.com>" in text
    assert "Translation plugin: polylang" in text
    assert "contact-form-7" in text and "jetpack/slideshow" in text
    assert "missing from the uploads folder" in text
    assert "سياسة" in text


def test_find_shortcodes():
    html = (
        '[caption id="attachment_1" width="300"]<img src="x.jpg"> Text[/caption]'
        " [gallery ids='1,2'] [embed]https://youtu.be/x[/embed] [[gallery]] [gallery/]"
        ' [contact-form-7 id="1"] [Sami Nour/Levant Wire] [1] [&#8230;] [/caption]'
    )
    assert find_shortcodes(html) == Counter(
        {"gallery": 2, "caption": 1, "embed": 1, "contact-form-7": 1}
    )
    assert find_shortcodes("") == Counter()
    assert find_shortcodes(None) == Counter()


def test_find_block_names():
    html = (
        "<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->"
        '<!-- wp:heading {"level":2} --><h2>y</h2><!-- /wp:heading -->'
        "<!-- wp:separator /-->"
        '<!-- wp:jetpack/slideshow {"ids":[1]} --><div></div><!-- /wp:jetpack/slideshow -->'
        "<!-- wp:paragraph --><p>z</p><!-- /wp:paragraph -->"
        "<!-- not a block --> <!-- wp:more -->"
    )
    assert find_block_names(html) == Counter(
        {
            "core/paragraph": 2,
            "core/heading": 1,
            "core/separator": 1,
            "jetpack/slideshow": 1,
            "core/more": 1,
        }
    )


def test_an_item_id_given_twice_is_a_problem(tmp_path):
    item = (
        "<item><wp:post_id>5</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status></item>"
    )
    export = tmp_path / "twice.xml"
    export.write_text(
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>t</title>'
        f"{item}{item}</channel></rss>"
    )
    analysis = analyse(export)
    assert analysis["problems"] == [{"line": None, "reason": "item 5 appears 2 times in the file"}]
