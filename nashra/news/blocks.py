from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from nashra.news.html_sanitize import clean_legacy_html, clean_table_html

INLINE_FEATURES = ["bold", "italic", "link"]
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), help_text=_("Who said it, and their role.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alt text in this language"),
        required=False,
        help_text=_("Leave empty to use the image's own alt text."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/image.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), default="")
    items = blocks.ListBlock(blocks.CharBlock(label=_("Fact")), label=_("Facts"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Fact box")
        template = "news/blocks/fact_box.html"


class EmbedCardBlock(blocks.StructBlock):
    """A link to a post, video or document elsewhere, shown as a card.

    Nashra never loads third-party scripts or frames, so an embed is a described link the
    reader chooses to follow.
    """

    url = blocks.URLBlock(label=_("Address"))
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "news/blocks/embed_card.html"


class GalleryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(ImageBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "news/blocks/gallery.html"


class SeparatorBlock(blocks.StaticBlock):
    class Meta:
        icon = "horizontalrule"
        label = _("Separator")
        admin_text = _("A line between two parts of the story.")
        template = "news/blocks/separator.html"


class TableBlock(blocks.StructBlock):
    """A table kept as markup: rows and cells, with links and emphasis, and nothing else.

    The markup is cleaned when stored and again when shown (nashra.news.html_sanitize)."""

    caption = blocks.CharBlock(label=_("Caption"), required=False)
    html = blocks.TextBlock(
        label=_("Table (HTML)"),
        help_text=_("Only rows, header and data cells, links and emphasis are kept."),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "news/blocks/table.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["table"] = table_markup(value.get("html"), value.get("caption"))
        return context

    def get_api_representation(self, value, context=None):
        return {"caption": value.get("caption", ""), "html": clean_table_html(value.get("html"))}

    def get_searchable_content(self, value):
        return [value.get("caption", ""), strip_tags(clean_table_html(value.get("html")))]


def table_markup(html, caption):
    """The cleaned table with its caption as the table's own <caption>."""
    cleaned = clean_table_html(html)
    if caption and cleaned.startswith("<table>"):
        cleaned = "<table><caption>" + escape(caption) + "</caption>" + cleaned[len("<table>") :]
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 against an allowlist just above


class LegacyHTMLBlock(blocks.TextBlock):
    """Markup from an imported post that no other block could hold, cleaned when shown."""

    class Meta:
        icon = "code"
        label = _("Imported HTML (legacy)")

    def render_basic(self, value, context=None):
        cleaned = mark_safe(clean_legacy_html(value))  # noqa: S308 - nh3 allowlist
        return format_html('<div class="legacy-html">{}</div>', cleaned)

    def get_api_representation(self, value, context=None):
        return clean_legacy_html(value)

    def get_searchable_content(self, value):
        return [strip_tags(clean_legacy_html(value))]


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="news/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"), icon="title", template="news/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    fact_box = FactBoxBlock()
    embed = EmbedCardBlock()
    gallery = GalleryBlock()
    table = TableBlock()
    separator = SeparatorBlock()
    legacy_html = LegacyHTMLBlock()

    class Meta:
        label = _("Body")
