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


def test_threads_stem_exactly_as_one_thread_does():
    """A worker's threads stem at once (20 simultaneous Arabic searches): each must get the
    stems a single thread gets, and no IndexError from a stemmer another thread is using."""
    import sys
    import threading

    from nashra.core.text_analysis import stem

    roots = ("كتاب", "مدرس", "مقال", "انتخاب", "مستشفي", "حكوم", "صحف", "وزير", "جامع", "مسؤول")
    words = [
        f"{prefix}{root}{suffix}"
        for prefix in ("", "ال", "وال", "بال", "لل")
        for root in roots
        for suffix in ("", "ات", "ين", "ون", "ها", "هم", "ه", "ي")
    ]
    words += ["elections", "reporting", "cameras", "governments", "generously", "hopefulness"]
    uncached = stem.__wrapped__  # the stemmer itself, not the lru_cache in front of it
    expected = [uncached(word) for word in words]
    start, results, errors = threading.Barrier(8), [], []

    def run():
        start.wait()
        try:
            for _ in range(10):
                results.append([uncached(word) for word in words])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as a busy worker can
    try:
        threads = [threading.Thread(target=run) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(results) == 80 and all(result == expected for result in results)
