"""The footer's links (chosen per edition on its home), their cache and purges, and the 404
page's search box and latest stories."""

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, Revision

from nashra.core import views
from nashra.news.demo.loader import DemoLoader
from nashra.news.models import ArticlePage, HomePage, StandardPage
from nashra.news.navigation import edition

from .helpers import soup, url_of

pytestmark = pytest.mark.django_db

OTHER = {"en": "ar", "ar": "en"}


def _home(lang):
    return HomePage.objects.get(locale__language_code=lang)


def _footer(client, url):
    response = client.get(url)
    return {a.get_text(strip=True): a for a in soup(response).select("footer .site-footer__nav a")}


def _child(home, slug):
    return StandardPage.objects.child_of(home).get(slug=slug)


@pytest.mark.parametrize(
    "lang,labels,other_label",
    [
        (
            "en",
            ("About us", "Corrections", "Comment policy", "Privacy", "Contact"),
            "العربيّة",
        ),
        ("ar", ("من نحن", "تصحيحات", "سياسة التعليقات", "الخصوصية", "اتصل بنا"), "English"),
    ],
)
def test_footer_links_of_each_edition(client, lang, labels, other_label):
    home = _home(lang)
    links = _footer(client, f"/{lang}/")
    about, corrections, policy, privacy, contact = (links[label]["href"] for label in labels)
    assert about == url_of(_child(home, "about"))
    assert privacy == url_of(_child(home, "privacy"))
    assert contact == url_of(_child(home, "contact"))
    assert corrections == f"/{lang}/corrections/"
    assert policy == f"/{lang}/comment-policy/"
    feeds = {a["type"]: a["href"] for a in links.values() if a.get("type")}
    assert feeds == {
        "application/rss+xml": f"/{lang}/feeds/rss/",
        "application/atom+xml": f"/{lang}/feeds/atom/",
    }
    other = next(a for text, a in links.items() if other_label in text)
    assert other["href"] == url_of(_home(OTHER[lang]))
    assert other["lang"] == other["hreflang"] == OTHER[lang]
    # The label is in the other edition's language, as its readers would look for it.
    assert other.get_text() == {"en": "English edition", "ar": "النسخة العربيّة"}[OTHER[lang]]


def test_footer_pages_are_the_ones_chosen_on_the_home(client):
    home = _home("en")
    nested = _child(home, "about").add_child(
        instance=StandardPage(title="Our team", slug="team", locale=home.locale)
    )
    nested.save_revision().publish()
    home.about_page = nested
    home.save_revision().publish()
    assert _footer(client, "/en/about/")["About us"]["href"] == "/en/about/team/"


def test_unset_and_unpublished_footer_pages_are_left_out(client):
    home = _home("en")
    assert {"Privacy", "Contact"} <= set(_footer(client, "/en/"))  # cached now
    home.privacy_page = None
    home.save_revision().publish()
    _child(home, "contact").unpublish()
    links = _footer(client, "/en/")
    assert "Privacy" not in links and "Contact" not in links
    assert links["About us"]["href"] == "/en/about/"  # the rest stay
    # The other edition is not touched.
    assert {"الخصوصية", "اتصل بنا"} <= set(_footer(client, "/ar/"))


def test_a_changed_footer_page_purges_the_cached_footer(client):
    privacy = _child(_home("en"), "privacy")
    assert _footer(client, "/en/")["Privacy"]["href"] == "/en/privacy/"
    privacy.slug = "your-data"
    privacy.save_revision().publish()
    assert _footer(client, "/en/")["Privacy"]["href"] == "/en/your-data/"


def test_footer_pages_must_be_of_the_homes_edition():
    home = _home("en")
    home.privacy_page = _child(_home("ar"), "privacy")
    with pytest.raises(ValidationError) as error:
        home.full_clean()
    assert "privacy_page" in error.value.message_dict


