from nashra.wpimport.content.wpautop import wpautop

from .content_helpers import convert, kinds, sources


def test_double_line_breaks_make_paragraphs_and_single_ones_breaks():
    assert wpautop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n<p>Three</p>\n"


def test_runs_of_blank_lines_and_windows_line_ends_are_one_break():
    assert wpautop("One\r\n\r\n\r\n\r\nTwo") == "<p>One</p>\n<p>Two</p>\n"


def test_block_elements_are_not_wrapped():
    out = wpautop(
        "Intro\n<h2>Head</h2>\n<ul>\n<li>a</li>\n</ul>\n<table><tr><td>x</td></tr></table>"
    )
    assert "<p><h2>" not in out and "<p><ul>" not in out and "<p><table>" not in out
    assert out.startswith("<p>Intro</p>") and "<h2>Head</h2>" in out
    assert "<li>a</li>" in out and "<br />" not in out


def test_pre_is_left_exactly_as_written():
    out = wpautop("Before\n\n<pre>line one\n\n  line two</pre>\n\nAfter")
    assert "<pre>line one\n\n  line two</pre>" in out
    assert out.startswith("<p>Before</p>") and "<p>After</p>" in out


def test_text_inside_a_blockquote_is_paragraphed():
    assert wpautop("<blockquote>One\n\nTwo</blockquote>") == (
        "<blockquote><p>One</p>\n<p>Two</p></blockquote>\n"
    )


def test_two_br_tags_are_a_paragraph_break_and_a_newline_inside_a_tag_is_not():
    assert wpautop("One<br><br>Two") == "<p>One</p>\n<p>Two</p>\n"
    assert wpautop('<a\nhref="x">link</a>') == '<p><a href="x">link</a></p>\n'


def test_empty_content():
    assert wpautop("") == "" and wpautop(" \n\n ") == ""


def test_a_classic_post_becomes_one_block_per_paragraph():
    result = convert("First line\nsecond line\n\nSecond paragraph\n\n<h3>A head</h3>\nAfter")
    assert kinds(result) == ["paragraph", "paragraph", "subheading", "paragraph"]
    assert sources(result) == [
        "<p>First line<br/>second line</p>",
        "<p>Second paragraph</p>",
        "<p>After</p>",
    ]
    assert sources(result, "subheading") == ["A head"]


def test_empty_paragraphs_are_dropped():
    result = convert("<p>&nbsp;</p>\n\nText\n\n<p> </p>")
    assert sources(result) == ["<p>Text</p>"]


def test_comments_doctype_php_and_cdata_are_not_text():
    result = convert("<?php echo 1; ?>Text <!-- note --> <![CDATA[x]]> more\n\n<!DOCTYPE html>")
    assert sources(result) == ["<p>Text more</p>"]
