"""What is purged from a URL-keyed front cache, and how the purge reaches it.
(The whole stack with nginx is tested in tests/frontcache/.)"""

from datetime import timedelta

import pytest
from django.utils.encoding import iri_to_uri
from wagtail.models import Revision

from nashra.core import front_cache
from nashra.distribution.purge_targets import article_targets, edition_targets, rail_neighbours
from nashra.engagement.models import Comment
from nashra.news.models import ArticleAuthor, ArticlePage, AuthorPage, HomePage, SectionPage
from nashra.news.tests.helpers import article_with_twin, rails, section_with, url_of

pytestmark = pytest.mark.django_db


def test_an_article_purges_every_page_that_shows_it(settings):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    article = article_with_twin("en")
    twin = article.get_translations().live().get()
    targets = article_targets(article)
    section = article.section
    home = HomePage.objects.get(locale__language_code="en")
    assert {url_of(article), url_of(twin), url_of(home), url_of(section)} <= targets
    # Every page of the paginated section listing (a new article shifts them all).
    in_section = ArticlePage.objects.published().in_section(section).count()
    assert in_section > 2
    assert f"{url_of(section)}?page={(in_section + 2) // 2}" in targets
    for byline in article.article_authors.all():
        assert url_of(byline.author) in targets
        assert f"/en/feeds/author/{byline.author.slug}/atom/" in targets
    for tag in article.tags.all():
        assert home.tag_url(tag) in targets
    assert {
        "/en/feeds/rss/",
        "/en/feeds/json/",
        f"/en/feeds/section/{section.slug}/rss/",
        "/sitemap.xml",
        "/sitemap-en.xml",
        "/sitemap-news.xml",
    } <= targets
    # Nothing of the other edition but the twin.
    assert not {t for t in targets if t.startswith("/ar/")} - {url_of(twin)}


def _rails_to_purge(before, after, changed):
    """The articles whose rail differs between two states, or shows the changed article."""
    return {
        pk
        for pk in before.keys() | after.keys()
        if pk != changed
        and (before.get(pk) != after.get(pk) or changed in before.get(pk, []) + after.get(pk, []))
    }


def _neighbours(article):
    place = (article.section_id, article.first_published_at, article.pk)
    return {a.pk for a in rail_neighbours(*place)}


@pytest.mark.parametrize("count", [3, 7])
def test_rail_neighbours_are_exactly_the_rails_a_change_reaches(count):
    """For each article of a section: editing it, unpublishing it and publishing it again
    change exactly the rails rail_neighbours names, whatever its place."""
    articles = section_with(count)
    section = articles[0].section_id
    assert len(articles) == count
    for article in articles:
        shown = rails(section)
        assert _neighbours(article) == _rails_to_purge(shown, shown, article.pk)  # an edit
        ArticlePage.objects.get(pk=article.pk).unpublish()
        unpublished = rails(section)
        assert _neighbours(article) == _rails_to_purge(shown, unpublished, article.pk)
        ArticlePage.objects.get(pk=article.pk).save_revision().publish()
        assert rails(section) == shown
        assert _neighbours(article) == _rails_to_purge(unpublished, shown, article.pk)
    assert len(_neighbours(articles[1])) <= 2 * ArticlePage.related_count


def test_an_edition_purge_reaches_every_page_of_that_edition_only():
    targets = edition_targets("ar")
    for page in ArticlePage.objects.live().filter(locale__language_code="ar"):
        assert url_of(page) in targets
    for section in SectionPage.objects.live().filter(locale__language_code="ar"):
        assert url_of(section) in targets
    assert not any(t.startswith("/en/") for t in targets)


