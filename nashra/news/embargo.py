"""Lifting embargoes, early (by an editor allowed to override them) or when their time comes.

An embargoed article is held off the public site by never being live (ArticlePage.save): its
publish approves a revision that waits. The lift is the one way out: it clears the embargo
(on the page and in its revisions, so republishing an old revision cannot bring it back),
makes a waiting revision live with the lift time as its first-published time, sends
Wagtail's page_published as a publish does (so the same purges run) and records itself in
the page's history.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.log_actions import log
from wagtail.signals import page_published

from nashra.news.forms import OVERRIDE_EMBARGO
from nashra.news.models import ArticlePage

LIFT_ACTION = "nashra.lift_embargo"


def lift_due_embargoes(now):
    """Lift every embargo whose time is `now` or past; the ids of the articles this call
    lifted. Two callers at once lift each article once: each lift claims its row with a
    conditional UPDATE, and only the caller whose UPDATE changed the row goes on."""
    return [pk for pk in _due(now) if _lift(pk, now, Q(embargo_until__lte=now))]


def _due(now):
    return list(due_embargoes(now))


def due_embargoes(now):
    """The ids of the articles whose embargo is due, read from the embargo index alone (no
    page-tree order, which would read the page table)."""
    due = ArticlePage.objects.order_by().filter(embargo_until__lte=now)
    return due.values_list("page_ptr_id", flat=True)


def lift_embargo_early(article, user, now=None):
    """Lift the article's embargo now, for an editor allowed to; whether it was lifted."""
    if not user.has_perm(OVERRIDE_EMBARGO):
        raise PermissionDenied
    return _lift(article.pk, now or timezone.now(), user=user, early=True)


def embargo_of(article):
    """The embargo standing on an article: the published page's or its latest draft's."""
    if article.embargo_until:
        return article.embargo_until
    revision = article.latest_revision
    return revision and _revision_embargo(revision)


def _lift(pk, now, condition=None, user=None, early=False):
    with transaction.atomic():
        until = ArticlePage.objects.filter(pk=pk).values_list("embargo_until", flat=True).first()
        standing = ArticlePage.objects.filter(condition or Q(), pk=pk, embargo_until__isnull=False)
        claimed = standing.update(embargo_until=None)
        if not claimed and not early:
            return False
        article = ArticlePage.objects.get(pk=pk)
        drafted = _forget_in_revisions(article)
        if not (claimed or drafted):
            return False
        if claimed and article.live_revision_id and not article.live:
            article.live = True
            article.first_published_at = article.last_published_at = now
            article.save()
            page_published.send(
                sender=ArticlePage, instance=article, revision=article.live_revision
            )
        until = until or drafted
        log(
            instance=article,
            action=LIFT_ACTION,
            user=user,
            data={"embargo_until": until.isoformat(), "lifted_at": now.isoformat(), "early": early},
        )
    return True


def _forget_in_revisions(article):
    """Clear the embargo in the article's revisions; the latest one it cleared, if any."""
    latest = None
    for revision in article.revisions.order_by("created_at", "pk"):
        until = _revision_embargo(revision)
        if until is not None:
            revision.content["embargo_until"] = None
            revision.save(update_fields=["content"])
            latest = until
    return latest


def _revision_embargo(revision):
    value = (revision.content or {}).get("embargo_until")
    return parse_datetime(value) if value else None
