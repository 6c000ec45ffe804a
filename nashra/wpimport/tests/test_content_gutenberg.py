from nashra.wpimport.content import KNOWN_BLOCKS
from nashra.wpimport.content.gutenberg import parse_blocks

from .content_helpers import SITE, convert, kinds, make_ctx, sources


def block(name, html="", attrs=""):
    attrs = f" {attrs}" if attrs else ""
    return f"<!-- wp:{name}{attrs} -->\n{html}\n<!-- /wp:{name} -->\n\n"


def test_parser_nests_blocks_and_keeps_freeform_text_between_them():
    text = (
        block("paragraph", "<p>One</p>")
        + "Loose text\n"
        + block("columns", "<div>" + block("column", block("paragraph", "<p>In</p>")) + "</div>")
        + '<!-- wp:acme/chart {"values":[1,2],"label":"a } b"} /-->'
    )
    top = parse_blocks(text)
    assert [b.name for b in top] == [
        "core/paragraph",
        None,
        "core/columns",
        "acme/chart",
    ]
    assert top[2].inner_blocks[0].inner_blocks[0].name == "core/paragraph"
    assert "<p>In</p>" in top[2].html and "wp:" not in top[2].html
    assert top[3].attrs == {"values": [1, 2], "label": "a } b"}


def test_a_block_never_closed_takes_the_rest_and_a_stray_closer_is_ignored():
    top = parse_blocks("<!-- /wp:quote --><!-- wp:paragraph --><p>Cut off")
    assert [b.name for b in top] == ["core/paragraph"] and "<p>Cut off" in top[0].html


def test_paragraph_heading_and_list():
    result = convert(
        block("paragraph", "<p>Hello <strong>world</strong> and <em>you</em></p>")
        + block("heading", "<h2>A <em>sub</em>head</h2>", '{"level":2}')
        + block(
            "list",
            "<ul>"
            + block("list-item", "<li>one</li>")
            + block("list-item", "<li>two" + block("list", "<ol><li>deep</li></ol>") + "</li>")
            + "</ul>",
        )
    )
    assert kinds(result) == ["paragraph", "subheading", "paragraph"]
    assert sources(result) == [
        "<p>Hello <b>world</b> and <i>you</i></p>",
        "<ul><li>one</li><li>two<ol><li>deep</li></ol></li></ul>",
    ]
    assert sources(result, "subheading") == ["A sub head"]
    assert not result.unknown_blocks


def test_quote_and_pullquote_take_their_citation_as_attribution():
    result = convert(
        block(
            "quote",
            '<blockquote class="wp-block-quote">'
            + block("paragraph", "<p>First.</p>")
            + block("paragraph", "<p>Second.</p>")
            + "<cite>Hind Saleh, minister</cite></blockquote>",
        )
        + block(
            "pullquote",
            '<figure class="wp-block-pullquote"><blockquote><p>Pulled.</p>'
            "<cite>The report</cite></blockquote></figure>",
        )
    )
    assert result.blocks == [
        ("quote", {"text": "First.\n\nSecond.", "attribution": "Hind Saleh, minister"}),
        ("quote", {"text": "Pulled.", "attribution": "The report"}),
    ]


def test_a_quote_without_citation_stays_as_a_paragraph():
    result = convert(block("quote", "<blockquote><p>Nobody said this.</p></blockquote>"))
    assert sources(result) == ["<p>Nobody said this.</p>"] and result.notes


def test_image_by_attachment_id_with_caption_credit_and_alt():
    ctx = make_ctx(attachments=[5])
    result = convert(
        block(
            "image",
            '<figure class="wp-block-image"><img src="https://old.example.com/a.jpg" alt="Boats"'
            ' class="wp-image-5"/><figcaption>The port at dawn. Photo: Ali Hassan/AFP'
            "</figcaption></figure>",
            '{"id":5,"sizeSlug":"large"}',
        ),
        ctx,
    )
    [(kind, value)] = result.blocks
    assert kind == "image" and value["image"].wp_id == 5
    assert value["caption"] == "The port at dawn." and value["alt_text"] == "Boats"
    assert (value["image"].photographer, value["image"].agency) == ("", "")  # not saved: no pk


def test_image_by_url_when_it_has_no_id_and_the_sized_copy_falls_back_to_the_original():
    original = f"{SITE}/wp-content/uploads/2020/05/port.jpg"
    ctx = make_ctx(image_urls={original: "IMAGE"})
    result = convert(
        block(
            "image", '<figure><img src="/wp-content/uploads/2020/05/port-1024x768.jpg"/></figure>'
        ),
        ctx,
    )
    assert result.blocks == [("image", {"image": "IMAGE", "caption": "", "alt_text": ""})]


