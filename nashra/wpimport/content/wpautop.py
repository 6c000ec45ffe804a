"""WordPress's automatic paragraphs (`wpautop`), as WordPress renders classic content.

Rules: a blank line ends a paragraph, a single line break becomes <br />, block-level elements
are never wrapped in <p>, and <pre> is left exactly as written."""

import re

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary|"
    # Not WordPress's: the converter's placeholder for a block made from a shortcode or URL.
    "nashra-block"
)
ALL_BLOCKS = rf"(?:{BLOCK_TAGS})"
PRE = re.compile(r"<pre[\s>].*?</pre>", re.S | re.I)
KEEP_NEWLINES = re.compile(r"<(script|style|svg|math)[\s>].*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^<>]*>")


def wpautop(text, br=True):
    if not text or not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pres = []

    def keep_pre(match):
        pres.append(match.group(0))
        return f"<pre wp-pre-tag-{len(pres) - 1}></pre>"

    text = PRE.sub(keep_pre, text) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    # A line break inside a tag (between attributes) is not a line break of the text.
    text = TAG.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = re.sub(rf"(<{ALL_BLOCKS}[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</{ALL_BLOCKS}>)", r"\1\n\n", text, flags=re.I)
    text = re.sub(r"<hr\s*?/?>", "<hr />\n\n", text, flags=re.I)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = re.split(r"\n\s*\n", text)
    text = "".join(f"<p>{piece.strip(chr(10))}</p>\n" for piece in paragraphs if piece.strip())
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text, flags=re.I)
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^<>]*>)\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{ALL_BLOCKS}[^<>]*>)", r"\1", text, flags=re.I)
    text = re.sub(rf"(</?{ALL_BLOCKS}[^<>]*>)\s*</p>", r"\1", text, flags=re.I)
    if br:
        kept = []

        def keep_newlines(match):
            kept.append(match.group(0))
            return f"<wp-keep-{len(kept) - 1}>"

        text = KEEP_NEWLINES.sub(keep_newlines, text)
        text = re.sub(r"<br>|<br/>", "<br />", text, flags=re.I)
        # WordPress's `(?<!<br />)\s*\n`, line by line: the regular expression is quadratic on a
        # long run of spaces, and the export is untrusted.
        lines = text.split("\n")
        text = "\n".join(
            [line if line.endswith("<br />") else line.rstrip() + "<br />" for line in lines[:-1]]
            + lines[-1:]
        )
        text = re.sub(r"<wp-keep-(\d+)>", lambda m: kept[int(m.group(1))], text)
    text = re.sub(rf"(</?{ALL_BLOCKS}[^<>]*>)\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^<>]*>)", r"\1", text, flags=re.I
    )
    text = re.sub(r"\n</p>$", "</p>", text)
    return re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: pres[int(m.group(1))], text)
