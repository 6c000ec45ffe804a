"""An article's comment thread: one level of replies, shown in pages of top-level comments.

Each page holds `NASHRA_COMMENTS_PER_PAGE` top-level comments, oldest first, each with all
its published replies, at the article's own address with `?page=N` (page 1 has none): the
page cache and the nginx front cache key pages by that parameter alone, so every page of a
thread is cached whole, the same for every reader, and purged with the article."""

from math import ceil

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from nashra.core import page_cache

from .comments import CommentRejected
from .models import Comment, CommentStatus

# Only what readers see: never the address, e-mail or reader key.
PRIVATE_FIELDS = ("email", "address_hash", "reader_key", "submission_token")


def per_page():
    return settings.NASHRA_COMMENTS_PER_PAGE


def requested_page(request):
    """The page a request asks for, read as the caches key it (see canonical_page_number)."""
    return page_cache.requested_page(request)


def _top_level(article_id):
    return Comment.objects.approved().filter(article_id=article_id, parent__isnull=True)


def page_counts(article_ids=None):
    """How many pages each thread of more than one page has, by article id, in one query;
    `article_ids`: only these articles' (else the site's)."""
    if article_ids is not None and not article_ids:
        return {}
    rows = Comment.objects.approved().filter(parent__isnull=True)
    if article_ids is not None:
        rows = rows.filter(article_id__in=article_ids)
    rows = rows.order_by().values("article_id").annotate(n=Count("pk")).filter(n__gt=per_page())
    return {row["article_id"]: ceil(row["n"] / per_page()) for row in rows}


def page_url(article_url, number):
    return article_url if number == 1 else f"{article_url}?page={number}"


def page_of(comment):
    """The page that shows a comment: its thread's."""
    top = comment.parent if comment.parent_id else comment
    earlier = (
        _top_level(comment.article_id)
        .filter(created_at__lte=top.created_at)
        .exclude(created_at=top.created_at, pk__gte=top.pk)
        .count()
    )
    return earlier // per_page() + 1


def thread_page(article_id, number):
    """The top-level comments of page `number`, each with `approved_replies`, and how many
    comments and pages there are. Past the last page is a 404, so no cache keeps a copy.

    One query for the page and its replies, on the (article, status, created_at) index on
    SQLite without statistics as on PostgreSQL; a second one counts, only when the thread
    runs past this page."""
    start = (number - 1) * per_page()
    on_page = (
        _top_level(article_id).order_by("created_at", "pk").values("pk")[start : start + per_page()]
    )
    shown = list(
        Comment.objects.approved()
        .filter(article_id=article_id)
        .filter(Q(pk__in=on_page) | Q(parent_id__in=on_page))
        .defer(*PRIVATE_FIELDS)
        .order_by("created_at", "pk")
    )
    comments = [c for c in shown if c.parent_id is None]
    if number > 1 and not comments:
        raise Http404
    replies = {c.pk: [] for c in comments}
    for reply in shown:
        if reply.parent_id is not None:
            replies[reply.parent_id].append(reply)
    for comment in comments:
        comment.approved_replies = replies[comment.pk]
    if number == 1 and len(comments) < per_page():
        threads, total = len(comments), len(shown)
    else:
        counts = (
            Comment.objects.approved()
            .filter(article_id=article_id)
            .aggregate(threads=Count("pk", filter=Q(parent__isnull=True)), total=Count("pk"))
        )
        threads, total = counts["threads"], counts["total"]
    pages = max(1, ceil(threads / per_page()))
    return {"comments": comments, "count": total, "page": number, "pages": pages}


def reply_target(parent_id, article):
    """The comment a reply is attached to, and a notice for the reader if it is not the one
    they answered. Replies go one level deep: an answer to a reply joins that reply's
    conversation, under the comment that started it, and the reader is told so."""
    parent = Comment.objects.filter(pk=parent_id).select_related("parent").first()
    if parent is None:
        raise CommentRejected(
            _(
                "The comment you are replying to has been removed. You can post your text as a "
                "new comment."
            ),
            field="parent",
        )
    if parent.article_id != article.pk:
        raise CommentRejected(
            _("The comment you are replying to is on another article."), field="parent"
        )
    notice = None
    if parent.parent_id is not None:
        name = parent.parent.name or _("a reader")
        notice = _(
            "Replies go one level deep, so your answer to %(reply)s was added to the same "
            "conversation, under the comment by %(name)s that started it."
        ) % {"reply": parent.name or _("a reader"), "name": name}
        parent = parent.parent
    if parent.status != CommentStatus.APPROVED:
        raise CommentRejected(
            _(
                "The comment you are replying to is not published at the moment, so it cannot "
                "take replies. You can post your text as a new comment."
            ),
            field="parent",
        )
    return parent, notice
