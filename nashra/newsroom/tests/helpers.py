import uuid
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from nashra.news.tests.helpers import article_with_twin


@contextmanager
def frozen(at):
    """Django's clock (timezone.now, which Wagtail's publishing reads) stopped at `at`."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def scheduled_article(go_live_at, title, expire_at=None):
    """A new English article an editor scheduled, ten minutes before, for `go_live_at`."""
    source = article_with_twin("en")
    with frozen(go_live_at - timedelta(minutes=10)):
        draft = source.copy(
            keep_live=False,
            update_attrs={"slug": f"scheduled-{uuid.uuid4().hex[:8]}", "title": title},
        )
        draft.go_live_at = go_live_at
        draft.expire_at = expire_at
        draft.save_revision().publish()
    draft.refresh_from_db()
    assert not draft.live
    assert draft.revisions.filter(approved_go_live_at=go_live_at).exists()
    return draft


def live_article_expiring(expire_at, title):
    """A new English article published (in the past) to expire at `expire_at`."""
    source = article_with_twin("en")
    with frozen(expire_at - timedelta(hours=1)):
        article = source.copy(
            keep_live=False,
            update_attrs={"slug": f"expiring-{uuid.uuid4().hex[:8]}", "title": title},
        )
        article.expire_at = expire_at
        article.save_revision().publish()
    article.refresh_from_db()
    assert article.live
    return article
