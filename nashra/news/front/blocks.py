"""The blocks an editor lays a front page out with (HomePage.layout). Each block that shows
stories takes them automatically (the newest of the edition, or of a section) or hand-picked,
and may pin one story on top until a given time. What they show is worked out for the whole
page at once, in a fixed number of queries, by nashra.news.front.layout."""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

AUTOMATIC, PICKED = "automatic", "picked"
SOURCES = [
    (AUTOMATIC, _("Automatic: the newest stories")),
    (PICKED, _("Hand-picked stories")),
]


def _count(default, low, high, label=None):
    return blocks.IntegerBlock(
        label=label or _("Number of stories"),
        default=default,
        min_value=low,
        max_value=high,
        help_text=format_lazy(_("From {low} to {high}."), low=low, high=high),
    )


def _stories(label=None, help_text=None):
    return blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Story")),
        label=label or _("Hand-picked stories"),
        required=False,
        help_text=help_text
        or _("Stories of this edition, in the order shown. Used when the source is hand-picked."),
    )


def _pinned():
    return blocks.PageChooserBlock(
        page_type="news.ArticlePage",
        label=_("Pinned story"),
        required=False,
        help_text=_(
            "Shown first in this block until the time below; then the block goes on as before."
        ),
    )


def _pinned_until():
    return blocks.DateTimeBlock(
        label=_("Pinned until"),
        required=False,
        help_text=_("When the pin expires. Required with a pinned story."),
    )


def _title(required=False, default=""):
    return blocks.CharBlock(
        label=_("Title"),
        required=required,
        default=default,
        max_length=80,
        help_text=_("Shown above the block. Empty: the block's usual title."),
    )


class StoriesBlock(blocks.StructBlock):
    """A block of stories from a source, with an optional pin that expires."""

    def clean(self, value):
        errors = {}
        try:
            value = super().clean(value)
        except blocks.StructBlockValidationError as error:
            errors.update(error.block_errors)
        source = value.get("source", AUTOMATIC)
        if source == PICKED and not list(value.get("stories") or []) and "stories" not in errors:
            errors["stories"] = ValidationError(
                _("Choose at least one story, or make the block automatic.")
            )
        if value.get("pinned") and not value.get("pinned_until"):
            errors["pinned_until"] = ValidationError(_("Say until when the story stays pinned."))
        if value.get("pinned_until") and not value.get("pinned"):
            errors["pinned"] = ValidationError(_("Choose the story to pin, or clear the time."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class LeadBlock(StoriesBlock):
    source = blocks.ChoiceBlock(choices=SOURCES, default=AUTOMATIC, label=_("Source"))
    section = blocks.PageChooserBlock(
        page_type="news.SectionPage",
        required=False,
        label=_("Section"),
        help_text=_("Automatic: the newest story of this section. Empty: of the whole edition."),
    )
    stories = _stories(_("Hand-picked lead"), _("The first story chosen leads."))
    pinned = _pinned()
    pinned_until = _pinned_until()
    related = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Story")),
        label=_("Related links"),
        required=False,
        max_num=4,
        help_text=_("Up to 4 stories linked under the lead. Empty: the newest of its section."),
    )
    related_count = blocks.IntegerBlock(
        label=_("Number of related links"),
        default=3,
        min_value=0,
        max_value=4,
        help_text=format_lazy(_("From {low} to {high}."), low=0, high=4),
    )

    class Meta:
        icon = "pick"
        label = _("Lead package")
        template = "news/front/lead.html"


class TopStoriesBlock(StoriesBlock):
    title = _title()
    source = blocks.ChoiceBlock(choices=SOURCES, default=AUTOMATIC, label=_("Source"))
    section = blocks.PageChooserBlock(
        page_type="news.SectionPage",
        required=False,
        label=_("Section"),
        help_text=_("Automatic: the newest stories of this section. Empty: of the whole edition."),
    )
    stories = _stories()
    pinned = _pinned()
    pinned_until = _pinned_until()
    count = _count(4, 2, 8)

    class Meta:
        icon = "list-ul"
        label = _("Top stories")
        template = "news/front/top_stories.html"


class SectionBlock(StoriesBlock):
    section = blocks.PageChooserBlock(page_type="news.SectionPage", label=_("Section"))
    title = _title()
    source = blocks.ChoiceBlock(choices=SOURCES, default=AUTOMATIC, label=_("Source"))
    stories = _stories()
    pinned = _pinned()
    pinned_until = _pinned_until()
    count = _count(4, 2, 8)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Section")
        template = "news/front/section.html"


class OpinionBlock(StoriesBlock):
    title = _title()
    source = blocks.ChoiceBlock(choices=SOURCES, default=AUTOMATIC, label=_("Source"))
    stories = _stories()
    pinned = _pinned()
    pinned_until = _pinned_until()
    count = _count(4, 2, 6)

    class Meta:
        icon = "openquote"
        label = _("Opinion strip")
        help_text = _("Automatic: the newest opinion pieces, with their writers' names and photos.")
        template = "news/front/opinion.html"


class LatestBlock(blocks.StructBlock):
    title = _title()
    section = blocks.PageChooserBlock(
        page_type="news.SectionPage",
        required=False,
        label=_("Section"),
        help_text=_("Empty: the newest stories of the whole edition."),
    )
    count = _count(6, 3, 15)

    class Meta:
        icon = "time"
        label = _("Latest headlines")
        template = "news/front/latest.html"


class MostCommentedBlock(blocks.StructBlock):
    title = _title()
    days = blocks.IntegerBlock(
        label=_("Over the last days"),
        default=7,
        min_value=1,
        max_value=30,
        help_text=_("Counts readers' approved comments of the last 1 to 30 days."),
    )
    count = _count(5, 3, 10)

    class Meta:
        icon = "comment"
        label = _("Most commented")
        template = "news/front/most_commented.html"


class StoryListBlock(blocks.StructBlock):
    title = _title(required=True)
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Story")),
        label=_("Stories"),
        min_num=1,
        max_num=12,
        help_text=_("Stories of this edition, in the order shown (1 to 12)."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Story list")
        template = "news/front/story_list.html"


class FrontLayoutBlock(blocks.StreamBlock):
    lead = LeadBlock()
    top_stories = TopStoriesBlock()
    section = SectionBlock()
    opinion = OpinionBlock()
    latest = LatestBlock()
    most_commented = MostCommentedBlock()
    story_list = StoryListBlock()
