"""What a purge costs in queries: a change touching many pages computes its edition's
addresses once, after it commits, however many signals it sends (see purge_batch)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nashra.distribution.purge_targets import edition_targets
from nashra.engagement.models import Comment
from nashra.news.models import ArticlePage, HomePage, SectionPage
from nashra.news.tests.helpers import article_with_twin, url_of

pytestmark = pytest.mark.django_db

# Multiples of one edition computation (edition_targets), beside what the change itself costs.
SECTION_DELETE_BUDGET = 4
BULK_MODERATION_BUDGET = 2


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("budget-editor", "e@example.org", "pw")
    client.force_login(user)
    return user


def _edition_cost(language="en"):
    with CaptureQueriesContext(connection) as ctx:
        edition_targets(language)
    return len(ctx.captured_queries)


def _section_with(count, slug):
    """A new live English section holding `count` published articles."""
    home = HomePage.objects.live().get(locale__language_code="en")
    section = home.add_child(instance=SectionPage(title=f"Budget {slug}", slug=slug, live=False))
    section.save_revision().publish()
    model = article_with_twin("en")
    for i in range(count):
        copy = model.copy(
            to=section,
            keep_live=False,
            update_attrs={"slug": f"{slug}-story-{i}", "title": f"Budget story {i}"},
        )
        copy.save_revision().publish()
    assert ArticlePage.objects.published().in_section(section.pk).count() == count
    return section


def _delete_through_the_admin(client, section, capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as ctx, capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{section.pk}/delete/")
    assert response.status_code == 302
    assert not SectionPage.objects.filter(pk=section.pk).exists()
    return len(ctx.captured_queries)


def test_deleting_a_section_computes_its_edition_once(
    client, editor, settings, front, django_capture_on_commit_callbacks
):
    quiet = _section_with(12, "budget-quiet")
    loud = _section_with(12, "budget-loud")
    edition = _edition_cost()
    # What Wagtail's delete costs with no front cache to compute addresses for...
    front_cache_settings = settings.WAGTAILFRONTENDCACHE
    settings.WAGTAILFRONTENDCACHE = {}
    without = _delete_through_the_admin(client, quiet, django_capture_on_commit_callbacks)
    # ...and with one.
    settings.WAGTAILFRONTENDCACHE = front_cache_settings
    with_front = _delete_through_the_admin(client, loud, django_capture_on_commit_callbacks)
    purged = {p for _m, p, _h, _port in front.seen}
    assert "/en/" in purged and "/en/budget-loud/" in purged
    assert "/en/budget-loud/budget-loud-story-3/" in purged
    print(
        f"section delete: {with_front} queries ({without} without a front cache), "
        f"edition: {edition}"
    )
    assert with_front - without <= SECTION_DELETE_BUDGET * edition


def _bulk(client, action, comments, data=None):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return client.post(f"/admin/bulk/engagement/comment/{action}/?{ids}&next=/admin/", data or {})


def test_a_bulk_moderation_of_50_comments_computes_at_most_an_edition(
    client, editor, front, django_capture_on_commit_callbacks
):
    articles = list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk"))
    comments = [
        Comment.objects.create(
            article=articles[i % len(articles)],
            name=f"Reader {i}",
            email=f"r{i}@example.org",
            body=f"Budget comment {i}",
            address_hash=f"{i:064d}",
        )
        for i in range(50)
    ]
    edition = _edition_cost()
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        assert _bulk(client, "approve", comments).status_code == 302
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    ) == {"approved"}
    purged = {p for _m, p, _h, _port in front.seen}
    assert {url_of(a) for a in articles[:3]} <= purged
    print(f"bulk approve of 50: {len(ctx.captured_queries)} queries, edition: {edition}")
    assert len(ctx.captured_queries) <= BULK_MODERATION_BUDGET * edition