def test_an_image_not_imported_is_kept_as_legacy_html_and_noted():
    result = convert(
        block(
            "image",
            '<figure><img src="https://old.example.com/gone.jpg" alt="A">'
            "<figcaption>Lost</figcaption></figure>",
        )
    )
    assert kinds(result) == ["legacy_html"] and result.legacy_html == 1
    assert "gone.jpg" in result.blocks[0][1] and "Lost" in result.blocks[0][1]
    assert any("not imported" in note for note in result.notes)


def test_gallery_new_style_with_inner_images_and_old_style_with_ids():
    ctx = make_ctx(attachments=[6, 7, 8])
    new = block(
        "gallery",
        '<figure class="wp-block-gallery">'
        + block(
            "image",
            '<figure><img src="6.jpg" class="wp-image-6"/><figcaption>Six</figcaption></figure>',
            '{"id":6}',
        )
        + block("image", '<figure><img src="7.jpg" class="wp-image-7"/></figure>', '{"id":7}')
        + '<figcaption class="blocks-gallery-caption">The whole set</figcaption></figure>',
    )
    old = block("gallery", "", '{"ids":[8,99]}')
    result = convert(new + old, ctx)
    assert kinds(result) == ["gallery", "paragraph", "gallery"]
    first, caption, second = (value for _kind, value in result.blocks)
    assert [(i["image"].wp_id, i["caption"]) for i in first] == [(6, "Six"), (7, "")]
    assert caption.source == "<p>The whole set</p>"
    assert [i["image"].wp_id for i in second] == [8]
    assert any("99" in note for note in result.notes)


def test_embed_block_and_its_legacy_variation():
    result = convert(
        block(
            "embed",
            '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
            "https://www.youtube.com/watch?v=abc\n</div>"
            "<figcaption>The launch</figcaption></figure>",
            '{"url":"https://www.youtube.com/watch?v=abc","providerNameSlug":"youtube"}',
        )
        + block(
            "core-embed/twitter",
            '<figure><div class="wp-block-embed__wrapper">https://twitter.com/a/status/1</div></figure>',
            '{"url":"https://twitter.com/a/status/1"}',
        )
    )
    assert result.blocks == [
        (
            "embed",
            {
                "url": "https://www.youtube.com/watch?v=abc",
                "title": "YouTube",
                "description": "The launch",
            },
        ),
        ("embed", {"url": "https://twitter.com/a/status/1", "title": "X", "description": ""}),
    ]
    assert not result.unknown_blocks


def test_table_block_with_caption_and_header_scopes():
    result = convert(
        block(
            "table",
            '<figure class="wp-block-table"><table class="has-fixed-layout"><thead><tr>'
            "<th>Port</th>"
            "<th>Leaves</th></tr></thead><tbody><tr><td>Tyre</td><td><strong>7:00</strong></td></tr>"
            "</tbody></table><figcaption>Ferry times</figcaption></figure>",
        )
    )
    [(kind, value)] = result.blocks
    assert kind == "table" and value["caption"] == "Ferry times"
    assert value["html"] == (
        '<table><thead><tr><th scope="col">Port</th><th scope="col">Leaves</th></tr></thead>'
        "<tbody><tr><td>Tyre</td><td><strong>7:00</strong></td></tr></tbody></table>"
    )


def test_a_header_cell_that_starts_a_data_row_heads_the_row():
    result = convert(
        "<table><tr><th>Year</th><th>Total</th></tr><tr><th>2020</th><td>5</td></tr></table>"
    )
    html = result.blocks[0][1]["html"]
    assert html.count('scope="col"') == 2 and '<th scope="row">2020</th>' in html


def test_separator_spacer_more_and_nextpage():
    result = convert(
        block("separator", '<hr class="wp-block-separator"/>')
        + block(
            "spacer", '<div style="height:100px" aria-hidden="true" class="wp-block-spacer"></div>'
        )
        + block("more", "<!--more-->")
        + "<!-- wp:nextpage --><!--nextpage--><!-- /wp:nextpage -->"
    )
    assert result.blocks == [("separator", None)]
    assert result.notes == ["a spacer was left out"]


