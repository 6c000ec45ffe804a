"""Write a large synthetic bilingual WordPress export (Polylang twins, comments), for the
memory and throughput measurements. Run: python -m nashra.wpimport.tests.wxrgen OUT.xml POSTS
[COMMENTS_PER_POST] [PARAGRAPHS]."""

import sys

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated News</title><link>https://gen.example.com</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://gen.example.com</wp:base_site_url>
<wp:base_blog_url>https://gen.example.com</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[gen]]></wp:author_login>
<wp:author_email><![CDATA[gen@gen.example.com]]></wp:author_email>
<wp:author_display_name><![CDATA[Generator]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<wp:term><wp:term_id>2</wp:term_id><wp:term_taxonomy><![CDATA[language]]></wp:term_taxonomy>
<wp:term_slug><![CDATA[en]]></wp:term_slug><wp:term_name><![CDATA[English]]></wp:term_name></wp:term>
<wp:term><wp:term_id>3</wp:term_id><wp:term_taxonomy><![CDATA[language]]></wp:term_taxonomy>
<wp:term_slug><![CDATA[ar]]></wp:term_slug><wp:term_name><![CDATA[العربية]]></wp:term_name></wp:term>
"""

_EN = "The council met again on the water plan and heard from the villages. "
_AR = "اجتمع المجلس مجدداً لبحث خطة المياه واستمع إلى ممثلي القرى. "


def _item(post_id, lang, group, comments, paragraphs):
    text = _EN if lang == "en" else _AR
    body = "\n\n".join(f"<p>{text * 4}</p>" for _ in range(paragraphs))
    slug = f"story-{group}" if lang == "en" else f"%d8%ae%d8%a8%d8%b1-{group}"
    out = [
        f"<item><title><![CDATA[Story {post_id} {lang}]]></title>",
        f"<link>https://gen.example.com/{lang}/{slug}/</link>",
        "<dc:creator><![CDATA[gen]]></dc:creator>",
        f'<guid isPermaLink="false">https://gen.example.com/?p={post_id}</guid>',
        f"<content:encoded><![CDATA[{body}]]></content:encoded>",
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>",
        f"<wp:post_id>{post_id}</wp:post_id>",
        "<wp:post_date><![CDATA[2024-03-15 10:30:00]]></wp:post_date>",
        "<wp:post_date_gmt><![CDATA[2024-03-15 07:30:00]]></wp:post_date_gmt>",
        f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>",
        "<wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent>",
        "<wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type>",
        '<category domain="category" nicename="news"><![CDATA[News]]></category>',
        f'<category domain="language" nicename="{lang}"><![CDATA[{lang}]]></category>',
        f'<category domain="post_translations" nicename="pll_{group}">'
        f"<![CDATA[pll_{group}]]></category>",
    ]
    for n in range(comments):
        cid = post_id * 100 + n
        parent = cid - 1 if n else 0
        out.append(
            f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
            "<wp:comment_author><![CDATA[Reader]]></wp:comment_author>"
            "<wp:comment_author_email><![CDATA[reader@example.org]]></wp:comment_author_email>"
            "<wp:comment_author_IP><![CDATA[203.0.113.9]]></wp:comment_author_IP>"
            "<wp:comment_date><![CDATA[2024-03-15 11:00:00]]></wp:comment_date>"
            "<wp:comment_date_gmt><![CDATA[2024-03-15 08:00:00]]></wp:comment_date_gmt>"
            f"<wp:comment_content><![CDATA[{text}]]></wp:comment_content>"
            "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
            "<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent>"
            "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>"
        )
    out.append("</item>\n")
    return "".join(out)


def write_wxr(path, posts, comments_per_post=5, paragraphs=6):
    """Write `posts` posts (en/ar twins, one Polylang group per pair, the groups' terms at the
    end of the channel as WordPress sorts them) with `comments_per_post` comments each."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(_HEAD)
        for n in range(posts):
            group, lang = divmod(n, 2)
            out.write(_item(1000 + n, "ar" if lang else "en", group, comments_per_post, paragraphs))
        for group in range((posts + 1) // 2):
            description = f'a:2:{{s:2:"en";i:{1000 + 2 * group};s:2:"ar";i:{1001 + 2 * group};}}'
            out.write(
                f"<wp:term><wp:term_id>{10000 + group}</wp:term_id>"
                "<wp:term_taxonomy><![CDATA[post_translations]]></wp:term_taxonomy>"
                f"<wp:term_slug><![CDATA[pll_{group}]]></wp:term_slug>"
                f"<wp:term_name><![CDATA[pll_{group}]]></wp:term_name>"
                f"<wp:term_description><![CDATA[{description}]]></wp:term_description></wp:term>\n"
            )
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    write_wxr(
        args[0],
        int(args[1]),
        int(args[2]) if len(args) > 2 else 5,
        int(args[3]) if len(args) > 3 else 6,
    )
