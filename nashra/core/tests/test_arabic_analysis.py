import threading

import pytest
from django.test import override_settings

from nashra.core import arabic_analysis, arabic_morphology
from nashra.core.text_analysis import stem, terms


@pytest.mark.parametrize(
    "a,b",
    [
        ("مسؤول", "مسئول"),  # hamza seats
        ("هيئة", "هيأة"),
        ("والمقالات", "مقال"),  # proclitic chains
        ("وللحكومة", "حكومة"),
        ("الوزير", "وزير"),  # the article
        ("بالبرلمان", "برلمان"),
        ("زلازل", "زلزال"),  # broken plurals
        ("مشاريعها", "المشروع"),
        ("Elections", "election"),  # English keeps Snowball
    ],
)
def test_each_rule_meets(a, b):
    assert terms(a) == terms(b)


@pytest.mark.parametrize(
    "a,b",
    [("على", "علي"), ("عليه", "علي"), ("وزارة", "وزارت"), ("فيلم", "يلم"), ("لبنان", "بنان")],
)
def test_function_words_and_radicals_stay_apart(a, b):
    assert terms(a) != terms(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("الغاز", "غاز"),  # ال + a common word, not the hamza-less plural ألغاز
        ("السنة", "سنة"),
        ("الرياض", "بالرياض"),
        ("المرأة", "للمرأة"),
        ("وكالات", "وكالة"),  # ات plurals of ة words starting with a proclitic letter
        ("الولايات", "ولاية"),
        ("فلسطيني", "الفلسطينيين"),  # nisba adjectives
        ("مباركة", "مبارك"),
        ("فى", "في"),  # the Egyptian spelling of a protected word
    ],
)
def test_the_review_s_matches_meet(a, b):
    assert terms(a) == terms(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("علامة", "العالم"),  # ة is never the pronoun ه
        ("دبابة", "دبي"),
        ("مواصلة", "الموصل"),
        ("معاهدة", "معهد"),
        ("مبارك", "مبرة"),  # a known word keeps its ك
        ("مبارك", "مباراة"),
        ("السنة", "لسان"),  # ال + word is not a plural أفعلة/أفعال
        ("الغاز", "لغز"),
        ("فانس", "أنس"),  # a name the dictionary lacks keeps its first letter
        ("فعلا", "أعلى"),
        ("والتز", "التز"),
        ("وكان", "إن"),
    ],
)
def test_the_review_s_false_matches_stay_apart(a, b):
    assert terms(a) != terms(b)


def _reset():
    arabic_analysis.reset()
    stem.cache_clear()


def test_the_protected_list_can_be_extended_trimmed_or_replaced(tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text("# ours\nعمرو  # a name kept whole\n-على\n", encoding="utf-8")
    only = tmp_path / "only.txt"
    only.write_text("في\n", encoding="utf-8")
    try:
        with override_settings(NASHRA_SEARCH_PROTECTED_WORDS_EXTRA=str(extra)):
            _reset()
            assert "عمرو" in arabic_analysis.protected_words()
            assert terms("على") == terms("علي")  # unprotected, it folds like any word
        with override_settings(NASHRA_SEARCH_PROTECTED_WORDS_FILES=[only]):
            _reset()
            assert arabic_analysis.protected_words() == {"في"}
    finally:
        _reset()
    assert terms("على") != terms("علي")


def test_the_dictionary_loads_once_for_threads_starting_together(monkeypatch):
    monkeypatch.setattr(arabic_morphology, "_instance", None)
    start, found = threading.Barrier(8), []

    def run():
        start.wait()
        found.append(arabic_morphology.morphology())

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and len({id(m) for m in found}) == 1
    assert found[0].singular("مدارس") == "مدرسه" and found[0].known("وزير")
