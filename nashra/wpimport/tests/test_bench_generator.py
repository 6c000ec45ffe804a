"""The benchmark's export generator (bench/wxr_generate.py) writes a well-formed WXR 1.2 file
that holds what it says: bilingual posts with percent-encoded Arabic slugs, Polylang or WPML
pairs, attachments with alt text, threaded comments, and JPEGs for an offline import."""

import hashlib
import importlib.util
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
WP = "{http://wordpress.org/export/1.2/}"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("wxr_generate", ROOT / "bench/wxr_generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse(path):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.parse(str(path), parser).getroot()


def text(element, name):
    found = element.find(name)
    return found.text or "" if found is not None else None


@pytest.fixture(scope="module")
def polylang_export(generator, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wxr")
    summary = generator.generate(
        tmp / "export.xml",
        posts=50,
        comments=200,
        polylang=True,
        with_media=5,
        uploads_dir=str(tmp / "uploads"),
    )
    return tmp, summary, parse(tmp / "export.xml")


def test_counts_match_the_summary(polylang_export):
    _tmp, summary, root = polylang_export
    channel = root.find("channel")
    assert text(channel, f"{WP}wxr_version") == "1.2"
    items = channel.findall("item")
    types = Counter(text(item, f"{WP}post_type") for item in items)
    assert types == {
        "post": 50,
        "page": summary["pages"],
        "attachment": summary["attachments"],
        "nav_menu_item": summary["menu_items"],
    }
    assert summary["posts"] == 50 and summary["attachments"] > 0 and summary["menu_items"] > 0
    pages = [i for i in items if text(i, f"{WP}post_type") == "page"]
    children = [p for p in pages if text(p, f"{WP}post_parent") != "0"]
    assert children and all(text(c, "link").count("/") == 5 for c in children)  # parent/child
    comments = [c for item in items for c in item.findall(f"{WP}comment")]
    assert len(comments) == summary["comments"] == 200
    assert 2 <= len(channel.findall(f"{WP}author")) <= 10
    ids = [text(item, f"{WP}post_id") for item in items]
    assert len(ids) == len(set(ids))


def test_bilingual_with_percent_encoded_arabic_slugs(polylang_export):
    _tmp, _summary, root = polylang_export
    posts = [i for i in root.iter("item") if text(i, f"{WP}post_type") == "post"]
    languages = Counter(i.find("category[@domain='language']").get("nicename") for i in posts)
    assert languages == {"en": 25, "ar": 25}
    arabic = [
        i
        for i in posts
        if i.find("category[@domain='language']").get("nicename") == "ar"
        and text(i, f"{WP}post_name")
        and text(i, f"{WP}status") == "publish"
    ]
    encoded = [i for i in arabic if text(i, f"{WP}post_name").startswith(("%d8", "%d9"))]
    assert len(encoded) >= 0.8 * len(arabic) > 0  # a few twins keep the English slug
    for item in encoded:
        raw, link = text(item, f"{WP}post_name"), text(item, "link")
        assert raw == raw.lower() and len(raw) <= 200
        assert "\u0600" <= unquote(raw)[0] <= "\u06ff"
        assert link.startswith("https://almina.example/ar/") and link.endswith(f"/{raw}/")


def test_polylang_groups_pair_an_english_and_an_arabic_post(polylang_export):
    _tmp, summary, root = polylang_export
    channel = root.find("channel")
    language = {
        text(i, f"{WP}post_id"): i.find("category[@domain='language']").get("nicename")
        for i in channel.findall("item")
        if text(i, f"{WP}post_type") == "post"
    }
    groups = [
        t
        for t in channel.findall(f"{WP}term")
        if text(t, f"{WP}term_taxonomy") == "post_translations"
    ]
    assert len(groups) == summary["translation_groups"] > 0
    for term in groups:
        desc = text(term, f"{WP}term_description")  # a:2:{s:2:"en";i:12;s:2:"ar";i:13;}
        assert desc.startswith("a:2:{")
        ids = dict(re.findall(r's:2:"(\w\w)";i:(\d+);', desc))
        assert set(ids) == {"en", "ar"}
        assert {language[ids["en"]], language[ids["ar"]]} == {"en", "ar"}


def test_attachments_images_and_threads(polylang_export):
    tmp, summary, root = polylang_export
    items = root.find("channel").findall("item")
    attachments = {
        text(i, f"{WP}post_id"): i for i in items if text(i, f"{WP}post_type") == "attachment"
    }
    for item in attachments.values():
        keys = {text(m, f"{WP}meta_key") for m in item.findall(f"{WP}postmeta")}
        assert {"_wp_attachment_image_alt", "_wp_attached_file", "_wp_attachment_metadata"} <= keys
    thumbnails = [
        text(m, f"{WP}meta_value")
        for i in items
        for m in i.findall(f"{WP}postmeta")
        if text(m, f"{WP}meta_key") == "_thumbnail_id"
    ]
    assert thumbnails and all(t in attachments for t in thumbnails)
    bodies = " ".join(text(i, "{http://purl.org/rss/1.0/modules/content/}encoded") for i in items)
    assert "[caption id=" in bodies and "<!-- wp:image" in bodies and "<!-- wp:list" in bodies
    comments = [c for i in items for c in i.findall(f"{WP}comment")]
    assert any(text(c, f"{WP}comment_parent") != "0" for c in comments)
    assert Counter(text(c, f"{WP}comment_approved") for c in comments)["1"] > 100

    files = sorted((tmp / "uploads").rglob("*.jpg"))
    assert len(files) == summary["media_files"] == 5
    assert len({hashlib.sha256(f.read_bytes()).hexdigest() for f in files}) == 5
    urls = {text(i, f"{WP}attachment_url") for i in attachments.values()}
    for path in files:
        relative = path.relative_to(tmp / "uploads").as_posix()
        assert f"https://almina.example/wp-content/uploads/{relative}" in urls
        with Image.open(path) as image:
            assert image.format == "JPEG"


def test_the_same_seed_writes_the_same_bytes_and_wpml_marks_languages(generator, tmp_path):
    first, second, wpml = tmp_path / "a.xml", tmp_path / "b.xml", tmp_path / "wpml.xml"
    generator.generate(first, posts=20, comments=30, seed=7, polylang=True)
    generator.generate(second, posts=20, comments=30, seed=7, polylang=True)
    assert first.read_bytes() == second.read_bytes()

    generator.generate(wpml, posts=20, comments=30, seed=7, wpml=True)
    root = parse(wpml)
    assert not root.findall(".//category[@domain='language']")
    keys = Counter(text(m, f"{WP}meta_key") for m in root.iter(f"{WP}postmeta"))
    assert keys["_wpml_import_language_code"] == 20 + 10  # posts and pages
    assert keys["_wpml_import_translation_group"] > 0


def test_the_benchmark_counts_an_export_as_the_generator_does(generator, tmp_path, monkeypatch):
    """bench/wp_import.py --export times a real site's file; its posts/s need these counts."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("wp_import", ROOT / "bench/wp_import.py")
    driver = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(driver)
    summary = generator.generate(tmp_path / "e.xml", posts=40, comments=90, wpml=True)
    counted = driver.count_export(tmp_path / "e.xml")
    for key in ("posts", "pages", "attachments", "comments", "bytes"):
        assert counted[key] == summary[key], key
