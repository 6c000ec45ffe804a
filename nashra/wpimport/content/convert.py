"""A WordPress post's content (classic HTML, shortcodes, Gutenberg blocks) as ArticleBodyBlock
blocks. Everything in the content is untrusted: text is escaped, links are checked, and the
only markup kept as markup (tables, legacy HTML) is cleaned with nh3 against an allowlist."""

import itertools
import re
import secrets
from html import escape, unescape
from urllib.parse import unquote

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString
from wagtail.rich_text import RichText

from nashra.news.html_sanitize import clean_legacy_html, clean_table_html, strip_controls

from . import KNOWN_SHORTCODES as KNOWN_SHORTCODE_NAMES
from .context import ConversionResult
from .credit import parse_credit
from .embeds import AUDIO_KEYS, VIDEO_KEYS, bare_embed_lines, embed_title, is_web_url, provider
from .gutenberg import has_blocks, parse_blocks
from .links import LinkResolver, absolute, split
from .markup import MAX_NESTING, attr, nesting, parse_html, scrub
from .richtext import DROPPED, RichTextWriter
from .shortcodes import replace_shortcodes
from .wpautop import wpautop

INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn"}
INLINE |= {"em", "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small"}
INLINE |= {"span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr"}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside", "center", "nav"}
CONTAINERS |= {"hgroup", "body", "html", "li"}
SOCIAL_CLASSES = {"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed"}
SOCIAL_CLASSES |= {"threads-post", "bluesky-embed", "fb-xfbml-parse-ignore"}
UNWRAPPED_BLOCKS = {"core/group", "core/columns", "core/column", "core/row", "core/stack"}
SILENT_BLOCKS = {"core/more", "core/nextpage"}
SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
ATTACHMENT_ID = re.compile(r"attachment_(\d+)")


def convert_body(html, ctx):
    """The blocks of one post's content, with what the report needs to know about it."""
    converter = _Converter(ctx)
    converter.run(html or "")
    return converter.result


