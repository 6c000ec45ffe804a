import pytest

from nashra.core.text_analysis import query_terms, terms


@pytest.mark.parametrize(
    "a,b",
    [
        ("المقالات", "مقال"),
        ("الانتخابات", "انتخابات"),
        ("للانتخابات", "الانتخاب"),
        ("أمن", "امن"),
        ("المدرسة", "مدرسه"),
        ("مُستشفى", "المستشفي"),
        ("elections", "election"),
        ("Cameras", "camera"),
    ],
)
def test_variants_and_inflections_share_a_term(a, b):
    assert terms(a) == terms(b)


def test_query_operators_are_not_terms():
    # Single letters are dropped; punctuation and operators never reach the backend.
    assert query_terms('"port" OR * -cameras NEAR(x)') == ["port", "or", "camera", "near"]
    assert query_terms("!!! ؟؟ ...") == []
