"""Content from the export is untrusted: nothing executable or deceptive reaches any block."""

import random
import time

import pytest
from bs4 import BeautifulSoup

from .content_helpers import convert, make_ctx

ATTACKS = [
    '<script>alert("s")</script>',
    "<img src=x onerror=\"alert('img')\">",
    '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    '<iframe src="javascript:alert(3)"></iframe>',
    '<a href="javascript:alert(4)" onclick="alert(5)">click</a>',
    '<a href="JaVaScRiPt:alert(6)">mixed case</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==">data</a>',
    '<p style="background:url(javascript:alert(8))" onmouseover="alert(9)">styled</p>',
    "<style>body{display:none}</style>",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror="alert(10)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(11)>"></noscript>',
    "pay \u202eevil\u202c and \u2066isolate\u2069 text",
    "&#x202e;entity override",
]
BAD_TAGS = {"script", "style", "iframe", "svg", "math", "object", "embed", "form", "input"}
BAD_TAGS |= {"button", "noscript", "mglyph", "mtext"}
CONTROLS = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069")


def assert_safe(markup, where):
    """No executable markup: no such tags, no event or style attributes, no unsafe URLs."""
    for bad in CONTROLS:
        assert bad not in markup, (where, markup)
    for tag in BeautifulSoup(markup, "html.parser").find_all(True):
        assert tag.name not in BAD_TAGS, (where, markup)
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and name != "style", (where, markup)
            if name in ("href", "src"):
                assert value.split(":")[0].lower() in ("http", "https", "mailto", "tel") or (
                    ":" not in value
                ), (where, markup)


def everywhere(attack):
    """The attack placed in every path the converter has."""
    block = "<!-- wp:{0} -->{1}<!-- /wp:{0} -->"
    return {
        "classic": f"Intro\n\n{attack}\n\nEnd",
        "paragraph block": block.format("paragraph", f"<p>{attack}</p>"),
        "html block": block.format("html", attack),
        "unknown block": block.format("acme/widget", f"<div>{attack}</div>"),
        "unknown shortcode": f'[acme_box title="x"]{attack}[/acme_box]',
        "caption shortcode": f'[caption id="attachment_1"]<img src="a.jpg" class="wp-image-1"> '
        f"{attack}[/caption]",
        "quote": f"<blockquote><p>{attack}</p><cite>{attack}</cite></blockquote>",
        "table": block.format(
            "table",
            f"<figure><table><tr><td>{attack}</td></tr></table>"
            f"<figcaption>{attack}</figcaption></figure>",
        ),
        "heading": block.format("heading", f"<h2>{attack}</h2>"),
        "list": f"<ul><li>{attack}</li></ul>",
        "pre": f"<pre>{attack}</pre>",
        "image caption": block.format(
            "image",
            f'<figure><img src="a.jpg" alt="{attack}"><figcaption>{attack}</figcaption></figure>',
        ),
        "embed caption": block.format(
            "embed",
            f"<figure><div>https://youtu.be/x</div><figcaption>{attack}</figcaption></figure>",
        ),
        "missing image": f'<img src="https://old.example.com/x.jpg" alt="{attack}">',
    }


def stored(result):
    """(is it markup, string) for every string of every block value, as it would be stored."""

    def strings(kind, value, key=None):
        if hasattr(value, "source"):
            yield True, value.source
        elif isinstance(value, dict):
            for name, item in value.items():
                yield from strings(kind, item, name)
        elif isinstance(value, list):
            for item in value:
                yield from strings(kind, item)
        elif isinstance(value, str):
            yield kind == "legacy_html" or key == "html", value

    return [pair for kind, value in result.blocks for pair in strings(kind, value)]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_survives_in_any_path(attack):
    for path, html in everywhere(attack).items():
        result = convert(html, make_ctx(attachments=[1]))
        for is_markup, value in stored(result):
            if is_markup:
                assert_safe(value, path)
            else:  # plain text: escaped when shown, but never carrying bidi tricks
                assert not any(bad in value for bad in CONTROLS), (path, value)


def test_embed_urls_must_be_web_addresses():
    result = convert(
        "[embed]javascript:alert(1)[/embed]\n\n"
        '[audio src="data:audio/mp3;base64,AAAA"]\n\n'
        '<!-- wp:embed {"url":"vbscript:x"} --><figure></figure><!-- /wp:embed -->'
    )
    assert result.blocks == []
    assert len(result.notes) == 3


def test_escaped_markup_in_text_stays_text():
    result = convert("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert [value for _markup, value in stored(result)] == [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    ]


FRAGMENTS = [
    '<!-- wp:image {"id":"x"} -->',
    '<!-- wp:gallery {"ids":"1,2"} -->',
    "<!-- /wp:image -->",
    '<!-- wp:embed {"url":5} /-->',
    '<!-- wp:image {"id":1.5} --><figure><img data-id="²"></figure><!-- /wp:image -->',
    '<!-- wp:quote {"broken": --><blockquote></blockquote><!-- /wp:quote -->',
    "[caption]",
    "[/caption]",
    "[gallery ids=]",
    "[embed]",
    "[/embed]",
    "[audio",
    "]",
    "[[",
    "[a_b]",
    "<p>",
    "</p>",
    "<table>",
    "<tr><th>",
    "</table>",
    "<blockquote>",
    "<cite>",
    "<img>",
    "<a href='http://[::1'>x</a>",
    "<a href='http://host:port/'>y</a>",
    "text",
    "\n\n",
    "https://youtube.com/x",
    "<pre>",
    "<h2>",
    "<ul><li>",
    "<!--",
    "<figure>",
    "&#0;",
    "\x00",
    "<iframe src=//youtube.com/embed/x>",
    "<video><source src='v.mp4'></video>",
    "<nashra-block data-key='x'>",
    "<div class='wp-caption'>",
    "<blockquote class=twitter-tweet>",
    '<blockquote cite="http://[::1">',
    '<a href="https://x.com/[">',
    "[embed]http://[::1[/embed]",
    '[audio src="http://a:b/"]',
    '<!-- wp:embed {"url":"http://[x"} /-->',
    '<img class="wp-image-9" src="http://[::1">',
]


def test_malformed_content_never_raises():
    rnd = random.Random(15)
    for _ in range(1500):
        html = "".join(rnd.choice(FRAGMENTS) for _ in range(rnd.randint(1, 20)))
        convert(html, make_ctx())  # no exception


def test_markup_nested_too_deeply_keeps_its_words_as_plain_text():
    result = convert("<div>" * 5000 + "Deep <b>words</b> &amp; more" + "</div>" * 5000)
    assert [getattr(value, "source", value) for _kind, value in result.blocks] == [
        "<p>Deep words &amp; more</p>"
    ]
    assert result.notes == ["markup nested too deeply: kept as plain text"]


def test_pathological_inputs_stay_fast():
    for html in ("[sic] " * 20_000, "<!-- wp:x {" * 5_000, "a" + " " * 200_000 + "b"):
        started = time.perf_counter()
        convert(html)
        assert time.perf_counter() - started < 5
