import pytest
from django.test import Client, override_settings
from django.urls import path

from .helpers import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,lang,direction,text",
    [
        ("/en/no-such-page/", "en", "ltr", "We couldn’t find that page"),
        ("/ar/no-such-page/", "ar", "rtl", "لم نعثر على هذه الصفحة"),
    ],
)
def test_404_in_the_reader_language(client, url, lang, direction, text):
    response = client.get(url)
    assert response.status_code == 404
    doc = soup(response)
    assert doc.html["lang"] == lang and doc.html["dir"] == direction
    assert text in doc.get_text()
    assert doc.select_one(f'a.button[href="/{lang}/"]')


def _boom(request):
    raise RuntimeError("kaboom")


urlpatterns = [path("en/boom/", _boom), path("ar/boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    "url,lang,direction,text",
    [("/en/boom/", "en", "ltr", "Something went wrong"), ("/ar/boom/", "ar", "rtl", "حدث خطأ")],
)
def test_500_in_the_reader_language(url, lang, direction, text):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 500
    doc = soup(response)
    assert doc.html["lang"] == lang and doc.html["dir"] == direction
    assert text in doc.get_text()


handler500 = "nashra.core.views.server_error"
