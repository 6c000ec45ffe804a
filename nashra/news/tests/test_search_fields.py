"""What Wagtail's search-fields check (silenced in settings: it asks for Page's own title
field, which page types replace with the analysed one) would otherwise guard."""

from modelsearch import index
from wagtail.models import Page, get_page_models

from nashra.news.models.base import AnalysedTitle


def test_every_page_type_keeps_pages_search_fields_with_the_title_analysed():
    kept = [
        f
        for f in Page.search_fields
        if not (type(f) is index.SearchField and f.field_name == "title")
    ]
    checked = 0
    for model in get_page_models():
        if model is Page or not model.search_fields:
            continue
        assert all(f in model.search_fields for f in kept), model
        titles = [f for f in model.search_fields if f.field_name == "title"]
        assert any(type(f) is AnalysedTitle and f.boost == 2 for f in titles), model
        assert not any(type(f) is index.SearchField for f in titles), model
        checked += 1
    assert checked >= 7