def test_purges_are_sent_after_commit_over_a_few_kept_alive_connections(
    front, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        front_cache.purge_paths(["/en/", "/ar/وسم/", "/en/politics/?page=2", "/en/never-cached/"])
    assert front.seen == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert [(m, p) for m, p, _h, _port in front.seen] == [
        ("PURGE", "/ar/%D9%88%D8%B3%D9%85/"),
        ("PURGE", "/en/"),
        ("PURGE", "/en/never-cached/"),
        ("PURGE", "/en/politics/?page=2"),  # further pages of listings last
    ]
    assert {host for _m, _p, host, _port in front.seen} == {"news.example.org"}


def test_a_large_purge_reuses_its_connections_and_sends_the_first_pages_first(
    front, django_capture_on_commit_callbacks
):
    listing = [f"/en/politics/?page={n}" for n in range(2, 200)]
    with django_capture_on_commit_callbacks(execute=True):
        front_cache.purge_paths([*listing, "/en/politics/a-story/", "/en/politics/", "/en/"])
    paths = [p for _m, p, _h, _port in front.seen]
    assert sorted(paths) == sorted({*listing, "/en/politics/a-story/", "/en/politics/", "/en/"})
    # What readers see is purged first, in order, before the further pages of the listing.
    assert paths[:3] == ["/en/", "/en/politics/", "/en/politics/a-story/"]
    ports = {port for *_rest, port in front.seen}
    assert len(ports) <= 1 + front_cache.KeepAliveHTTPBackend.connections  # kept alive


def test_publishing_an_article_purges_its_pages(front, django_capture_on_commit_callbacks):
    article = article_with_twin("en")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Ferry timetable restored"
        article.save_revision().publish()
    purged = {p for _m, p, _h, _port in front.seen}
    assert {url_of(article), url_of(article.section), "/en/"} <= purged


def test_an_unreachable_front_cache_never_breaks_a_publish(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "nashra.core.front_cache.KeepAliveHTTPBackend",
            "LOCATION": "http://127.0.0.1:9",  # discard port: nothing listens
        }
    }
    article = article_with_twin("en")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "did not purge" in caplog.text
    from nashra.core.models import PendingPurge

    kept = set(PendingPurge.objects.filter(kind="front").values_list("target", flat=True))
    assert f"http://localhost{url_of(article)}" in kept  # kept for a retry, not dropped


def _purged(front):
    return {p for _m, p, _h, _port in front.seen}


def _purged_articles(front, articles):
    """Which of these articles' pages the front cache was told to purge."""
    purged = _purged(front)
    return {a.pk for a in articles if url_of(a) in purged}


def test_an_edit_purges_the_rails_that_show_the_article_and_no_other(
    front, django_capture_on_commit_callbacks
):
    articles = section_with(11)
    middle, early = articles[5], articles[1]
    with django_capture_on_commit_callbacks(execute=True):
        middle.title = "The ferry timetable, corrected"
        middle.save_revision().publish()
    assert _purged_articles(front, articles) == {a.pk for a in [middle, *articles[6:10]]}
    front.seen.clear()
    # One of the section's first: the four after it, and the first ones, whose rails are
    # topped up from after them.
    with django_capture_on_commit_callbacks(execute=True):
        early.save_revision().publish()
    assert _purged_articles(front, articles) == {a.pk for a in [articles[0], *articles[1:6]]}


