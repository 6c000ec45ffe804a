"""The section map: lines or JSON, Arabic slugs written either way, errors that say where."""

import pytest
from django.utils import translation

from nashra.wpimport.importer import parse_section_map


def test_lines_comments_and_encoded_arabic_slugs():
    text = """
    # WordPress category = Nashra section
    politics = news
    %d8%b3%d9%8a%d8%a7%d8%b3%d8%a9 = politics-ar   # سياسة, encoded
    اقتصاد = economy-ar
    ar:world = world-ar
    """
    assert parse_section_map(text) == {
        "politics": "news",
        "سياسة": "politics-ar",
        "اقتصاد": "economy-ar",
        "ar:world": "world-ar",
    }
    assert parse_section_map('{"%d8%a7%d9%82": "x"}') == {"اق": "x"}
    assert parse_section_map("   ") == {}


@pytest.mark.parametrize(
    ("text", "english", "arabic"),
    [
        ("politics = news\nsport", "Line 2:", "السطر 2:"),
        ('{"a": 1}', "must map category slugs", "كائن JSON"),
        ("[1, 2]", "Line 1:", "السطر 1:"),
        ('{"a": ', "Not valid JSON", "ليس JSON"),
    ],
)
def test_errors_say_what_and_where_in_both_languages(text, english, arabic):
    for language, words in (("en", english), ("ar", arabic)):
        with translation.override(language), pytest.raises(ValueError, match=words):
            parse_section_map(text)
