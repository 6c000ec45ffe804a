from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

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

    class Meta:
        label = _("Body")