def test_an_article_published_with_an_earlier_date_purges_the_rails_after_it(
    front, django_capture_on_commit_callbacks
):
    articles = section_with(11)
    before, after = articles[4].first_published_at, articles[5].first_published_at
    imported = articles[5].copy(
        keep_live=False,
        update_attrs={
            "slug": "imported-story",
            "title": "An imported story",
            "first_published_at": before + (after - before) / 2,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        imported.save_revision().publish()
    assert ArticlePage.objects.get(pk=imported.pk).first_published_at < after
    assert _purged_articles(front, articles) == {a.pk for a in articles[5:9]}
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=imported.pk).unpublish()
    assert _purged_articles(front, articles) == {a.pk for a in articles[5:9]}


def test_an_article_given_another_date_purges_the_rails_of_its_old_and_new_places(
    front, django_capture_on_commit_callbacks
):
    articles = section_with(14)
    moved = ArticlePage.objects.get(pk=articles[11].pk)
    moved.first_published_at = (
        articles[5].first_published_at
        - (articles[5].first_published_at - articles[4].first_published_at) / 2
    )
    section, shown = moved.section_id, rails(moved.section_id)
    with django_capture_on_commit_callbacks(execute=True):
        moved.save_revision().publish()
    expected = _rails_to_purge(shown, rails(section), moved.pk)
    assert _purged_articles(front, articles) - {moved.pk} == expected
    old_place, new_place = articles[12:14], articles[5:9]
    assert _purged_articles(front, articles) == {a.pk for a in [*new_place, moved, *old_place]}


def _approve_a_comment(article, capture_on_commit_callbacks, body):
    comment = Comment.objects.create(article=article, name="Hind", email="h@example.org", body=body)
    with capture_on_commit_callbacks(execute=True):
        comment.status = "approved"
        comment.save()


def test_a_comment_purges_its_article_but_no_rail(front, django_capture_on_commit_callbacks):
    articles = section_with(8)
    _approve_a_comment(
        articles[3], django_capture_on_commit_callbacks, "A comment that changes no rail"
    )
    assert _purged_articles(front, articles) == {articles[3].pk}  # rail cards show no counts


def test_a_comment_purges_every_page_of_its_thread(
    front, settings, django_capture_on_commit_callbacks
):
    """The article shows on each ?page=N of its comments (see engagement.thread), and the
    count of comments on all of them; one page past the end goes too, for a shrinking thread."""
    settings.NASHRA_COMMENTS_PER_PAGE = 2
    article = article_with_twin("en")
    Comment.objects.filter(article=article).delete()
    for n in range(5):
        Comment.objects.create(
            article=article, name="R", email="r@example.org", body=f"C{n}", status="approved"
        )
    front.seen.clear()
    _approve_a_comment(article, django_capture_on_commit_callbacks, "The sixth comment")
    url = iri_to_uri(url_of(article))
    pages = {p for p in _purged(front) if p.startswith(url)}
    assert pages == {url, f"{url}?page=2", f"{url}?page=3", f"{url}?page=4"}
    twin = iri_to_uri(url_of(article.get_translations().live().get()))
    assert twin in _purged(front)  # its language switcher links here


def _twinned_section(language="en"):
    section = next(
        s
        for s in SectionPage.objects.live().filter(locale__language_code=language)
        if s.get_translations().live().exists()
    )
    return section, section.get_translations().live().get().specific


def _every_page(section):
    """Each ?page=N of a listing, one page past its end, with one article a page."""
    count = ArticlePage.objects.published().in_section(section).count()
    return {iri_to_uri(url_of(section))} | {
        iri_to_uri(f"{url_of(section)}?page={n}") for n in range(2, count + 2)
    }


def test_a_section_published_purges_every_page_of_its_twin_and_nothing_else_of_that_edition(
    settings, front, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    section, twin = _twinned_section("en")
    with django_capture_on_commit_callbacks(execute=True):
        SectionPage.objects.get(pk=section.pk).save_revision().publish()
    assert {p for p in _purged(front) if p.startswith("/ar/")} == _every_page(twin)
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        SectionPage.objects.get(pk=section.pk).unpublish()
    assert {p for p in _purged(front) if p.startswith("/ar/")} == _every_page(twin)


def test_a_section_given_a_new_slug_purges_its_old_addresses_and_its_articles_twins(
    settings, front, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    section, twin = _twinned_section("en")
    articles = list(ArticlePage.objects.live().filter(section=section))
    old = {url_of(section), *(url_of(a) for a in articles)}
    article_twins = {iri_to_uri(url_of(t)) for a in articles for t in a.get_translations().live()}
    assert article_twins
    renamed = SectionPage.objects.get(pk=section.pk)
    renamed.slug = "coast-and-harbour"
    with django_capture_on_commit_callbacks(execute=True):
        renamed.save_revision().publish()
    purged = _purged(front)
    assert old <= purged and url_of(renamed) in purged
    assert {p for p in purged if p.startswith("/ar/")} == _every_page(twin) | article_twins


def test_a_moved_article_purges_its_twin_in_the_other_edition(
    front, django_capture_on_commit_callbacks
):
    article = article_with_twin("en")
    twin = article.get_translations().live().get()
    other = (
        SectionPage.objects.live()
        .filter(locale=article.locale)
        .exclude(pk=article.section_id)
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other, pos="last-child")
    assert {p for p in _purged(front) if p.startswith("/ar/")} == {iri_to_uri(url_of(twin))}


def _listing_pages(front, listing_url):
    """The addresses of one listing (its first page and each ?page=N) that were purged."""
    url = iri_to_uri(listing_url)
    return {p for p in _purged(front) if p == url or p.startswith(url + "?page=")}


def _section_pages(section, count, per_page):
    """Every page of a section listing of `count` articles, one page past its end."""
    url = iri_to_uri(url_of(section))
    return {url} | {f"{url}?page={n}" for n in range(2, count // per_page + 2)}


def test_an_edit_that_keeps_the_articles_place_purges_only_the_listing_page_showing_it(
    front, settings, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    articles = section_with(11)
    edited = ArticlePage.objects.get(pk=articles[5].pk)  # five newer: the third page
    section = edited.section
    with django_capture_on_commit_callbacks(execute=True):
        edited.title = "The ferry timetable, corrected"
        edited.save_revision().publish()
    assert _listing_pages(front, url_of(section)) == {iri_to_uri(f"{url_of(section)}?page=3")}
    for byline in edited.article_authors.all():
        pages = _listing_pages(front, url_of(byline.author))
        assert len(pages) == 1, pages
    assert url_of(edited) in _purged(front) and "/en/" in _purged(front)
    newest = ArticlePage.objects.get(pk=articles[-1].pk)
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        newest.save_revision().publish()
    assert _listing_pages(front, url_of(section)) == {iri_to_uri(url_of(section))}


def test_the_first_edit_of_a_new_article_purges_in_place_too(
    front, settings, django_capture_on_commit_callbacks
):
    """A first publish dated the article to the microsecond; stored revisions keep
    milliseconds. A revision published from the database (scheduled publishing, a workflow's
    approval, the history's "publish this version") must not read that as a new date."""
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    articles = section_with(5)
    section = articles[0].section
    fresh = articles[-1].copy(
        update_attrs={
            "slug": "breaking",
            "title": "Breaking: port closed",
            "first_published_at": None,
            "live": False,
        }
    )
    fresh.save_revision().publish()
    fresh = ArticlePage.objects.get(pk=fresh.pk)
    dated = fresh.first_published_at
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fresh.title = "Breaking: port closed after the strike"
        Revision.objects.get(pk=fresh.save_revision().pk).publish()
    published = ArticlePage.objects.get(pk=fresh.pk)
    assert published.title == "Breaking: port closed after the strike"
    assert published.first_published_at == dated  # the same place: purged in place
    assert _listing_pages(front, url_of(section)) == {iri_to_uri(url_of(section))}


@pytest.mark.parametrize("change", ["tag", "author", "date"])
def test_an_edit_that_moves_the_article_in_a_listing_purges_every_page_of_its_listings(
    front, settings, django_capture_on_commit_callbacks, change
):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    articles = section_with(11)
    edited = ArticlePage.objects.get(pk=articles[5].pk)
    section = edited.section
    if change == "tag":
        edited.tags.add("ferry-timetables")
    elif change == "author":
        other = (
            AuthorPage.objects.live()
            .filter(locale=edited.locale)
            .exclude(pk__in=edited.article_authors.values("author"))
            .first()
        )
        edited.article_authors.add(ArticleAuthor(author=other))
    else:
        edited.first_published_at = articles[0].first_published_at - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        edited.save_revision().publish()
    assert _listing_pages(front, url_of(section)) == _section_pages(section, 11, 2)


def test_a_comment_purges_only_the_listing_page_showing_its_article(
    front, settings, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 2
    articles = section_with(11)
    _approve_a_comment(
        articles[3], django_capture_on_commit_callbacks, "Counted on the listing card"
    )
    section = articles[3].section
    # Seven newer articles, two a page: its card is on the fourth page.
    assert _listing_pages(front, url_of(section)) == {iri_to_uri(f"{url_of(section)}?page=4")}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_making_a_section_private_purges_its_pages_and_every_page_its_articles_left(
    front, settings, django_capture_on_commit_callbacks, language
):
    from wagtail.models import PageViewRestriction

    settings.NASHRA_ARTICLES_PER_PAGE = 1  # each article a page of its authors' listings
    section = section_with(4, language)[0].section
    public = {iri_to_uri(url) for url in edition_targets(language)}
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    private = {iri_to_uri(url_of(a)) for a in ArticlePage.objects.live().child_of(section)}
    assert private and private <= _purged(front)
    assert public <= _purged(front)  # the listings' pages as they were, now past their end
    front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert private <= _purged(front) and public <= _purged(front)


@pytest.mark.parametrize("left", ["tag", "author"])
def test_an_article_taken_off_a_tag_or_byline_purges_that_listing_and_its_feeds(
    front, settings, django_capture_on_commit_callbacks, left
):
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    article = ArticlePage.objects.get(pk=article_with_twin("en").pk)
    home = HomePage.objects.get(locale__language_code="en")
    if left == "tag":
        tag = article.tags.first()
        listing, feed = home.tag_url(tag), f"/en/feeds/tag/{tag.slug}/rss/"
        article.tags.set([t for t in article.tags.all() if t.pk != tag.pk])
    else:
        other = (
            AuthorPage.objects.live()
            .filter(locale=article.locale)
            .exclude(pk__in=article.article_authors.values("author"))
            .first()
        )
        article.article_authors.add(ArticleAuthor(author=other))
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        article = ArticlePage.objects.get(pk=article.pk)
        byline = next(b for b in article.article_authors.all() if b.author_id == other.pk)
        listing, feed = url_of(other), f"/en/feeds/author/{other.slug}/rss/"
        article.article_authors.remove(byline)
        front.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert iri_to_uri(listing) in _purged(front) and iri_to_uri(feed) in _purged(front)
