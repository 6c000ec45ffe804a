import django_filters
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .bulk_actions import ApproveBulkAction, BanBulkAction, RejectBulkAction, SpamBulkAction
from .models import Ban, Comment, CommentStatus, WordFilterRule


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommentStatus.choices)
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=[("en", _("English")), ("ar", _("Arabic"))]
    )
    flagged = django_filters.BooleanFilter(label=_("Reported by readers"), method="filter_flagged")
    held = django_filters.BooleanFilter(label=_("Held by a rule"), method="filter_held")

    class Meta:
        model = Comment
        fields = ["status", "language", "is_staff_reply"]

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flag_count__gt=0) if value else queryset.filter(flag_count=0)

    def filter_held(self, queryset, name, value):
        return queryset.exclude(held_by="") if value else queryset.filter(held_by="")


class ReaderTextPanel(FieldPanel):
    """A reader's name or comment, read-only, in its own direction (dir="auto"): an Arabic
    comment reads right to left in the English admin, and an English one left to right in
    the Arabic admin."""

    read_only_output_template_name = "engagement/admin/reader_text_output.html"


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comment queue")
    menu_name = "comments"
    list_display = [
        "name_preview",
        "body_preview",
        "article",
        "status",
        "language",
        "flag_count",
        "held_by",
        "created_at",
    ]
    list_per_page = 50
    filterset_class = CommentFilterSet
    search_fields = ["name", "email", "body"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        # Each row names its article: one join, not a query per row (the queue is what
        # moderators work through during a comment flood).
        return Comment.objects.select_related("article")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("rejection_clause"),
                FieldPanel("rejection_note"),
            ],
            heading=_("Decision"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("article", read_only=True),
                ReaderTextPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                ReaderTextPanel("body", read_only=True),
                FieldPanel("held_by", read_only=True),
                FieldPanel("flag_count", read_only=True),
                FieldPanel("address_hash", read_only=True),
            ],
            heading=_("Comment"),
        ),
    ]


class BanViewSet(SnippetViewSet):
    model = Ban
    icon = "lock"
    menu_label = _("Bans")
    list_display = ["kind", "value", "reason", "created_at"]
    search_fields = ["value", "reason"]


class WordFilterViewSet(SnippetViewSet):
    model = WordFilterRule
    icon = "warning"
    menu_label = _("Word filter")
    list_display = ["term", "language", "note"]
    list_filter = ["language"]
    search_fields = ["term", "note"]


class ModerationGroup(SnippetViewSetGroup):
    items = (CommentViewSet, BanViewSet, WordFilterViewSet)
    menu_icon = "comment"
    menu_label = _("Comments")
    menu_name = "moderation"
    menu_order = 250


register_snippet(ModerationGroup)

for action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction, BanBulkAction):
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_urls")
def reactions_urls():
    return [path("reactions/", admin_views.reactions_report, name="engagement_reactions")]


@hooks.register("register_permissions")
def reactions_permission():
    # Offered in Settings > Groups, so administrators can give the report to an editor.
    return Permission.objects.filter(
        content_type__app_label="engagement", codename=admin_views.REPORT_PERMISSION.split(".")[1]
    )


class ReactionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def reactions_menu_item():
    return ReactionsMenuItem(
        _("Reader reactions"), reverse("engagement_reactions"), icon_name="pick", order=700
    )