def _queries(callable_):
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def test_footer_costs_no_query_once_cached_and_none_when_built(client):
    home = _home("en")
    chosen = {name: getattr(home, name) for name in HomePage.FOOTER_PAGES}
    # Built: the chosen pages are among the home's children, loaded for the sections anyway.
    with_links = _queries(lambda: edition(None, "en"))
    for name in HomePage.FOOTER_PAGES:
        setattr(home, name, None)
    home.save_revision().publish()
    from django.core.cache import cache

    cache.clear()
    without = _queries(lambda: edition(None, "en"))
    assert with_links == without
    # Rendered with the edition cached: the footer adds nothing to a page's queries.
    client.get("/en/about/")
    bare = _queries(lambda: client.get("/en/about/"))
    for name, page in chosen.items():
        setattr(home, name, page)
    home.save_revision().publish()
    client.get("/en/about/")
    assert _queries(lambda: client.get("/en/about/")) == bare
    assert len(_footer(client, "/en/about/")) == 8


def test_a_footer_page_outside_the_home_costs_one_query_to_build():
    home = _home("en")
    before = _queries(lambda: edition(None, "en"))
    nested = _child(home, "about").add_child(
        instance=StandardPage(title="Our team", slug="team", locale=home.locale)
    )
    nested.save_revision().publish()
    home.contact_page = nested
    home.save_revision().publish()
    from django.core.cache import cache

    cache.clear()
    assert _queries(lambda: edition(None, "en")) == before + 1


# The 404 page ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_404_has_a_search_box_and_the_latest_stories(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang
    search = doc.select_one('main form[role="search"]')
    assert search["action"] == f"/{lang}/search/"
    assert doc.select_one(f"main label[for={search.input['id']}]")
    newest = ArticlePage.objects.published().filter(locale__language_code=lang)[:5]
    latest = doc.select(".error-page__latest a")
    assert [a["href"] for a in latest] == [url_of(a) for a in newest]
    assert [a.get_text() for a in latest] == [a.title for a in newest]
    assert (
        doc.select_one(".error-page__latest h2").get_text()
        == {
            "en": "Latest stories",
            "ar": "آخر الأخبار",
        }[lang]
    )


def test_404_latest_stories_are_cached_and_purged_by_a_publish(client):
    client.get("/en/no-such-page/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/other-missing-page/")
    assert not [q["sql"] for q in queries if "news_articlepage" in q["sql"]]
    newest = ArticlePage.objects.published().filter(locale__language_code="en").first()
    newest.title = "Harbour reopens after the storm"
    newest.save_revision().publish()
    titles = [a.get_text() for a in soup(client.get("/en/gone/")).select(".error-page__latest a")]
    assert titles[0] == "Harbour reopens after the storm"


def _refuse(execute, sql, params, many, context):
    raise OperationalError("the database is down")


@pytest.mark.parametrize(
    "lang,heading", [("en", "We couldn’t find that page"), ("ar", "لم نعثر على هذه الصفحة")]
)
def test_404_with_the_database_down_keeps_its_search_box(client, monkeypatch, lang, heading):
    full = views._not_found_page

    def database_down(request):
        with connection.execute_wrapper(_refuse):
            return full(request)

    monkeypatch.setattr(views, "_not_found_page", database_down)
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang
    assert doc.h1.get_text() == heading
    assert doc.select_one('form[role="search"]')["action"] == f"/{lang}/search/"
    assert not doc.select(".error-page__latest")


# The demo -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_privacy_contact_and_about_pages_are_twins_in_the_footer(lang):
    home = _home(lang)
    other = _home(OTHER[lang])
    for name, slug in (
        ("about_page", "about"),
        ("privacy_page", "privacy"),
        ("contact_page", "contact"),
    ):
        page = _child(home, slug)
        assert getattr(home, name).pk == page.pk
        assert page.translation_key == _child(other, slug).translation_key
    privacy = _child(home, "privacy")
    assert f'href="/{lang}/engagement/privacy/"' in str(privacy.body)


def test_loading_the_demo_again_leaves_the_footer_and_the_homes_alone():
    revisions = Revision.objects.filter(object_id__in=[str(h.pk) for h in HomePage.objects.all()])
    before = (revisions.count(), PageLogEntry.objects.count(), Page.objects.count())
    assert DemoLoader().load() == 0
    assert (revisions.count(), PageLogEntry.objects.count(), Page.objects.count()) == before


def test_the_home_page_editor_has_a_footer_panel(admin_client):
    home = _home("ar")
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    doc = soup(response)
    for name in HomePage.FOOTER_PAGES:
        assert doc.select_one(f'input[name="{name}"]')["value"] == str(getattr(home, name).pk)
