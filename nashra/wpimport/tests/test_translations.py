import pytest

from nashra.wpimport.translations import TranslationIndex, normalise_language
from nashra.wpimport.wxr import WxrItem, WxrItemTerm, WxrTerm, iter_wxr

from .test_wxr import FIXTURES, PUBLIC


def index_of(path, *, items_first=False):
    objects = list(iter_wxr(path))
    terms = [obj for obj in objects if isinstance(obj, WxrTerm)]
    items = [obj for obj in objects if isinstance(obj, WxrItem)]
    index = TranslationIndex()
    if items_first:
        for item in items:
            index.add_item(item)
    for term in terms:
        index.add_term(term)
    if not items_first:
        for item in items:
            index.add_item(item)
    return index


def item(wp_id, *, terms=(), meta=None):
    return WxrItem(
        id=wp_id,
        post_type="post",
        status="publish",
        title="",
        link="",
        guid="",
        slug="",
        raw_slug="",
        creator="",
        content="",
        excerpt="",
        date=None,
        date_gmt=None,
        modified_gmt=None,
        parent=0,
        menu_order=0,
        password="",
        is_sticky=False,
        attachment_url="",
        terms=[WxrItemTerm(domain, slug, slug) for domain, slug in terms],
        meta={key: [value] for key, value in (meta or {}).items()},
    )


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("ar", "ar"),
        ("ar_SA", "ar"),
        ("ar-EG", "ar"),
        ("AR", "ar"),
        ("en_US", "en"),
        ("en_GB", "en"),
        ("en-gb", "en"),
        (" fr ", "fr"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_language(code, language):
    assert normalise_language(code) == language


@pytest.mark.parametrize("items_first", [False, True])
def test_polylang_languages_and_twins(items_first):
    index = index_of(FIXTURES / "newsroom.xml", items_first=items_first)
    assert index.plugin == "polylang"
    assert index.language_of(101) == "en"
    assert index.language_of(102) == "ar"
    assert index.language_of(104) == "ar"
    assert index.language_of(111) is None
    assert index.language_of(424242) is None
    # Group from a post_translations term (with description) ...
    assert index.twins_of(101) == {"en": 101, "ar": 102}
    assert index.twins_of(102) == {"en": 101, "ar": 102}
    # ... and a group known only from the items' post_translations category.
    assert index.twins_of(105) == {"en": 105, "ar": 106}
    # The group of 103 names post 9999, which is not in the file.
    assert index.twins_of(103) == {}
    assert index.twins_of(104) == {}
    assert index.groups() == [{"en": 101, "ar": 102}, {"en": 105, "ar": 106}]
    assert not index.conflicts


def test_polylang_language_from_the_locale_in_the_term_description():
    index = TranslationIndex()
    index.add_term(
        WxrTerm(1, "language", "arabic", "العربية", "", 'a:1:{s:6:"locale";s:5:"ar_EG";}')
    )
    index.add_item(item(5, terms=[("language", "arabic")]))
    assert index.language_of(5) == "ar"


def test_wpml_export_and_import_meta_and_older_icl_meta():
    index = index_of(FIXTURES / "wpml.xml")
    assert index.plugin == "wpml"
    assert index.language_of(301) == "en" and index.language_of(302) == "ar"
    assert index.language_of(303) == "en" and index.language_of(304) == "ar"
    assert index.language_of(305) is None
    assert index.twins_of(301) == {"en": 301, "ar": 302}
    assert index.twins_of(304) == {"en": 303, "ar": 304}
    assert index.twins_of(305) == {}
    assert len(index.groups()) == 2


def test_wpml_group_with_a_member_missing_from_the_file():
    index = TranslationIndex()
    index.add_item(
        item(1, meta={"_wpml_import_language_code": "en", "_wpml_import_translation_group": "9"})
    )
    index.add_item(item(2, meta={"_icl_lang_code": "ar", "_icl_translation_of": "77"}))
    assert index.twins_of(1) == {}
    assert index.twins_of(2) == {}


def test_two_posts_of_one_language_in_a_group_keep_the_first_and_are_noted():
    index = TranslationIndex()
    for wp_id, language in ((1, "en"), (2, "ar"), (3, "ar")):
        index.add_item(item(wp_id, terms=[("language", language), ("post_translations", "g")]))
    assert index.twins_of(1) == {"en": 1, "ar": 2}
    assert index.twins_of(3) == {"en": 1, "ar": 3}  # a post always keeps its own place
    assert (("ar", 2, 3)) in index.conflicts


def test_no_plugin():
    index = index_of(PUBLIC / "valid-wxr-1.1.xml")
    assert index.plugin is None
    assert index.language_of(1) is None
    assert index.groups() == []


def test_polylang_term_translations():
    index = index_of(FIXTURES / "newsroom.xml")
    assert index.term_language_of(10) == "en"
    assert index.term_language_of(12) == "ar"
    assert index.term_twins_of(10) == {"en": 10, "ar": 12}
    assert index.term_twins_of(12) == {"en": 10, "ar": 12}
    assert index.term_twins_of(11) == {}
    assert index.term_language_of(11) is None


def test_wpml_term_translations():
    index = index_of(FIXTURES / "wpml.xml")
    assert index.term_twins_of(10) == {"en": 10, "ar": 11}
    assert index.term_language_of(11) == "ar"
    assert index.term_twins_of(999) == {}
