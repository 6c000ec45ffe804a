import pytest

from nashra.core.arabic import contains_arabic, normalize


@pytest.mark.parametrize(
    "variant,canonical",
    [
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آمال", "امال"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("جميـــل", "جميل"),
        ("مُحَمَّدٌ", "محمد"),
        ("مسؤول", "مسوول"),
        ("٢٠٢٦", "2026"),
        ("Marsa ZAHRA", "marsa zahra"),
    ],
)
def test_spelling_variants_fold_together(variant, canonical):
    assert normalize(variant) == normalize(canonical)


def test_distinct_words_stay_distinct():
    assert normalize("كتب") != normalize("كتاب")
    assert normalize("") == ""


def test_detects_arabic_script():
    assert contains_arabic("hello مرحبا")
    assert not contains_arabic("hello")