def test_group_and_columns_unwrap_to_their_blocks():
    inner = block("paragraph", "<p>Left</p>")
    result = convert(
        block(
            "group",
            '<div class="wp-block-group">' + block("heading", "<h3>In a group</h3>") + "</div>",
        )
        + block("columns", "<div>" + block("column", "<div>" + inner + "</div>") + "</div>")
    )
    assert kinds(result) == ["subheading", "paragraph"]


def test_html_and_freeform_are_converted_as_classic_content():
    result = convert(
        block("html", "<p>Raw <b>html</b></p><hr>")
        + "<!-- wp:freeform -->Classic line\n\nSecond<!-- /wp:freeform -->"
    )
    assert kinds(result) == ["paragraph", "separator", "paragraph", "paragraph"]
    assert sources(result) == ["<p>Raw <b>html</b></p>", "<p>Classic line</p>", "<p>Second</p>"]


def test_audio_and_video_become_cards_linking_to_the_imported_file():
    result = convert(
        block(
            "audio",
            '<figure class="wp-block-audio"><audio controls '
            'src="https://old.example.com/wp-content/uploads/2021/interview.mp3"></audio>'
            "<figcaption>The interview</figcaption></figure>",
            '{"id":12}',
        )
        + block(
            "video",
            '<figure class="wp-block-video"><video controls '
            'src="/wp-content/uploads/clip.mp4"></video></figure>',
        )
    )
    assert result.blocks == [
        (
            "embed",
            {
                "url": "https://cdn.nashra.example/media/interview.mp3",
                "title": "interview.mp3",
                "description": "The interview",
            },
        ),
        (
            "embed",
            {
                "url": "https://cdn.nashra.example/media/clip.mp4",
                "title": "clip.mp4",
                "description": "",
            },
        ),
    ]


def test_preformatted_and_code_are_legacy_html_verse_keeps_its_lines():
    result = convert(
        block("preformatted", '<pre class="wp-block-preformatted">a  b\n c</pre>')
        + block("code", '<pre class="wp-block-code"><code>x &lt; 1</code></pre>')
        + block("verse", '<pre class="wp-block-verse">سطر أول\nسطر ثانٍ</pre>')
    )
    assert kinds(result) == ["legacy_html", "legacy_html", "paragraph"]
    assert result.blocks[0][1] == "<pre>a  b\n c</pre>"
    assert result.blocks[1][1] == "<pre><code>x &lt; 1</code></pre>"
    assert sources(result) == ["<p>سطر أول<br/>سطر ثانٍ</p>"]
    assert result.legacy_html == 2 and not result.unknown_blocks


def test_unknown_blocks_are_sanitized_legacy_html_and_counted():
    result = convert(
        block(
            "acme/cta",
            '<div class="cta" style="color:red"><a href="https://acme.example">Join</a></div>',
            '{"color":"red"}',
        )
        + block("acme/cta", "<div>Again</div>")
        + '<!-- wp:latest-posts {"postsToShow":3} /-->'
    )
    assert kinds(result) == ["legacy_html", "legacy_html"]
    assert result.blocks[0][1] == (
        '<div><a href="https://acme.example" rel="noopener noreferrer nofollow">Join</a></div>'
    )
    assert result.unknown_blocks == {"acme/cta": 2, "core/latest-posts": 1}
    assert result.legacy_html == 2


def test_known_blocks_lists_every_block_the_converter_handles():
    for name in ("core/paragraph", "core/gallery", "core/more", "core-embed/youtube"):
        assert name in KNOWN_BLOCKS
    assert "core/cover" not in KNOWN_BLOCKS


def test_shortcodes_inside_blocks_are_converted():
    result = convert(
        block("shortcode", '[gallery ids="3"]')
        + block("paragraph", "<p>See [embed]https://vimeo.com/1[/embed] here</p>"),
        make_ctx(attachments=[3]),
    )
    assert kinds(result) == ["gallery", "paragraph", "embed", "paragraph"]


def test_a_gallery_image_not_imported_stays_visible_as_legacy_html():
    result = convert(
        block(
            "gallery",
            '<figure class="wp-block-gallery"><figure><img src="6.jpg" class="wp-image-6"/>'
            '</figure><figure><img src="https://old.example.com/lost.jpg"/><figcaption>Lost'
            "</figcaption></figure></figure>",
        ),
        make_ctx(attachments=[6]),
    )
    assert kinds(result) == ["gallery", "legacy_html"]
    assert "lost.jpg" in result.blocks[1][1] and "Lost" in result.blocks[1][1]
