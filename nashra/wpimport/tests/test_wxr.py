import io
import resource
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from nashra.wpimport.wxr import (
    WxrAuthor,
    WxrError,
    WxrHeader,
    WxrItem,
    WxrProblem,
    WxrTerm,
    decode_slug,
    iter_wxr,
    parse_gmt_datetime,
    parse_local_datetime,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUBLIC = FIXTURES / "public"
ROOT = Path(__file__).resolve().parents[3]


def local(*parts):
    """A naive site-local datetime, as WordPress's post_date is."""
    return datetime(*parts)  # noqa: DTZ001


def read(name):
    return list(iter_wxr(FIXTURES / name))


def items(objects):
    return {obj.id: obj for obj in objects if isinstance(obj, WxrItem)}


def kinds(objects):
    return Counter(type(obj).__name__ for obj in objects)


@pytest.fixture(scope="module")
def newsroom():
    return read("newsroom.xml")


def test_header_comes_first_then_authors_terms_items_in_file_order(newsroom):
    assert isinstance(newsroom[0], WxrHeader)
    assert newsroom[0] == WxrHeader(
        title="Old Example News",
        link="https://old.example-news.com",
        base_site_url="https://old.example-news.com",
        base_blog_url="https://old.example-news.com",
        language="en-US",
        wxr_version="1.2",
    )
    order = [type(obj).__name__ for obj in newsroom[1:]]
    assert order == sorted(order, key=["WxrAuthor", "WxrTerm", "WxrItem"].index)
    assert kinds(newsroom) == {"WxrHeader": 1, "WxrAuthor": 2, "WxrTerm": 18, "WxrItem": 22}


def test_authors(newsroom):
    authors = [obj for obj in newsroom if isinstance(obj, WxrAuthor)]
    assert authors[1] == WxrAuthor(
        id=2,
        login="omar",
        email="omar@old.example-news.com",
        display_name="عمر خليل",
        first_name="عمر",
        last_name="خليل",
    )


def test_terms_have_decoded_slugs_parents_and_meta(newsroom):
    terms = {(t.taxonomy, t.id): t for t in newsroom if isinstance(t, WxrTerm)}
    politics = terms[("category", 10)]
    assert politics.meta == {"section_colour": ["#a31f34"]}
    assert terms[("category", 12)].slug == "سياسة"
    assert terms[("category", 12)].name == "سياسة"
    assert terms[("category", 13)].parent == "politics"
    assert terms[("post_tag", 21)].slug == "انتخابات"
    assert terms[("language", 31)].description.startswith('a:3:{s:6:"locale";s:2:"ar"')
    assert terms[("post_translations", 40)].slug == "pll_65f3b7e0a4c12"
    assert terms[("author", 50)].slug == "cap-editor"
    assert terms[("region", 70)].name == "Levant"


def test_classic_post_fields(newsroom):
    post = items(newsroom)[101]
    assert post.post_type == "post"
    assert post.status == "publish"
    assert post.title == "Parliament passes the 2024 budget after a long night"
    assert post.link == "https://old.example-news.com/2024/03/15/parliament-passes-budget/"
    assert post.guid == "https://old.example-news.com/?p=101"
    assert post.slug == post.raw_slug == "parliament-passes-budget"
    assert post.creator == "editor"
    assert post.date == local(2024, 3, 15, 10, 30)
    assert post.date.tzinfo is None
    assert post.date_gmt == datetime(2024, 3, 15, 7, 30, tzinfo=UTC)
    assert post.modified_gmt == datetime(2024, 3, 15, 9, 5, tzinfo=UTC)
    assert post.is_sticky is True
    assert post.parent == 0 and post.menu_order == 0 and post.password == ""
    assert post.content.startswith("The finance committee")
    assert '[caption id="attachment_201"' in post.content
    assert post.content.endswith('[contact-form-7 id="1" title="Tips"]')
    assert post.excerpt.startswith("Sixty-one members")
    assert [(t.domain, t.slug) for t in post.terms] == [
        ("category", "politics"),
        ("post_tag", "budget"),
        ("region", "levant"),
        ("language", "en"),
        ("post_translations", "pll_65f3b7e0a4c12"),
        ("author", "cap-editor"),
        ("author", "cap-omar"),
    ]
    assert post.meta["_thumbnail_id"] == ["201"]
    assert post.meta_value("_yoast_wpseo_title") == (
        "Budget 2024 passes parliament | Old Example News"
    )
    assert len(post.meta["related_links"]) == 2


def test_comments_keep_threads_states_and_ips(newsroom):
    comments = {c.id: c for c in items(newsroom)[101].comments}
    assert list(comments) == [501, 502, 503, 504, 505, 506, 507]
    assert comments[502].parent == 501 and comments[503].parent == 502
    assert [comments[n].approved for n in (501, 504, 505, 506)] == ["1", "0", "spam", "trash"]
    assert comments[507].type == "pingback"
    assert comments[503].type == ""
    assert comments[501].ip == "203.0.113.5"
    assert comments[504].ip == "2001:db8::17"
    assert comments[501].meta == {"akismet_result": ["false"]}
    assert comments[502].user_id == 1
    assert comments[501].date == local(2024, 3, 15, 11, 0)
    assert comments[501].date_gmt == datetime(2024, 3, 15, 8, 0, tzinfo=UTC)
    assert comments[503].content == "Thanks, found it.\nStill less than promised."


def test_arabic_slug_is_percent_decoded_and_link_kept(newsroom):
    post = items(newsroom)[102]
    assert post.slug == "البرلمان-يقر-الميزانية"
    assert post.raw_slug.startswith("%d8%a7%d9%84")
    assert "%d8%a7%d9%84" in post.link
    assert [(t.domain, t.slug) for t in post.terms][:2] == [
        ("category", "سياسة"),
        ("post_tag", "انتخابات"),
    ]


def test_empty_slugs_and_zero_dates_never_crash(newsroom):
    by_id = items(newsroom)
    assert by_id[104].slug == "" and by_id[104].raw_slug == ""
    assert by_id[104].date == local(2024, 3, 14, 9, 0)
    assert by_id[104].date_gmt is None and by_id[104].modified_gmt is None
    assert by_id[110].date is None and by_id[110].date_gmt is None
    assert by_id[109].status == "draft" and by_id[109].date_gmt is None


def test_statuses_types_and_hierarchy(newsroom):
    by_id = items(newsroom)
    assert {i: by_id[i].status for i in (107, 108, 109, 110, 111, 112)} == {
        107: "future",
        108: "private",
        109: "draft",
        110: "pending",
        111: "trash",
        112: "auto-draft",
    }
    assert by_id[107].date_gmt == datetime(2030, 1, 7, 6, 0, tzinfo=UTC)
    assert by_id[114].post_type == "page" and by_id[114].parent == 113
    assert by_id[120].post_type == "nav_menu_item"
    assert by_id[105].slug == by_id[106].slug == "election-results"


def test_attachments(newsroom):
    by_id = items(newsroom)
    photo = by_id[201]
    assert photo.post_type == "attachment" and photo.parent == 101
    assert photo.attachment_url == (
        "https://old.example-news.com/wp-content/uploads/2024/03/parliament-session.jpg"
    )
    assert photo.meta_value("_wp_attachment_image_alt") == "Members of parliament voting"
    assert photo.meta_value("photo_credit") == "Rania Saad/Cedar Press"
    assert photo.excerpt == "Members of parliament raise their hands during the vote"
    assert by_id[205].attachment_url == "file:///etc/passwd"


def test_serialized_meta_is_kept_raw(newsroom):
    value = items(newsroom)[117].meta_value("news_sources")
    assert value.startswith('a:3:{i:0;s:18:"Line one\nLine two";')


def test_wpml_file():
    objects = read("wpml.xml")
    by_id = items(objects)
    assert set(by_id) == {301, 302, 303, 304, 305}
    assert by_id[302].slug == "حملة-التلقيح"
    assert by_id[301].meta_value("_wpml_import_translation_group") == "42"
    terms = [t for t in objects if isinstance(t, WxrTerm)]
    assert terms[1].slug == "صحة"
    assert terms[1].meta["_wpml_import_term_language_code"] == ["ar"]


def test_a_truncated_file_yields_what_came_before_then_a_problem():
    objects = read("malformed.xml")
    assert isinstance(objects[0], WxrHeader)
    assert sorted(items(objects)) == [101, 102]
    assert len(items(objects)[101].comments) == 7
    problem = objects[-1]
    assert isinstance(problem, WxrProblem)
    assert problem.line > 300
    assert "cut off" in problem.reason and "incomplete" in problem.reason
    assert kinds(objects)["WxrProblem"] == 1


def test_a_bad_item_is_skipped_with_a_problem_and_reading_goes_on():
    data = (
        b'<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        b"<title>x</title>"
        b"<item><wp:post_id>abc</wp:post_id></item>"
        b"<item><title>no id</title></item>"
        b"<item><wp:post_id>7</wp:post_id><wp:post_date>2024-13-45 99:00:00</wp:post_date></item>"
        b"</channel></rss>"
    )
    objects = list(iter_wxr(io.BytesIO(data)))
    assert [type(obj).__name__ for obj in objects] == [
        "WxrHeader",
        "WxrProblem",
        "WxrProblem",
        "WxrItem",
    ]
    assert "not a number" in objects[1].reason
    assert "without wp:post_id" in objects[2].reason
    assert objects[3].id == 7 and objects[3].date is None and objects[3].post_type == "post"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        b'{"not": "xml"}',
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>feed</title></channel></rss>',
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
    ],
)
def test_not_a_wordpress_export_is_an_error(data):
    with pytest.raises(WxrError):
        list(iter_wxr(io.BytesIO(data)))


