"""The desk board: the day's stories by status and section, overdue ones marked.

A fixed number of queries whatever the number of stories: the articles with their status
inputs annotated (one query), plus the filter choices."""

from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, WorkflowState

from nashra.news.models import ArticlePage, SectionPage
from nashra.news.priority import Priority

DRAFT, IN_REVIEW, SCHEDULED, EMBARGOED, PUBLISHED_TODAY = (
    "draft",
    "in_review",
    "scheduled",
    "embargoed",
    "published_today",
)
STATUS_LABELS = {
    DRAFT: _("Draft"),
    IN_REVIEW: _("In review"),
    SCHEDULED: _("Scheduled"),
    EMBARGOED: _("Embargoed"),
    PUBLISHED_TODAY: _("Published today"),
}
PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}
# The embargo field comes with the embargo feature; the board shows that column only with it.
HAS_EMBARGO = any(f.name == "embargo_until" for f in ArticlePage._meta.get_fields())


@dataclass
class Story:
    page: ArticlePage
    status: str
    overdue: bool

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def start_of_today(now):
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


def statuses():
    keys = [DRAFT, IN_REVIEW, SCHEDULED] + ([EMBARGOED] if HAS_EMBARGO else []) + [PUBLISHED_TODAY]
    return [(key, STATUS_LABELS[key]) for key in keys]


def _annotated(now):
    page_type = ContentType.objects.get_for_model(Page)
    page_id = Cast(OuterRef("pk"), output_field=CharField())
    in_review = WorkflowState.objects.filter(
        base_content_type=page_type, object_id=page_id, status=WorkflowState.STATUS_IN_PROGRESS
    )
    scheduled_at = Revision.objects.filter(
        base_content_type=page_type, object_id=page_id, approved_go_live_at__isnull=False
    ).values("approved_go_live_at")[:1]
    articles = ArticlePage.objects.annotate(
        in_review=Exists(in_review), scheduled_at=Subquery(scheduled_at)
    )
    on_board = (
        Q(live=False)
        | Q(last_published_at__gte=start_of_today(now))
        | Q(in_review=True)
        | Q(scheduled_at__isnull=False)
    )
    if HAS_EMBARGO:
        on_board |= Q(embargo_until__gt=now)
    return articles.filter(on_board)


def status_of(page, now):
    if HAS_EMBARGO and page.embargo_until and page.embargo_until > now:
        return EMBARGOED
    if page.scheduled_at is not None:
        return SCHEDULED
    if page.in_review:
        return IN_REVIEW
    if page.live:
        return PUBLISHED_TODAY
    return DRAFT


def stories(now, section=None, assignee=None, status=None, language=None):
    """[(section title, [Story])], sections in title order, the most pressing first."""
    articles = _annotated(now).select_related("section", "assignee", "locale")
    if section:
        articles = articles.filter(section_id=section)
    if assignee:
        articles = articles.filter(assignee_id=assignee)
    if language:
        articles = articles.filter(locale__language_code=language)
    board = {}
    for page in articles:
        story_status = status_of(page, now)
        if status and story_status != status:
            continue
        overdue = bool(page.due_at and page.due_at <= now and not page.live)
        key = page.section.title if page.section else ""
        board.setdefault(key, []).append(Story(page, story_status, overdue))
    for rows in board.values():
        rows.sort(
            key=lambda s: (
                not s.overdue,
                PRIORITY_RANK.get(s.page.priority, 9),
                s.page.due_at or datetime.max.replace(tzinfo=UTC),
                s.page.pk,
            )
        )
    return sorted(board.items())


def filter_choices():
    sections = SectionPage.objects.select_related("locale").order_by("title")
    assignees = (
        get_user_model()
        .objects.filter(assigned_articles__isnull=False)
        .distinct()
        .order_by("username")
    )
    return sections, assignees
