import pytest

from nashra.wpimport.phpdata import (
    PhpDataError,
    PhpObject,
    is_serialized,
    maybe_unserialize,
    unserialize,
)
from nashra.wpimport.wxr import WxrItem, iter_wxr

from .test_wxr import FIXTURES, PUBLIC


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("N;", None),
        ("b:1;", True),
        ("b:0;", False),
        ("i:-42;", -42),
        ("d:1.5;", 1.5),
        ("d:INF;", float("inf")),
        ('s:0:"";', ""),
        ('s:5:"a";b"c";', 'a";b"c'),
        ('a:2:{s:2:"en";i:101;s:2:"ar";i:102;}', {"en": 101, "ar": 102}),
        ("a:0:{}", {}),
        ('a:2:{i:0;s:1:"x";i:1;a:1:{s:1:"k";b:1;}}', {0: "x", 1: {"k": True}}),
        # Lengths count UTF-8 bytes: 10 bytes for five Arabic letters.
        ('s:10:"القدس";', "القدس"),
        ('a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}', {"key": "¯\\_(ツ)_/¯"}),
    ],
)
def test_reads_php_values(text, value):
    assert unserialize(text) == value


def test_objects_keep_their_class_name():
    value = unserialize('O:8:"stdClass":2:{s:1:"a";i:1;s:1:"b";N;}')
    assert isinstance(value, PhpObject)
    assert value == {"a": 1, "b": None}
    assert value.class_name == "stdClass"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # CRLF turned into LF by the XML round trip: declared 18, now 17 bytes.
        ('a:1:{i:0;s:18:"Line one\nLine two";}', {0: "Line one\nLine two"}),
        # Arabic counted in characters instead of bytes.
        ('a:2:{i:0;s:5:"القدس";i:1;s:8:"دمشق";}', {0: "القدس", 1: "دمشق"}),
        # Too long and too short, as keys and as values, nested.
        ('a:1:{s:9:"k";a:1:{s:1:"inner";s:40:"v";}}', {"k": {"inner": "v"}}),
        ('s:3:"hello";', "hello"),
        # A quote-semicolon inside the string: the declared length is right, keep it.
        ('a:1:{i:0;s:6:"a";i:0";}', {0: 'a";i:0'}),
    ],
)
def test_repairs_wrong_string_lengths(text, value):
    assert unserialize(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "x", "a:1:{", 's:4:"abc', "i:abc;", "a:1:{i:0;}", "q:1;", 'a:1:{d:1.0;s:1:"x";}'],
)
def test_nonsense_is_an_error(text):
    with pytest.raises(PhpDataError):
        unserialize(text)


def test_deep_nesting_is_refused_not_a_crash():
    text = "a:1:{i:0;" * 500 + "N;" + "}" * 500
    with pytest.raises(PhpDataError, match="deep"):
        unserialize(text)


def test_maybe_unserialize():
    assert maybe_unserialize("plain text") == "plain text"
    assert maybe_unserialize("a:1:{broken") == "a:1:{broken"
    assert maybe_unserialize("i:5;") == 5
    assert maybe_unserialize('a:1:{s:1:"a";i:1;}') == {"a": 1}
    assert is_serialized("b:1;") and not is_serialized("12") and not is_serialized(None)


def test_broken_postmeta_in_the_fixture_is_repaired():
    post = next(
        obj
        for obj in iter_wxr(FIXTURES / "newsroom.xml")
        if isinstance(obj, WxrItem) and obj.id == 117
    )
    assert unserialize(post.meta_value("news_sources")) == {
        0: "Line one\nLine two",
        1: "القدس",
        2: "دمشق",
    }


def test_public_serialized_postmeta():
    post = next(
        obj
        for obj in iter_wxr(PUBLIC / "test-serialized-postmeta-with-cdata.xml")
        if isinstance(obj, WxrItem)
    )
    assert maybe_unserialize(post.meta_value("post-options")) == {
        "special_post_title": "A special title",
        "is_calendar": "",
    }
    assert maybe_unserialize(post.meta_value("array-nested")) == {
        "key": {"foo": "¯\\_(ツ)_/¯", "bar": "\\o/"}
    }
    assert maybe_unserialize(post.meta_value("contains-html")) == "<pre>some html</pre>"
    assert maybe_unserialize(post.meta_value("integer")) == "1"