class _Converter:
    def __init__(self, ctx):
        self.ctx = ctx
        self.result = ConversionResult()
        self.links = LinkResolver(ctx, self.result)
        self.writer = RichTextWriter(self.links, self.result.notes)
        self.token = secrets.token_hex(8)  # content cannot guess a placeholder's key
        self.counter = itertools.count()
        self.pending = {}  # placeholder key -> blocks made from a shortcode or a bare URL

    def run(self, html):
        html = strip_controls(html.replace("\r\n", "\n").replace("\r", "\n"))
        try:
            if nesting(html) > MAX_NESTING:
                raise RecursionError
            if has_blocks(html):
                for block in parse_blocks(html):
                    self.gutenberg(block)
            else:
                self.classic(html)
        except RecursionError:
            # Markup nested deeper than any editor writes: keep its words, not its structure.
            self.result.blocks, self.pending = [], {}
            self.result.unknown_shortcodes.clear()
            self.result.unknown_blocks.clear()
            self.result.legacy_html = self.result.unresolved_links = 0
            self.result.notes.append("markup nested too deeply: kept as plain text")
            text = unescape(re.sub(r"<!--.*?-->|<[^<>]*>", " ", html, flags=re.S))
            self.walk(parse_html(wpautop(escape(text, quote=False))).contents)
        for key in list(self.pending):  # a placeholder lost inside an attribute, say
            self.result.notes.append("content from a shortcode placed at the end of the body")
            self.result.blocks += self.pending.pop(key)
        # Entities decode to characters after the first pass: scrub every stored string.
        self.result.blocks = [(kind, scrub(value)) for kind, value in self.result.blocks]

    def emit(self, kind, value):
        self.result.blocks.append((kind, value))

    def legacy(self, html, note=None):
        cleaned = clean_legacy_html(self.rewrite_markup(html)).strip()
        if cleaned:
            self.emit("legacy_html", cleaned)
            self.result.legacy_html += 1
            if note:
                self.result.notes.append(note)

    # Classic content

    def classic(self, html, autop=True):
        text = replace_shortcodes(html, KNOWN_SHORTCODE_NAMES, self.shortcode)
        text = bare_embed_lines(text, self.bare_embed)
        if autop:
            text = wpautop(text)
        self.walk(parse_html(text).contents)

    def placeholder(self, blocks):
        key = f"{self.token}-{next(self.counter)}"
        self.pending[key] = blocks
        return f'\n\n<nashra-block data-key="{key}"></nashra-block>\n\n'

    def collecting(self, fn, *args):
        """Run `fn`, returning the blocks it emitted instead of keeping them."""
        kept = self.result.blocks
        self.result.blocks = []
        try:
            fn(*args)
            return self.result.blocks
        finally:
            self.result.blocks = kept

    def walk(self, nodes):
        run = []
        for node in list(nodes):
            if isinstance(node, PreformattedString):  # comments, <!DOCTYPE>, <?php ?>, CDATA
                continue
            if isinstance(node, NavigableString) or (isinstance(node, Tag) and node.name in INLINE):
                run.append(node)
                continue
            if not isinstance(node, Tag):
                continue
            self.inline_run(run)
            run = []
            self.element(node)
        self.inline_run(run)

    def inline_run(self, nodes):
        if not any(not isinstance(n, NavigableString) or n.strip() for n in nodes):
            return
        html, images = self.writer.paragraph(nodes)
        before = [img for img, first in images if first]
        after = [img for img, first in images if not first]
        for img in before:
            self.image_from_img(img)
        if html:
            self.emit("paragraph", RichText(html))
        for img in after:
            self.image_from_img(img)

    def element(self, node):
        name = node.name
        if name == "nashra-block":
            self.result.blocks += self.pending.pop(node.get("data-key"), [])
        elif name == "p":
            self.walk(node.contents)
        elif re.fullmatch(r"h[1-6]", name):
            text = " ".join(node.get_text(" ").split())
            if text:
                self.emit("subheading", text)
            for img in node.find_all("img"):
                self.image_from_img(img)
        elif name in ("ul", "ol"):
            html, images = self.writer.list(node)
            if html:
                self.emit("paragraph", RichText(html))
            elif node.get_text(strip=True):  # a list with no <li> of its own
                self.walk(node.contents)
                return
            for img, _first in images:
                self.image_from_img(img)
        elif name == "blockquote":
            self.quote(node)
        elif name == "table":
            self.table(node)
        elif name == "hr":
            self.emit("separator", None)
        elif name == "figure" or (name == "div" and "wp-caption" in node.get("class", [])):
            self.figure(node)
        elif name == "pre":
            self.legacy(str(node), "kept preformatted text as legacy HTML")
        elif name in ("iframe", "video", "audio", "embed", "object"):
            self.media_element(node)
        elif name in CONTAINERS:
            self.walk(node.contents)
        elif name in DROPPED:
            self.result.notes.append(f"removed <{name}>")
        else:
            self.legacy(str(node), f"kept <{name}> as legacy HTML")

    def social_embed(self, node):
        """A tweet, Instagram post or TikTok pasted as the provider's <blockquote> (its script
        is dropped): an embed card for the post, with the quoted text as its description."""
        classes = set(node.get("class", []))
        urls = [node.get("data-instgrm-permalink"), node.get("cite")]
        urls += [a.get("href") for a in reversed(node.find_all("a"))]
        url = next((u for u in urls if u and is_web_url(u) and provider(u)), None)
        if not (url and classes & SOCIAL_CLASSES):
            return False
        text = " ".join(node.get_text(" ").split())
        self.embed(url, text)
        return True

    def quote(self, node, cite=None):
        if node.name == "blockquote" and self.social_embed(node):
            return
        cite = cite or node.find(["cite", "figcaption"])
        attribution = " ".join(cite.get_text(" ").split()) if cite else ""
        if cite:
            cite.extract()
        if not attribution:
            self.result.notes.append("a quote without attribution kept as paragraphs")
            self.walk(node.contents)
            return
        paragraphs = node.find_all("p") or [node]
        text = "\n\n".join(" ".join(p.get_text(" ").split()) for p in paragraphs).strip()
        if text:
            self.emit("quote", {"text": text, "attribution": attribution})

    def table(self, node, caption=""):
        found = node.find("caption")
        if found:
            caption = caption or " ".join(found.get_text(" ").split())
            found.extract()
        for th in node.find_all("th"):
            if not th.get("scope"):
                row = th.find_parent("tr")
                cells = row.find_all(["th", "td"], recursive=False) if row else []
                heads_a_row = bool(cells) and cells[0] is th and row.find("td") is not None
                in_head = th.find_parent("thead") is not None
                th["scope"] = "row" if heads_a_row and not in_head else "col"
        html = clean_table_html(self.rewrite_markup(str(node))).strip()
        if "<td" in html or "<th" in html:
            self.emit("table", {"caption": caption, "html": html})

    def figure(self, node, wp_id=None):
        caption_node = node.find(["figcaption"]) or node.find(class_="wp-caption-text")
        caption = " ".join(caption_node.get_text(" ").split()) if caption_node else ""
        if node.find("table"):
            self.table(node.find("table"), caption)
        elif node.find("blockquote"):
            self.quote(node.find("blockquote"), cite=node.find(["cite", "figcaption"]))
        elif len(node.find_all("img")) > 1:
            self.gallery_from_html(node, [])
        elif node.find("img"):
            self.image_from_img(node.find("img"), caption=caption, wp_id=wp_id)
        elif node.find(["iframe", "video", "audio"]):
            self.media_element(node.find(["iframe", "video", "audio"]), caption)
        else:
            self.walk(node.contents)

    # Images

    def find_image(self, src, wp_id=None):
        image = None
        wp_id = _wp_id(wp_id)
        if wp_id:
            image = self.ctx.resolve_attachment(wp_id)
        url = absolute(src, self.ctx.site_url) if src else None
        if image is None and url and is_web_url(url):
            image = self.ctx.resolve_image_url(url)
            if image is None and SIZED.search(url):
                image = self.ctx.resolve_image_url(SIZED.sub("", url))
        return image

    def image_value(self, img, caption="", wp_id=None):
        """An image block's value for an <img>, or None (noted) when its file is not imported."""
        if wp_id is None:
            found = WP_IMAGE.search(" ".join(img.get("class", [])))
            data_id = img.get("data-id", "")
            wp_id = found.group(1) if found else data_id
        src = img.get("src") or img.get("data-src") or ""
        image = self.find_image(src, wp_id)
        if image is None:
            self.result.notes.append(f"image not imported: {src[:200] or wp_id}")
            return None
        caption, photographer, agency = parse_credit(strip_controls(caption))
        _keep_credit(image, photographer, agency)
        alt = " ".join(strip_controls(img.get("alt", "")).split())
        if alt == (getattr(image, "alt_text", "") or ""):
            alt = ""
        return {"image": image, "caption": caption, "alt_text": alt}

    def image_from_img(self, img, caption="", wp_id=None):
        value = self.image_value(img, caption, wp_id)
        if value:
            self.emit("image", value)
        else:
            self.missing_image(img, caption)

    def missing_image(self, img, caption):
        """An image whose file was not imported stays visible to editors as legacy HTML."""
        src, alt = attr(img.get("src", "")), attr(img.get("alt", ""))
        caption = f"<figcaption>{attr(caption)}</figcaption>" if caption else ""
        self.legacy(f'<figure><img src="{src}" alt="{alt}">{caption}</figure>')

    def gallery_from_html(self, node, ids):
        items, seen, missing = [], set(), []
        for img in node.find_all("img"):
            figure = img.find_parent("figure")
            caption_node = figure.find("figcaption") if figure and figure is not node else None
            caption = " ".join(caption_node.get_text(" ").split()) if caption_node else ""
            value = self.image_value(img, caption)
            if value:
                items.append(value)
                seen.add(_identity(value["image"]))
            else:
                missing.append((img, caption))
        for wp_id in ids:  # ids named by the block but with no <img> in its markup
            image = self.ctx.resolve_attachment(wp_id)
            if image is not None and _identity(image) not in seen:
                items.append({"image": image, "caption": "", "alt_text": ""})
        self.gallery(items)
        for img, caption in missing:
            self.missing_image(img, caption)
        own = node.find("figcaption", class_="blocks-gallery-caption", recursive=False)
        if own and own.get_text(strip=True):
            self.walk(own.contents)

    def gallery_from_ids(self, ids):
        items = []
        for wp_id in ids:
            image = self.ctx.resolve_attachment(wp_id)
            if image is None:
                self.result.notes.append(f"gallery image not imported: attachment {wp_id}")
            else:
                items.append({"image": image, "caption": "", "alt_text": ""})
        self.gallery(items)

    def gallery(self, items):
        if items:
            self.emit("gallery", items)
        else:
            self.result.notes.append("a gallery with no imported image was left out")

    # Embeds, audio and video

    def embed(self, url, description=""):
        url = absolute(url, self.ctx.site_url)
        if not url or not is_web_url(url):
            self.result.notes.append("an embed without a web address was left out")
            return
        title = embed_title(url)
        self.emit("embed", {"url": url, "title": title, "description": description})

    def media_file(self, url, description=""):
        """Audio or video: a card linking to the file (Nashra loads no players)."""
        url = absolute(url, self.ctx.site_url)
        if not url or not is_web_url(url):
            self.result.notes.append("an audio or video without a web address was left out")
            return
        url = self.links.media(url)
        name = unquote(split(url).path.rsplit("/", 1)[-1]) or split(url).netloc or url
        self.emit("embed", {"url": url, "title": name, "description": description})

    def media_element(self, node, caption=""):
        source = node.get("src") or (node.find("source") or {}).get("src", "") or node.get("data")
        if node.name in ("audio", "video"):
            self.media_file(source, caption)
        elif source:
            self.embed(source, caption)
        else:
            self.result.notes.append(f"removed <{node.name}> with no address")

    def bare_embed(self, url):
        return self.placeholder(self.collecting(self.embed, url))

    # Shortcodes

    def shortcode(self, code):
        handler = getattr(self, f"shortcode_{code.name.replace('wp_', '')}", None)
        if code.name not in KNOWN_SHORTCODE_NAMES or handler is None:
            self.result.unknown_shortcodes[code.name] += 1
            raw = code.raw.replace("\n\n", "\n")
            return self.placeholder(
                self.collecting(self.legacy, wpautop(raw), f"kept [{code.name}] as legacy HTML")
            )
        return self.placeholder(self.collecting(handler, code))

    def shortcode_caption(self, code):
        soup = parse_html(code.content or "")
        img = soup.find("img")
        if img is None:
            self.classic(code.content or "")
            return
        caption = code.attrs.get("caption", "")
        if not caption:
            for element in soup.find_all(["img", "a"]):
                if element.name == "img" or element.find("img"):
                    element.extract()
            caption = " ".join(soup.get_text(" ").split())
        found = ATTACHMENT_ID.search(code.attrs.get("id", ""))
        self.image_from_img(img, caption=caption, wp_id=found.group(1) if found else None)

    def shortcode_gallery(self, code):
        listed = code.attrs.get("ids") or code.attrs.get("include", "")
        ids = [int(i) for i in re.findall(r"\d+", listed)]
        if not ids:
            self.result.notes.append("a [gallery] of the post's attached images was left out")
            return
        self.gallery_from_ids(ids)

    def shortcode_embed(self, code):
        self.embed((code.content or code.attrs.get("src", "")).strip())

    def shortcode_audio(self, code):
        self.media_file(_first(code.attrs, AUDIO_KEYS) or (code.content or "").strip())

    def shortcode_video(self, code):
        self.media_file(_first(code.attrs, VIDEO_KEYS) or (code.content or "").strip())

    # Gutenberg

    def gutenberg(self, block):
        name = block.name
        if block.bad_attrs:
            self.result.notes.append(f"{name}: its settings could not be read")
        if name is None or name == "core/freeform":
            self.classic(block.html)
        elif name in UNWRAPPED_BLOCKS:
            for inner in block.inner_blocks:
                self.gutenberg(inner)
        elif name in SILENT_BLOCKS:
            pass
        elif name in ("core/paragraph", "core/list", "core/html"):
            self.classic(block.html, autop=False)
        elif name == "core/list-item":
            self.classic(f"<ul>{block.html}</ul>", autop=False)
        elif name == "core/shortcode":
            self.classic(block.html)
        elif name == "core/heading":
            self.walk(parse_html(block.html).contents)
        elif name in ("core/quote", "core/pullquote"):
            soup = parse_html(block.html)
            self.quote(soup.find("blockquote") or soup, cite=soup.find(["cite", "figcaption"]))
        elif name == "core/image":
            soup = parse_html(block.html)
            figure = soup.find("figure") or soup
            self.figure(figure, wp_id=block.attrs.get("id"))
        elif name == "core/gallery":
            soup = parse_html(block.html)
            listed = block.attrs.get("ids")
            ids = [i for i in map(_wp_id, listed if isinstance(listed, list) else []) if i]
            if soup.find("img"):
                self.gallery_from_html(soup.find("figure") or soup, ids)
            else:
                self.gallery_from_ids(ids)
        elif name == "core/embed" or name.startswith("core-embed/"):
            soup = parse_html(block.html)
            caption = soup.find("figcaption")
            wrapper = soup.find(class_="wp-block-embed__wrapper")
            url = block.attrs.get("url")
            url = url if isinstance(url, str) and url else ""
            url = url or (wrapper.get_text(strip=True) if wrapper else "")
            self.embed(url, " ".join(caption.get_text(" ").split()) if caption else "")
        elif name == "core/table":
            soup = parse_html(block.html)
            self.figure(soup.find("figure") or soup)
        elif name == "core/separator":
            self.emit("separator", None)
        elif name == "core/spacer":
            self.result.notes.append("a spacer was left out")
        elif name in ("core/audio", "core/video"):
            soup = parse_html(block.html)
            media = soup.find(["audio", "video"])
            caption = soup.find("figcaption")
            source = (media.get("src") or "") if media else ""
            self.media_file(source, " ".join(caption.get_text(" ").split()) if caption else "")
        elif name in ("core/preformatted", "core/code"):
            self.legacy(block.html, f"kept {name} as legacy HTML")
        elif name == "core/verse":
            soup = parse_html(block.html)
            pre = soup.find("pre") or soup
            for text in pre.find_all(string=True):
                text.replace_with(parse_html(str(text).replace("\n", "<br>")))
            html, _images = self.writer.paragraph(pre.contents)
            if html:
                self.emit("paragraph", RichText(html))
        else:
            self.result.unknown_blocks[name] += 1
            if block.html.strip():
                self.legacy(block.html, f"kept {name} as legacy HTML")
            else:
                self.result.notes.append(f"{name} has no content in the export")

    def rewrite_markup(self, html):
        """Links and images in markup kept as markup: uploads point at the imported files."""
        soup = parse_html(html)
        for element, attribute in [(a, "href") for a in soup.find_all("a")] + [
            (img, "src") for img in soup.find_all("img")
        ]:
            url = absolute(element.get(attribute, ""), self.ctx.site_url)
            if url is None:
                del element[attribute]
            elif is_web_url(url):
                element[attribute] = self.links.media(url)
        return str(soup)


def _identity(image):
    return getattr(image, "pk", None) or id(image)


def _wp_id(value):
    """A WordPress id from a block attribute or markup: a positive int, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,18}", value.strip()):
        return int(value) or None
    return None


def _first(attrs, keys):
    return next((attrs[key] for key in keys if attrs.get(key)), "")


def _keep_credit(image, photographer, agency):
    """A credit found in a caption goes on the image when the image has none yet."""
    if not (photographer or agency) or not getattr(image, "pk", None):
        return
    if getattr(image, "photographer", "") or getattr(image, "agency", ""):
        return
    image.photographer, image.agency = photographer, agency
    image.save(update_fields=["photographer", "agency"])
