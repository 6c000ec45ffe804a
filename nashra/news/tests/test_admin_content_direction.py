import pytest
from wagtail.users.models import UserProfile

from nashra.news.models import ArticlePage, SectionPage

from .helpers import article_with_twin, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    return user


def _field(doc, name):
    return doc.select_one(f'[name="{name}"]')


@pytest.mark.parametrize("admin_lang", ["en", "ar"])
def test_arabic_article_fields_are_rtl_whatever_the_admin_language(client, editor, admin_lang):
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(
        preferred_language=admin_lang
    )
    article = article_with_twin("ar")
    doc = soup(client.get(f"/admin/pages/{article.pk}/edit/"))
    assert doc.html["dir"] == ("rtl" if admin_lang == "ar" else "ltr")  # the admin's own language
    for name in ("title", "standfirst", "lead_image_caption", "dateline"):
        assert _field(doc, name)["dir"] == "rtl", name
        assert _field(doc, name)["lang"] == "ar", name
    assert _field(doc, "slug").get("dir") is None
    assert _field(doc, "title")["data-content-dir"] == "rtl"


def test_english_article_fields_are_ltr_in_the_arabic_admin(client, editor):
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="ar")
    article = article_with_twin("en")
    doc = soup(client.get(f"/admin/pages/{article.pk}/edit/"))
    assert doc.html["dir"] == "rtl"
    assert _field(doc, "title")["dir"] == "ltr"
    assert _field(doc, "standfirst")["dir"] == "ltr"


def test_new_arabic_article_form_is_rtl(client, editor):
    section = SectionPage.objects.filter(locale__language_code="ar").first()
    doc = soup(client.get(f"/admin/pages/add/news/articlepage/{section.pk}/"))
    assert _field(doc, "title")["dir"] == "rtl"
    assert _field(doc, "standfirst")["dir"] == "rtl"


def test_editor_script_is_loaded_on_the_edit_page(client, editor):
    article = ArticlePage.objects.live().first()
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "js/admin-content-direction.js" in html
