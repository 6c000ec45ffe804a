"""An embargoed article, even published, is in no public output until its lift; at the lift
it is in all of them, dated then, and the front cache is told to purge its listings."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from nashra.news.embargo import lift_due_embargoes
from nashra.news.models import ArticlePage, HomePage
from nashra.news.tests.embargo_helpers import MARKER, embargoed_article
from nashra.news.tests.helpers import article_with_twin, rails, url_of

pytestmark = pytest.mark.django_db
SLUG = f"embargoed-{MARKER}"


def _outputs(article):
    """Every public address that shows an article (once lifted), by name."""
    home = HomePage.objects.get(locale__language_code="en")
    author = article.article_authors.first().author
    tag = article.tags.first()
    section = article.section
    return {
        "its page": url_of(article),
        "front page": url_of(home),
        "section": url_of(section),
        "author": url_of(author),
        "tag": home.tag_url(tag),
        "rss": "/en/feeds/rss/",
        "json feed": "/en/feeds/json/",
        "section feed": f"/en/feeds/section/{section.slug}/atom/",
        "sitemap": "/sitemap-en.xml",
        "google news sitemap": "/sitemap-news.xml",
        "search": f"/en/search/?q={MARKER}",
        "api listing": f"/api/v2/pages/?type=news.ArticlePage&slug={article.slug}",
        "api detail": f"/api/v2/pages/{article.pk}/",
        "ninjs": f"/api/ninjs/articles/{article.pk}/",
    }


def _shows(client, url):
    """Whether the address links to the article (search pages repeat the words searched for,
    so the marker alone would not do: the slug is in every link and in the API's meta)."""
    response = client.get(url)
    return response.status_code == 200 and SLUG in response.content.decode()


@pytest.fixture(autouse=True)
def _no_safety_net(settings):
    """A reader's look at a due embargo would lift it at once (nashra.newsroom.safety_net):
    here only the calls under test lift it."""
    settings.NASHRA_SAFETY_NET = False


@pytest.fixture
def embargoed():
    # Newer than every demo article, so once lifted it heads every listing and feed.
    return embargoed_article(timezone.now().replace(microsecond=0))


def test_in_no_output_before_the_lift_and_in_every_one_after(client, embargoed):
    outputs = _outputs(embargoed)
    assert {name for name, url in outputs.items() if _shows(client, url)} == set()
    assert lift_due_embargoes(embargoed.embargo_until) == [embargoed.pk]
    call_command("update_index", verbosity=0)  # as the search tests do, whatever backend
    assert {name for name, url in outputs.items() if not _shows(client, url)} == set()


def test_other_pages_json_ld_and_rails_leave_it_out(client):
    source = article_with_twin("en")
    section_dates = ArticlePage.objects.published().in_section(source.section_id)
    newest, second = section_dates[:2]
    # Between the section's two newest: once lifted, it is in the newest one's rail.
    until = second.first_published_at + (newest.first_published_at - second.first_published_at) / 2
    article = embargoed_article(until.replace(microsecond=0))
    assert not any(article.pk in shown for shown in rails(article.section_id).values())
    assert MARKER not in client.get(url_of(newest)).content.decode().lower()  # rail, JSON-LD
    lift_due_embargoes(article.embargo_until)
    assert any(article.pk in shown for shown in rails(article.section_id).values())
    assert MARKER in client.get(url_of(newest)).content.decode().lower()


def test_the_twins_language_switcher_leaves_it_out_until_the_lift(client):
    article = article_with_twin("en")
    twin = article.get_translations().live().get()
    twin.embargo_until = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    twin.save_revision().publish()  # an embargo put on a live article takes it down
    twin.refresh_from_db()
    assert not twin.live
    page = client.get(url_of(article)).content.decode()
    assert url_of(twin) not in page
    lift_due_embargoes(twin.embargo_until)
    assert url_of(twin) in client.get(url_of(article)).content.decode()


def test_publishing_under_embargo_exposes_nothing_and_the_lift_purges_its_listings(
    client, front, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = embargoed_article(timezone.now().replace(microsecond=0))
    # Whatever was purged now renders afresh without it.
    purged = {p for _m, p, _h, _port in front.seen}
    assert not [p for p in purged if not p.startswith("/api") and _shows(client, p)]
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        lift_due_embargoes(article.embargo_until)
    purged = {p for _m, p, _h, _port in front.seen}
    outputs = _outputs(article)
    listings = ["its page", "front page", "section", "author", "tag", "rss", "sitemap"]
    assert {outputs[name] for name in listings} <= purged
