"""The Arabic pair corpus (data/arabic_pairs.tsv) through the analysis and through the search.

Each pair that must match is searched both ways: an article indexed with one word is found by
a query for the other. Each pair that must not match is searched both ways too, and must not
be found. Recall per class and the false-hit rate are printed (`pytest -s`), on the database
of the pass (SQLite or PostgreSQL), and must agree with what the analysis alone says.
"""

from collections import Counter
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend

from nashra.core.text_analysis import index_text, query_terms, terms
from nashra.news.models import ArticlePage
from nashra.search.ranking import ranked_ids

CORPUS = Path(__file__).parent / "data" / "arabic_pairs.tsv"
MATCH_CLASSES = ("hamza", "proclitic", "article", "plural", "spelling")
MAX_FALSE_HIT_RATE = 0.01
MIN_RECALL = 0.95


def _pairs():
    pairs = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, first, second = line.split("\t")
            pairs.append((kind.rstrip("!"), kind.endswith("!"), first, second))
    return pairs


PAIRS = _pairs()


def _cases():
    """(class, must not match, indexed word, query word), each pair both ways."""
    return [
        (kind, negative, indexed, query)
        for kind, negative, first, second in PAIRS
        for indexed, query in ((first, second), (second, first))
    ]


def _figures(results):
    """Recall per class and direction, and the false-hit rate, from (case, found) pairs."""
    found, total = Counter(), Counter()
    false_hits, negatives = [], 0
    for (kind, negative, indexed, query), hit in results:
        if negative:
            negatives += 1
            if hit:
                false_hits.append((indexed, query))
        else:
            direction = "->" if (kind, False, indexed, query)[2:] in _forward else "<-"
            total[kind, direction] += 1
            found[kind, direction] += hit
    recall = {key: found[key] / total[key] for key in total}
    return recall, false_hits, len(false_hits) / negatives


_forward = {(first, second) for _kind, _negative, first, second in PAIRS}


def _report(title, recall, false_hits, rate):
    lines = [title]
    for (kind, direction), value in sorted(recall.items()):
        lines.append(f"  {kind:10} {direction} recall {value:.1%}")
    lines.append(f"  false hits {rate:.2%} ({len(false_hits)}): {false_hits}")
    print("\n".join(lines))


def _check(recall, rate):
    assert {kind for kind, _direction in recall} == set(MATCH_CLASSES)
    for (kind, direction), value in recall.items():
        assert value >= MIN_RECALL, (kind, direction, value)
    assert rate <= MAX_FALSE_HIT_RATE


def test_the_corpus_is_big_enough_and_covers_every_class():
    positives = [p for p in PAIRS if not p[1]]
    negatives = [p for p in PAIRS if p[1]]
    assert len(positives) >= 300 and len(negatives) >= 100
    assert {p[0] for p in positives} == set(MATCH_CLASSES)
    assert {p[0] for p in negatives} == {"function", "homograph"}
    # The seven broken plurals of issue 18, and على/علي, are in it.
    plurals = {(p[2], p[3]) for p in positives if p[0] == "plural"}
    for pair in [("زلازل", "زلزال"), ("مدارس", "مدرسة"), ("شوارع", "شارع"), ("قرى", "قرية")]:
        assert pair in plurals
    assert ("function", True, "على", "علي") in PAIRS


def _meets(indexed, query):
    wanted = set(query_terms(query))
    return bool(wanted) and wanted <= set(terms(indexed))


def test_the_analysis_meets_the_corpus():
    results = [(case, _meets(case[2], case[3])) for case in _cases()]
    recall, false_hits, rate = _figures(results)
    _report("Arabic pair corpus, terms():", recall, false_hits, rate)
    _check(recall, rate)


@pytest.mark.django_db
def test_the_search_meets_the_corpus():
    """Articles indexed with one word each, through Wagtail's backend, found (or not) by the
    ranked search the results page runs, on this pass's database."""
    article_type = ContentType.objects.get_for_model(ArticlePage)
    arabic = ArticlePage.objects.live().filter(locale__language_code="ar")
    slots = list(arabic.filter(content_type=article_type).order_by("pk"))
    assert len(slots) >= 10
    backend = get_search_backend()
    cases, results = _cases(), []
    for start in range(0, len(cases), len(slots)):
        batch = list(zip(slots, cases[start : start + len(slots)], strict=False))
        for n, (article, (_kind, _negative, indexed, _query)) in enumerate(batch):
            article.title = f"corpus {start + n}"
            article._search_terms = index_text(indexed)  # what search_terms() gives its text
        backend.add_bulk(ArticlePage, [article for article, _case in batch])
        for article, case in batch:
            ids, _more = ranked_ids(arabic, query_terms(case[3]), language="ar")
            results.append((case, article.pk in ids))
    recall, false_hits, rate = _figures(results)
    _report("Arabic pair corpus, through the search:", recall, false_hits, rate)
    _check(recall, rate)
    # The database adds nothing and loses nothing: it agrees with the analysis pair by pair.
    assert [found for _case, found in results] == [_meets(c[2], c[3]) for c, _ in results]


@pytest.mark.django_db
def test_the_results_page_keeps_a_function_word_apart_from_a_name_and_finds_the_bare_word(
    client,
):
    from django.core.management import call_command

    from .test_search import _titles

    arabic = ArticlePage.objects.live().filter(locale__language_code="ar")
    article = next(a for a in arabic.order_by("pk") if "وزير" not in a.search_terms())
    article.title = "تقرير الأسبوع عن الطقس"
    article.standfirst = "قال وزير الزراعة إن المطر سقط على القرى."
    article.save_revision().publish()
    call_command("update_index", verbosity=0)
    for query in ("الوزير", "والوزير", "بالوزير", "قرية", "على"):
        assert article.title in _titles(client, f"/ar/search/?q={query}")[0], query
    # The name علي is nowhere in the article: على ("on") must not bring it back.
    assert article.title not in _titles(client, "/ar/search/?q=علي")[0]
    assert "علي" not in " ".join(article.plain_text_parts()).split()
