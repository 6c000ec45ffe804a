"""The queries behind listings and navigation use indexes, so pages stay fast as the archive
grows (README "Benchmark", bench/curve.py). SQLite plans without statistics the same way on
the demo edition as on 100,000 articles, so its plans are asserted here; PostgreSQL plans by
statistics, so only the index it needs is checked."""

import pytest
from django.db import connection
from wagtail.models import Page

from nashra.news.models import ArticlePage, HomePage
from nashra.news.models.querysets import path_range_q

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner only")


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en")


@on_sqlite
@pytest.mark.django_db
def test_the_newest_articles_of_an_edition_are_walked_from_the_type_and_date_index(home):
    steps = plan(ArticlePage.objects.published().descendant_of(home).exclude(pk=0)[:5])
    pages = [step for step in steps if " wagtailcore_page " in step]
    assert pages and "USING INDEX nashra_page_type_published" in pages[0], steps
    # The page table is reached first (after the one content type row), so its order is
    # what the LIMIT stops on.
    assert steps.index(pages[0]) <= 1 and "news_articlepage" not in "".join(steps[:steps.index(pages[0])]), steps
    assert not any(step.startswith("SCAN") for step in steps), steps


@on_sqlite
@pytest.mark.django_db
def test_an_editions_sections_are_found_from_the_path_index(home):
    children = Page.objects.live().child_of(home).filter(path_range_q(home, depth=home.depth + 1))
    steps = plan(children)
    assert any("(path>? AND path<?)" in step for step in steps), steps
    assert not any(step.startswith("SCAN wagtailcore_page") for step in steps), steps


@on_sqlite
@pytest.mark.django_db
def test_the_path_range_selects_exactly_the_tree_filter(home):
    """The range is added to Wagtail's filter: it must select the same pages, no fewer."""
    def pks(queryset):
        return set(queryset.values_list("pk", flat=True))

    below = pks(Page.objects.descendant_of(home, inclusive=True))
    assert below and pks(Page.objects.filter(path_range_q(home))) == below
    children = pks(home.get_children())
    assert children and pks(Page.objects.filter(path_range_q(home, depth=home.depth + 1))) == children


@on_sqlite
@pytest.mark.django_db
def test_an_articles_rail_neighbours_are_found_from_its_place_in_the_date_index():
    article = ArticlePage.objects.published().filter(locale__language_code="en")[3]
    others = ArticlePage.objects.published().in_section(article.section_id)
    place = (article.first_published_at, article.pk)
    for nearest in (others.published_before(*place), others.published_after(*place)):
        steps = plan(nearest.values("pk")[:4])
        # A range from the article's date, not a walk from the newest or oldest article.
        index = "nashra_page_type_published (content_type_id=? AND first_published_at"
        pages = [step for step in steps if " wagtailcore_page " in step]
        assert pages and index in pages[0], steps


@pytest.mark.django_db
def test_the_type_and_date_index_exists():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints["nashra_page_type_published"]["columns"] == ["content_type_id",
                                                                    "first_published_at"]
