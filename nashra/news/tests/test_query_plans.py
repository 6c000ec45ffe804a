"""The queries behind listings and navigation use indexes, so pages stay fast as the archive
grows (docs/developers/benchmark.md, bench/curve.py). SQLite plans without statistics the same
way on the demo edition as on 100,000 articles, so its plans are asserted here; PostgreSQL plans
by statistics, so only the index it needs is checked."""

import pytest
from django.db import connection
from wagtail.models import Page

from nashra.news.models import ArticlePage, HomePage, SectionPage
from nashra.news.models.querysets import children_q

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
    assert steps.index(pages[0]) <= 1 and "news_articlepage" not in "".join(
        steps[: steps.index(pages[0])]
    ), steps
    assert not any(step.startswith("SCAN") for step in steps), steps


@on_sqlite
@pytest.mark.django_db
def test_an_editions_sections_are_found_by_seeking_the_path_index_child_to_child(home):
    steps = plan(Page.objects.live().child_of(home).filter(children_q(home)))
    assert "RECURSIVE STEP" in steps, steps
    seeks = [step for step in steps if "wagtailcore_page" in step]
    assert seeks and all("(path>? AND path<?)" in step or "(path=?)" in step for step in seeks), (
        steps
    )
    assert not any(step.startswith("SCAN wagtailcore_page") for step in steps), steps


@pytest.mark.django_db
def test_the_child_seek_selects_exactly_the_children(home):
    """Added to Wagtail's filter, it must select the same pages, no fewer: sections with
    articles under them, and pages with none."""

    def pks(queryset):
        return set(queryset.values_list("pk", flat=True))

    for page in [home, *home.get_children()]:
        assert pks(Page.objects.filter(children_q(page))) == pks(page.get_children()), page
    assert pks(Page.objects.filter(children_q(home)))


# What ANALYZE found on 100,000 articles in five sections (bench/curve.py): with these,
# SQLite takes a section's index for selective and sorts what it finds.
ARCHIVE_STATISTICS = [
    ("wagtailcore_page", "nashra_page_type_published", "100063 12508 1"),
    ("wagtailcore_page", "wagtailcore_page_content_type_id_c28424df", "100063 12508"),
    ("wagtailcore_page", "wagtailcore_page_locale_id_3c7e30a6", "100063 50032"),
    ("wagtailcore_page", "sqlite_autoindex_wagtailcore_page_1", "100063 1"),
    ("news_articlepage", "news_articlepage_section_id_fe686229", "100030 10003"),
    ("news_articlepage", "news_articlepage_lead_image_id_1010a45e", "100030 5265"),
]


@pytest.fixture
def archive_statistics():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.executemany("INSERT INTO sqlite_stat1 VALUES (%s, %s, %s)", ARCHIVE_STATISTICS)
        cursor.execute("ANALYZE sqlite_schema")  # the planner reads them again


@on_sqlite
@pytest.mark.django_db
def test_the_newest_of_a_section_are_walked_from_the_date_index_not_sorted(
    home, archive_statistics
):
    section = home.get_children().type(SectionPage).first()
    newest = ArticlePage.objects.published().descendant_of(home).newest_in_section(section)
    steps = plan(newest[:10])
    pages = [step for step in steps if " wagtailcore_page " in step]
    assert pages and "USING INDEX nashra_page_type_published" in pages[0], steps
    # Ties on the date are ordered as they come ("RIGHT PART"); never the section sorted whole.
    assert "USE TEMP B-TREE FOR ORDER BY" not in steps, steps
    assert list(newest) == list(
        ArticlePage.objects.published().descendant_of(home).in_section(section)
    )


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
    assert constraints["nashra_page_type_published"]["columns"] == [
        "content_type_id",
        "first_published_at",
    ]
