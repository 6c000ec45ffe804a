from nashra.wpimport.content import KNOWN_SHORTCODES
from nashra.wpimport.content.shortcodes import parse_attributes, replace_shortcodes

from .content_helpers import convert, kinds, make_ctx, sources


def names(text):
    found = []
    replace_shortcodes(text, KNOWN_SHORTCODES, lambda code: found.append(code.name) or "")
    return found


def test_attributes_in_every_quoting_style():
    assert parse_attributes(' ids="1,2" columns=\'3\' size=large "loose" flag') == {
        "ids": "1,2",
        "columns": "3",
        "size": "large",
        "0": "loose",
        "1": "flag",
    }


def test_brackets_in_prose_are_not_shortcodes_but_plugin_ones_are():
    assert names("He said [sic] it. [Ali/AFP] [1]") == []
    assert names('[contact-form-7 id="4"] [vc_row]x[/vc_row] [toc /] [gallery]') == [
        "contact-form-7",
        "vc_row",
        "toc",
        "gallery",
    ]


def test_double_brackets_escape_a_shortcode():
    assert convert("Write [[gallery]] to show a gallery").blocks[0][1].source == (
        "<p>Write [gallery] to show a gallery</p>"
    )


def test_caption_makes_an_image_with_its_caption_and_credit():
    ctx = make_ctx(attachments=[12])
    result = convert(
        'Before\n\n[caption id="attachment_12" align="aligncenter" width="640"]'
        '<a href="https://old.example.com/big.jpg"><img class="size-large wp-image-12" '
        'src="https://old.example.com/wp-content/uploads/p-640x480.jpg" alt="Fishing boats" '
        'width="640" height="480" /></a> Boats return at dawn [Hind Saleh/AFP][/caption]\n\nAfter',
        ctx,
    )
    assert kinds(result) == ["paragraph", "image", "paragraph"]
    image = result.blocks[1][1]
    assert image["image"].wp_id == 12
    assert image["caption"] == "Boats return at dawn" and image["alt_text"] == "Fishing boats"


def test_old_caption_attribute_and_wp_caption_name():
    ctx = make_ctx(attachments=[3])
    result = convert(
        '[wp_caption id="attachment_3" caption="Old style"]<img src="x.jpg" class="wp-image-3">'
        "[/wp_caption]",
        ctx,
    )
    assert result.blocks[0][1]["caption"] == "Old style"


def test_gallery_by_ids_and_a_gallery_without_ids():
    result = convert('[gallery ids="4, 5,404" columns="2"]\n\n[gallery]', make_ctx([4, 5]))
    assert kinds(result) == ["gallery"]
    assert [item["image"].wp_id for item in result.blocks[0][1]] == [4, 5]
    assert any("404" in note for note in result.notes)
    assert any("attached images" in note for note in result.notes)


def test_embed_shortcode_for_any_address():
    result = convert("[embed width=500]https://example.org/some/page[/embed]")
    assert result.blocks == [
        (
            "embed",
            {"url": "https://example.org/some/page", "title": "example.org", "description": ""},
        )
    ]


def test_audio_and_video_shortcodes():
    result = convert(
        '[audio mp3="https://old.example.com/wp-content/uploads/2019/talk.mp3"][/audio]\n\n'
        '[video width="640" mp4="https://media.example.net/clip.mp4"][/video]\n\n'
        '[audio src="/wp-content/uploads/song.ogg"]'
    )
    assert [value["url"] for _kind, value in result.blocks] == [
        "https://cdn.nashra.example/media/talk.mp3",
        "https://media.example.net/clip.mp4",
        "https://cdn.nashra.example/media/song.ogg",
    ]
    assert [value["title"] for _kind, value in result.blocks] == [
        "talk.mp3",
        "clip.mp4",
        "song.ogg",
    ]


def test_bare_provider_urls_alone_on_a_line_become_embed_cards():
    urls = [
        "https://www.youtube.com/watch?v=abc",
        "https://youtu.be/abc",
        "https://vimeo.com/123",
        "https://x.com/someone/status/1",
        "https://twitter.com/someone/status/2",
        "https://www.instagram.com/p/xyz/",
        "https://www.facebook.com/page/posts/3",
        "https://soundcloud.com/artist/track",
        "https://open.spotify.com/episode/4",
        "https://www.tiktok.com/@someone/video/5",
    ]
    result = convert("Intro\n\n" + "\n".join(urls) + "\n\nhttps://example.org/not-a-provider")
    assert kinds(result) == ["paragraph"] + ["embed"] * len(urls) + ["paragraph"]
    assert [value["url"] for kind, value in result.blocks if kind == "embed"] == urls
    assert [value["title"] for kind, value in result.blocks if kind == "embed"] == [
        "YouTube",
        "YouTube",
        "Vimeo",
        "X",
        "X",
        "Instagram",
        "Facebook",
        "SoundCloud",
        "Spotify",
        "TikTok",
    ]


def test_a_provider_url_inside_a_sentence_stays_a_link_in_text():
    result = convert("Watch https://www.youtube.com/watch?v=abc today")
    assert kinds(result) == ["paragraph"]


def test_unknown_shortcodes_are_kept_as_text_in_legacy_html_and_counted():
    result = convert(
        'Intro\n\n[contact-form-7 id="5" title="Contact"]\n\n'
        '[su_box title="Note"]Boxed <b>text</b>\n\nSecond line[/su_box]\n\n'
        '[contact-form-7 id="6"]'
    )
    assert kinds(result) == ["paragraph", "legacy_html", "legacy_html", "legacy_html"]
    assert result.blocks[1][1] == '<p>[contact-form-7 id="5" title="Contact"]</p>'
    assert "Boxed <b>text</b>" in result.blocks[2][1] and "[/su_box]" in result.blocks[2][1]
    assert result.unknown_shortcodes == {"contact-form-7": 2, "su_box": 1}
    assert result.legacy_html == 3


def test_known_shortcodes_are_exactly_the_converted_ones():
    assert {"caption", "wp_caption", "gallery", "embed", "audio", "video"} == KNOWN_SHORTCODES


def test_pasted_social_embeds_become_cards_and_their_scripts_go():
    result = convert(
        '<blockquote class="twitter-tweet"><p lang="ar" dir="rtl">الميناء مفتوح</p>&mdash; '
        'Port (@port) <a href="https://twitter.com/port/status/99">May 1, 2024</a></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script>\n\n'
        '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/'
        'abc/"><a href="https://www.instagram.com/p/abc/">A post shared by Port</a></blockquote>'
        "\n\n"
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@port/video/1">'
        "<section>Dance</section></blockquote>"
    )
    assert [(kind, value["url"], value["title"]) for kind, value in result.blocks] == [
        ("embed", "https://twitter.com/port/status/99", "X"),
        ("embed", "https://www.instagram.com/p/abc/", "Instagram"),
        ("embed", "https://www.tiktok.com/@port/video/1", "TikTok"),
    ]
    assert result.blocks[0][1]["description"] == "الميناء مفتوح — Port (@port) May 1, 2024"


def test_smilies_drawn_as_images_are_their_text():
    result = convert(
        'Good news <img class="wp-smiley" src="/wp-includes/images/smilies/s.gif" alt=":)">'
    )
    assert sources(result) == ["<p>Good news :)</p>"]