def test_sitemap_fixture_is_not_wxr():
    with pytest.raises(WxrError, match="urlset"):
        read("not-wxr.xml")


def test_billion_laughs_is_not_expanded():
    started = time.monotonic()
    objects = read("entities.xml")
    assert time.monotonic() - started < 5
    assert isinstance(objects[0], WxrHeader)
    assert "lol" not in objects[0].title
    assert all(isinstance(obj, WxrHeader | WxrProblem) for obj in objects)
    assert any("DTD" in obj.reason for obj in objects if isinstance(obj, WxrProblem))
    text = repr(objects)
    assert "lollol" not in text and len(text) < 5000


def test_external_entities_are_neither_read_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    export = tmp_path / "export.xml"
    export.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY secret SYSTEM "{secret.as_uri()}">
  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/x.xml">
  <!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/x.dtd">
  %dtd;
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
<item><wp:post_id>1</wp:post_id><title>a &secret; b</title>
<content:encoded>&remote; body</content:encoded></item></channel></rss>"""
    )
    try:
        objects = list(iter_wxr(export))
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert "TOP-SECRET" not in repr(objects)
    item = items(objects)[1]
    assert item.title == "a  b"
    assert item.content == " body"


def test_reads_from_an_open_binary_file():
    with open(FIXTURES / "wpml.xml", "rb") as handle:
        assert len(items(iter_wxr(handle))) == 5


def test_slug_and_date_helpers():
    assert decode_slug("%d8%b3%d9%8a%d8%a7%d8%b3%d8%a9") == "سياسة"
    assert decode_slug("  plain ") == "plain"
    assert decode_slug("%ff%fe-broken") == "%ff%fe-broken"
    assert decode_slug("50%-off") == "50%-off"
    assert parse_local_datetime("0000-00-00 00:00:00") is None
    assert parse_local_datetime("") is None
    assert parse_local_datetime("yesterday") is None
    assert parse_gmt_datetime("2024-03-15 07:30:00") == datetime(2024, 3, 15, 7, 30, tzinfo=UTC)


def test_public_files_read_without_problems():
    for path in sorted(PUBLIC.glob("*.xml")):
        objects = list(iter_wxr(path))
        assert not [obj for obj in objects if isinstance(obj, WxrProblem)], path.name
        assert isinstance(objects[0], WxrHeader)


def test_public_wxr_1_1_with_crlf_line_endings():
    objects = list(iter_wxr(PUBLIC / "valid-wxr-1.1.xml"))
    assert kinds(objects) == {"WxrHeader": 1, "WxrAuthor": 2, "WxrTerm": 3, "WxrItem": 2}
    assert objects[0].wxr_version == "1.1"
    by_id = items(objects)
    assert by_id[1].slug == "hello-world"
    assert [(t.domain, t.slug) for t in by_id[1].terms] == [
        ("category", "alpha"),
        ("post_tag", "clippable"),
        ("post_tax", "bieup"),
    ]
    assert by_id[1].comments[0].author == "Mr WordPress"
    assert by_id[2].post_type == "page"
    assert by_id[2].meta == {"_wp_page_template": ["default"]}
    terms = [t for t in objects if isinstance(t, WxrTerm)]
    assert [(t.taxonomy, t.slug) for t in terms] == [
        ("category", "alpha"),
        ("post_tag", "clippable"),
        ("post_tax", "bieup"),
    ]


def test_public_slashes_are_kept_as_they_are():
    objects = list(iter_wxr(PUBLIC / "slashes.xml"))
    post = items(objects)[1]
    assert post.content == 'Slashes aren\\\'t \\"cool\\"'
    assert post.comments[0].content == "\\o/ ¯\\_(ツ)_/¯"
    tag = [t for t in objects if isinstance(t, WxrTerm) and t.taxonomy == "post_tag"][0]
    assert tag.name == "foo\\'bar"


def test_public_small_files():
    cdata = items(iter_wxr(PUBLIC / "cdata-edge.xml"))
    assert cdata[1].content == "ends with sequence ]] >"
    term_meta = [t for t in iter_wxr(PUBLIC / "term-meta.xml") if isinstance(t, WxrTerm)]
    assert term_meta[0].taxonomy == "category" and term_meta[0].meta == {"legacy_id": ["42"]}
    old = list(iter_wxr(PUBLIC / "test-serialized-postmeta-with-cdata.xml"))
    assert old[0].wxr_version == "1.0"
    post = items(old)[10]
    assert post.date_gmt is None and post.status == "draft"
    # WXR 1.0 repeats the category without a domain; the one with a domain is kept.
    assert [(t.domain, t.slug) for t in post.terms] == [("category", "uncategorized")]
    assert post.meta_value("evil") == "<wp:meta_value>evil</wp:meta_value>"


def test_memory_stays_flat_on_a_large_export(tmp_path):
    """A ~30 MB export is read in a few MB: items are dropped once read."""
    export = tmp_path / "large.xml"
    subprocess.run(
        [sys.executable, "bench/wxr_generate.py", "--posts", "2500", "--comments", "9000"]
        + ["--polylang", "--out", export],
        check=True,
        cwd=ROOT,
    )
    assert export.stat().st_size > 25_000_000
    script = (
        "import resource, sys\n"
        "from nashra.wpimport.wxr import iter_wxr, WxrItem\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "n = sum(1 for o in iter_wxr(sys.argv[1]) if isinstance(o, WxrItem))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(n, after - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, export],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    count, growth_kb = map(int, result.stdout.split())
    assert count == export.read_bytes().count(b"<item>")
    assert growth_kb < 15_000, f"peak RSS grew by {growth_kb} kB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def export_bytes(body, *, declaration=b'<?xml version="1.0" encoding="UTF-8" ?>', ns=b"http"):
    return (
        declaration
        + b'<rss version="2.0" xmlns:wp="'
        + ns
        + b'://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        + b"<channel><title>t</title><wp:wxr_version>1.2</wp:wxr_version>"
        + body
        + b"</channel></rss>"
    )


def test_bytes_that_are_not_utf8_and_forbidden_characters_do_not_stop_the_import():
    data = export_bytes(
        b"<item><wp:post_id>1</wp:post_id><title>caf\xe9</title>"
        b"<content:encoded><![CDATA[page\x0cbreak, bell\x07]]></content:encoded></item>"
        b"<item><wp:post_id>2</wp:post_id><title>next</title></item>"
    )
    objects = list(iter_wxr(io.BytesIO(data)))
    by_id = items(objects)
    assert by_id[1].title == "caf\ufffd"
    assert by_id[1].content == "pagebreak, bell"
    assert by_id[2].title == "next"
    assert isinstance(objects[-1], WxrProblem)
    assert objects[-1].reason.startswith("3 characters")


def test_a_file_in_another_declared_encoding_is_read_as_declared():
    title = "سياسة".encode("cp1256")
    data = export_bytes(
        b"<item><wp:post_id>1</wp:post_id><title>" + title + b"</title></item>",
        declaration=b'<?xml version="1.0" encoding="windows-1256" ?>',
    )
    objects = list(iter_wxr(io.BytesIO(data)))
    assert items(objects)[1].title == "سياسة"
    assert not [obj for obj in objects if isinstance(obj, WxrProblem)]


def test_https_namespace_of_wordpress_com_exports():
    data = export_bytes(b"<item><wp:post_id>3</wp:post_id></item>", ns=b"https")
    assert list(items(iter_wxr(io.BytesIO(data)))) == [3]


def test_a_bad_comment_is_skipped_but_its_post_is_kept():
    data = export_bytes(
        b"<item><wp:post_id>4</wp:post_id>"
        b"<wp:comment><wp:comment_id>x</wp:comment_id></wp:comment>"
        b"<wp:comment><wp:comment_author>no id</wp:comment_author></wp:comment>"
        b"<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_parent>8</wp:comment_parent>"
        b"</wp:comment></item>"
    )
    objects = list(iter_wxr(io.BytesIO(data)))
    assert [type(obj).__name__ for obj in objects] == [
        "WxrHeader",
        "WxrItem",
        "WxrProblem",
        "WxrProblem",
    ]
    assert [c.id for c in objects[1].comments] == [9]
    assert "comment of item 4 skipped" in objects[2].reason


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 64])
def test_the_cleaning_stream_never_cuts_a_character(size):
    from nashra.wpimport.wxr import _Cleaner

    original = ("<p>سياسة 🚀 café</p>\n" * 20).encode("utf-8")
    stream = _Cleaner(io.BytesIO(original + b"\x0c\xff"))
    out = b"".join(iter(lambda: stream.read(size), b""))
    assert out == original + "\ufffd".encode()
    assert stream.replaced == 2


def test_public_comprehensive_file():
    objects = list(iter_wxr(PUBLIC / "wxr-comprehensive.xml"))
    assert kinds(objects) == {"WxrHeader": 1, "WxrAuthor": 2, "WxrTerm": 4, "WxrItem": 2}
    post = items(objects)[1000]
    assert post.creator == "alice" and post.slug == "comprehensive-post"
    assert [(t.domain, t.slug) for t in post.terms] == [
        ("category", "news"),
        ("category", "updates"),
        ("post_tag", "t1"),
        ("post_tag", "t2"),
    ]
    assert post.comments[0].ip == "127.0.0.1" and post.comments[0].approved == "1"
    assert items(objects)[2000].post_type == "page"
