"""What the article page shows of reader engagement: the same HTML for every reader."""

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from .models import Comment, CommentPolicyPage, CommentStatus
from .reactions import tally
from .text import render_comment


PRIVATE_FIELDS = ("email", "address_hash", "reader_key", "submission_token")


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


def _comments_and_policy(page):
    # One query on the (article, status, created_at) index for comments and replies alike (a
    # reply is on its parent's article). Looking replies up by parent lets SQLite without
    # statistics pick the status index and read every approved comment of the site.
    shown = list(
        Comment.objects.approved()
        .filter(article_id=page.pk)
        # Only what readers see: never the address, e-mail or reader key.
        .defer(*PRIVATE_FIELDS)
        .order_by("created_at", "pk")
    )
    replies = defaultdict(list)
    for comment in shown:
        comment.html = render_comment(comment.body)
        if comment.parent_id is not None:
            replies[comment.parent_id].append(comment)
    comments = [c for c in shown if c.parent_id is None]
    for comment in comments:
        comment.approved_replies = replies.get(comment.pk, [])
    return {
        "comments": comments,
        "count": sum(1 + len(c.approved_replies) for c in comments),
        "policy": policy_page_for(page.locale_id),
    }


def policy_page_for(locale_id):
    # Among the few policy pages by id (not by walking the locale's index, see above).
    policies = CommentPolicyPage.objects.order_by().values("pk")
    return CommentPolicyPage.objects.live().filter(pk__in=policies, locale_id=locale_id).first()


def engagement_for(page, request):
    shown = _comments_and_policy(page)  # the area's HTML is cached (engagement/article_area.html)
    reacted = request.GET.get("reacted") in ("yes", "no")
    notice = {
        "published": _("Thank you. Your comment is published."),
        "pending": _("Thank you. Your comment will appear once a moderator approves it."),
        "duplicate": _("You already posted this comment; we kept the first one."),
    }.get(request.GET.get("commented", ""))
    return {
        "article": page,
        "mode": page.effective_comments_mode,
        **shown,
        "reacted": request.GET.get("reacted") if reacted else None,
        "tally": tally(page.pk) if reacted else None,
        "comment_notice": notice,
        "flagged": request.GET.get("flagged") == "1",
    }
