"""The reactions report in the Wagtail admin: per article, per section, and over time."""

from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from .models import Reaction

CHART_WIDTH, CHART_HEIGHT = 720, 200
REPORT_PERMISSION = "engagement.view_reaction"


def _daily(reactions, days):
    start = timezone.localdate() - timedelta(days=days - 1)
    rows = (
        reactions.filter(updated_at__date__gte=start)
        .annotate(day=TruncDate("updated_at"))
        .values("day")
        .annotate(yes=Count("pk", filter=Q(liked=True)), no=Count("pk", filter=Q(liked=False)))
    )
    by_day = {row["day"]: row for row in rows}
    series = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        row = by_day.get(day, {"yes": 0, "no": 0})
        series.append({"day": day, "yes": row["yes"], "no": row["no"]})
    return series


def _bars(series):
    """Stacked bars as SVG rectangles, computed here so the admin loads no chart library."""
    peak = max([d["yes"] + d["no"] for d in series] + [1])
    step = CHART_WIDTH / len(series)
    bars = []
    for i, d in enumerate(series):
        yes_h = CHART_HEIGHT * d["yes"] / peak
        no_h = CHART_HEIGHT * d["no"] / peak
        bars.append(
            {
                **d,
                "x": round(i * step + 1, 1),
                "width": round(max(step - 2, 1), 1),
                "yes_y": round(CHART_HEIGHT - yes_h, 1),
                "yes_h": round(yes_h, 1),
                "no_y": round(CHART_HEIGHT - yes_h - no_h, 1),
                "no_h": round(no_h, 1),
            }
        )
    return bars, peak


def reactions_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        return permission_denied(request)
    try:
        days = min(max(int(request.GET.get("days", 30)), 7), 365)
    except ValueError:
        days = 30
    reactions = Reaction.objects.all()
    yes = Count("reactions", filter=Q(reactions__liked=True))
    no = Count("reactions", filter=Q(reactions__liked=False))
    from nashra.news.models import ArticlePage, SectionPage

    articles = (
        ArticlePage.objects.annotate(yes=yes, no=no)
        .filter(Q(yes__gt=0) | Q(no__gt=0))
        .select_related("section", "locale")
        .order_by("-yes", "no")[:100]
    )
    sections = (
        SectionPage.objects.annotate(
            yes=Count("articles__reactions", filter=Q(articles__reactions__liked=True)),
            no=Count("articles__reactions", filter=Q(articles__reactions__liked=False)),
        )
        .select_related("locale")
        .order_by("locale__language_code", "path")
    )
    series = _daily(reactions, days)
    bars, peak = _bars(series)
    return TemplateResponse(
        request,
        "engagement/admin/reactions_report.html",
        {
            "title": _("Reader reactions"),
            "articles": articles,
            "sections": sections,
            "bars": bars,
            "peak": peak,
            "days": days,
            "chart_width": CHART_WIDTH,
            "chart_height": CHART_HEIGHT,
            "total_yes": sum(d["yes"] for d in series),
            "total_no": sum(d["no"] for d in series),
        },
    )
