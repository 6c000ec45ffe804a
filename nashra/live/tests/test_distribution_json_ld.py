"""A live page's JSON-LD is a LiveBlogPosting: everything the article's NewsArticle says, the
coverage's times, and the newest entries as BlogPostings linking to their place."""

import json
from datetime import timedelta

import extruct
import pytest
from django.utils import timezone

from nashra.distribution.presenters import article_json_ld
from nashra.live import distribution as live
from nashra.news.tests.helpers import url_of

from .distribution_support import add_entry, change_entry, delete_entry, make_live_page

pytestmark = pytest.mark.django_db


def _json_ld(client, page):
    """The page's JSON-LD as its template writes it (article_json_ld, as the article page
    calls it), parsed from the HTML as a search engine does."""
    request = client.get(url_of(page.section)).wsgi_request
    authors = [b.author for b in page.article_authors.all()]
    html = str(
        article_json_ld(page, request, authors, list(page.corrections.all()), page.tags.all())
    )
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]
    assert all(json.loads(json.dumps(item)) == item for item in data)
    return {item["@type"]: item for item in data}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_live_page_is_a_live_blog_posting_with_the_articles_fields(client, lang):
    page = make_live_page(lang)
    items = _json_ld(client, page)
    assert "NewsArticle" not in items and "BreadcrumbList" in items
    data = items["LiveBlogPosting"]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == page.title and data["description"] == page.standfirst
    assert data["inLanguage"] == lang
    assert data["mainEntityOfPage"] == f"http://testserver{url_of(page)}"
    assert len(data["image"]) == 3  # 1:1, 4:3, 16:9
    assert data["author"] and data["author"][0]["@type"] == "Person"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["articleSection"] == page.section.title
    assert data["keywords"] == [t.name for t in page.tags.all()]
    assert data["datePublished"] and data["dateModified"]
    assert data["coverageStartTime"] == page.coverage_start.isoformat()
    assert "coverageEndTime" not in data  # still going on
    assert "liveBlogUpdate" not in data  # no entries yet


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_newest_entries_are_blog_postings_linking_to_their_place(client, lang):
    page = make_live_page(lang)
    first = add_entry(page, "Cranes stand still along the quay.", title="The quay is silent")
    second = add_entry(page, "The union says talks resume at noon. " + "More words. " * 100)
    data = _json_ld(client, page)["LiveBlogPosting"]
    updates = data["liveBlogUpdate"]
    assert [u["url"] for u in updates] == [
        f"http://testserver{url_of(page)}#entry-{second.pk}",
        f"http://testserver{url_of(page)}#entry-{first.pk}",
    ]
    newest, older = updates
    assert newest["@type"] == "BlogPosting"
    # No title: the headline is the entry's first words, at most 110 characters.
    assert newest["headline"].startswith("The union says talks resume at noon.")
    assert len(newest["headline"]) <= live.HEADLINE_LENGTH
    assert len(newest["articleBody"]) <= live.EXCERPT_LENGTH
    assert older["headline"] == "The quay is silent"
    assert older["articleBody"] == "Cranes stand still along the quay."
    assert older["datePublished"] == first.posted_at.isoformat()
    assert older["dateModified"] == first.updated_at.isoformat()
    assert older["author"][0]["name"] == first.authors.get().title
    # An entry changed: the page's dateModified moves to it.
    change_entry(first, "Cranes move again.")
    data = _json_ld(client, page)["LiveBlogPosting"]
    assert data["dateModified"] == first.updated_at.isoformat()
    assert data["liveBlogUpdate"][1]["articleBody"] == "Cranes move again."


def test_only_the_newest_ten_entries_and_never_a_deleted_one(client):
    page = make_live_page("en")
    start = timezone.now() - timedelta(hours=1)
    entries = [
        add_entry(page, f"Update number {n}.", posted_at=start + timedelta(minutes=n))
        for n in range(12)
    ]
    updates = _json_ld(client, page)["LiveBlogPosting"]["liveBlogUpdate"]
    assert len(updates) == live.JSON_LD_UPDATES
    assert updates[0]["articleBody"] == "Update number 11." and updates[-1]["articleBody"] == (
        "Update number 2."
    )
    delete_entry(entries[-1])
    data = _json_ld(client, page)["LiveBlogPosting"]
    bodies = [u["articleBody"] for u in data["liveBlogUpdate"]]
    assert "Update number 11." not in bodies and bodies[0] == "Update number 10."
    assert len(bodies) == live.JSON_LD_UPDATES  # the next older one takes its place
    # The deletion is a change: the page's dateModified moves to it.
    assert data["dateModified"] == entries[-1].updated_at.isoformat()


def test_an_ended_coverage_has_its_end_time(client):
    page = make_live_page("ar", status="ended", coverage_end=timezone.now())
    data = _json_ld(client, page)["LiveBlogPosting"]
    assert data["coverageEndTime"] == page.coverage_end.isoformat()


def test_an_entry_cannot_break_out_of_the_script(client):
    page = make_live_page("en")
    add_entry(page, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", title="</script><b>")
    request = client.get(url_of(page.section)).wsgi_request
    html = str(article_json_ld(page, request, [], [], []))
    assert html.count("</script>") == 2  # its own two scripts
    data = _json_ld(client, page)["LiveBlogPosting"]
    assert data["liveBlogUpdate"][0]["headline"] == "</script><b>"
    assert data["liveBlogUpdate"][0]["articleBody"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_live_page_writes_its_live_blog_posting_linking_to_its_entries(client, lang):
    page = make_live_page(lang)
    entry = add_entry(page, "Cranes stand still along the quay.", title="The quay is silent")
    response = client.get(url_of(page))
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(html, base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]
    types = [item["@type"] for item in data]
    assert "LiveBlogPosting" in types and "NewsArticle" not in types
    (posting,) = [item for item in data if item["@type"] == "LiveBlogPosting"]
    (update,) = posting["liveBlogUpdate"]
    assert update["url"] == f"http://testserver{url_of(page)}#entry-{entry.pk}"
    assert f'id="entry-{entry.pk}"' in html  # the permalink's target is on the page
