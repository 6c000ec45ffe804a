"""A deleted page's own addresses are purged from the front cache: after the commit nothing
names them any more (its edition's addresses are worked out then, without it)."""

import pytest

from nashra.news.models import ArticlePage, AuthorPage, HomePage, SectionPage
from nashra.news.tests.helpers import url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("deleting-editor", "d@example.org", "pw")
    client.force_login(user)
    return user


def _delete(client, page, capture_on_commit_callbacks):
    with capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert not type(page).objects.filter(pk=page.pk).exists()


def _purged(front):
    return {p for _m, p, _h, _port in front.seen}


def test_deleting_an_empty_section_purges_its_address(
    client, editor, front, django_capture_on_commit_callbacks
):
    home = HomePage.objects.live().get(locale__language_code="en")
    page = SectionPage(title="Shortlived", slug="shortlived", live=False)
    section = home.add_child(instance=page)
    section.save_revision().publish()
    url = url_of(section)
    _delete(client, section, django_capture_on_commit_callbacks)
    assert url in _purged(front)


def test_deleting_an_author_purges_every_page_of_their_listing(
    client, editor, settings, front, django_capture_on_commit_callbacks
):
    settings.NASHRA_ARTICLES_PER_PAGE = 1
    published = ArticlePage.objects.published()
    author = next(
        a
        for a in AuthorPage.objects.live().filter(locale__language_code="en")
        if published.by_author(a.pk).count() >= 2
    )
    url = url_of(author)
    _delete(client, author, django_capture_on_commit_callbacks)
    assert {url, f"{url}?page=2"} <= _purged(front)
