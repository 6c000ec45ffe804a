"""What the article page shows of reader engagement: the same HTML for every reader."""

from django.db.models import Count
from django.utils.translation import gettext as _

from .caching import COMMENTED, FLAGGED, REACTED
from .models import Comment, CommentPolicyPage, CommentStatus
from .reactions import tally
from .text import render_comment
from .thread import page_url, requested_page, thread_page


def comment_counts(articles):
    """Approved comments per article, for a list of cards, in one query."""
    ids = [a.pk for a in articles]
    if not ids:
        return {}
    rows = (
        Comment.objects.filter(article_id__in=ids, status=CommentStatus.APPROVED)
        .values("article_id")
        .annotate(n=Count("pk"))
    )
    return {row["article_id"]: row["n"] for row in rows}


def _comments_and_policy(page, request):
    shown = thread_page(page.pk, requested_page(request))
    for comment in shown["comments"]:
        comment.html = render_comment(comment.body)
        for reply in comment.approved_replies:
            reply.html = render_comment(reply.body)
    url = page.get_url(request)
    number, pages = shown["page"], shown["pages"]
    return {
        **shown,
        "previous_url": page_url(url, number - 1) if number > 1 else None,
        "next_url": page_url(url, number + 1) if number < pages else None,
        "policy": policy_page_for(page.locale_id),
    }


def policy_page_for(locale_id):
    # Among the few policy pages by id: walking the locale's index lets SQLite without
    # statistics read every page of the site.
    policies = CommentPolicyPage.objects.order_by().values("pk")
    return CommentPolicyPage.objects.live().filter(pk__in=policies, locale_id=locale_id).first()


def engagement_for(page, request):
    shown = _comments_and_policy(
        page, request
    )  # the area's HTML is cached (engagement/article_area.html)
    reacted = request.GET.get(REACTED) in ("yes", "no")
    notice = {
        "published": _("Thank you. Your comment is published."),
        "pending": _("Thank you. Your comment will appear once a moderator approves it."),
        "duplicate": _("You already posted this comment; we kept the first one."),
    }.get(request.GET.get(COMMENTED, ""))
    return {
        "article": page,
        "mode": page.effective_comments_mode,
        **shown,
        "reacted": request.GET.get(REACTED) if reacted else None,
        "tally": tally(page.pk) if reacted else None,
        "comment_notice": notice,
        "flagged": request.GET.get(FLAGGED) == "1",
    }
