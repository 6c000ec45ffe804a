import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from nashra.images.models import NashraImage
from nashra.news.demo.loader import DemoLoader, ensure_demo_editor
from nashra.news.models import ArticleCorrection, ArticlePage, AuthorPage, SectionPage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "images": NashraImage.objects.count(),
        "corrections": ArticleCorrection.objects.count(),
        "sites": Site.objects.count(),
    }


def test_demo_meets_the_brief():
    articles = ArticlePage.objects.live()
    en = articles.filter(locale__language_code="en")
    ar = articles.filter(locale__language_code="ar")
    twinned = [
        a for a in en if a.get_translations().live().filter(locale__language_code="ar").exists()
    ]
    arabic_only = [a for a in ar if not a.get_translations().exists()]
    assert len({a.translation_key for a in articles}) >= 16
    assert len(twinned) >= 10
    assert len(arabic_only) >= 3
    assert SectionPage.objects.filter(locale__language_code="en").count() >= 4
    assert AuthorPage.objects.filter(locale__language_code="en").count() >= 3
    assert ArticleCorrection.objects.exists()
    assert any(b.block_type == "fact_box" for a in articles for b in a.body)
    assert all(a.lead_image and a.lead_image.alt_text for a in articles)
    assert all(a.first_published_at for a in articles)


def test_loading_twice_duplicates_nothing():
    before = _counts()
    assert DemoLoader().load() == 0
    call_command("news_load_demo", "--no-editor", verbosity=0)
    assert _counts() == before


def test_demo_editor_is_created_once_and_can_log_in(tmp_path, client):
    credentials = tmp_path / "creds"
    username, password = ensure_demo_editor(credentials)
    again = ensure_demo_editor(credentials)
    assert again == (username, password)
    assert get_user_model().objects.filter(username=username).count() == 1
    # Through the sign-in form: django-axes wants the request that authenticate() is given.
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
