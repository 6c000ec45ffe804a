"""A wider net than the pair corpus: which different common Arabic words does the analysis
merge into one term that plain folding (nashra.core.arabic.normalize) keeps apart?

The words are the dictionary's most frequent ones (Arramooz's frequency list) and the words of
the demo articles. Most merges are inflections of one word (سياسة/سياسي, دولة/دولي); the
review of issue 18 found the ones that are not (علامة/العالم, دبابة/دبي, مبارك/مبرة,
السنة/لسان). Run with `pytest -s` to print every merge; a rule change that merges many more
words than today fails here and shows them.
"""

import re
import sqlite3
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

from nashra.core.arabic import contains_arabic, normalize
from nashra.core.text_analysis import WORD, terms
from nashra.news.demo.content import ARTICLES

COMMON_WORDS = 2000
# Terms shared by different words of the top 2,000 today: 196, nearly all a word and its nisba
# or feminine (سياسة/سياسي). A few more is a rule change worth reading.
MAX_MERGES = 200
# Demo terms whose spellings do not spell them: 10 today, broken plurals and إلى (الي).
MAX_DEMO_ODD = 15
# Merges the review found and the analysis no longer makes: they must not come back.
NEVER = [
    ("علامة", "العالم"),
    ("دبابة", "دبي"),
    ("كرامة", "كريم"),
    ("عدالة", "عادل"),
    ("معاهدة", "معهد"),
    ("شهادة", "شهد"),
    ("مبارك", "مباراة"),
    ("السنة", "لسان"),
    ("الباب", "لب"),
]
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def common_words(limit=COMMON_WORDS):
    data = Path(next(iter(find_spec("arramooz").submodule_search_locations))) / "data"
    with sqlite3.connect(f"file:{data / 'wordfreq.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT unvocalized, MAX(freq) AS f FROM wordfreq"
            " WHERE word_type IN ('noun', 'noun_prop', 'verb', 'adj')"
            " GROUP BY unvocalized ORDER BY f DESC LIMIT ?",
            (limit,),
        ).fetchall()
    return [_MARKS.sub("", word) for word, _freq in rows]


def demo_words():
    words = set()

    def walk(value):
        if isinstance(value, str):
            words.update(w for w in WORD.findall(value) if contains_arabic(w) and len(w) > 2)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for article in ARTICLES:
        walk(article.get("ar"))
    return sorted(words)


def merges(words):
    """{term: spellings} for each term that different (plainly folded) words share."""
    groups = defaultdict(set)
    for word in words:
        found = terms(word)
        if len(found) == 1:
            groups[found[0]].add(normalize(word))
    return {term: sorted(group) for term, group in groups.items() if len(group) > 1}


def _unrelated(term, group):
    """The spellings of a group that do not even contain the term's letters in order: a
    broken plural (اسعار/سعر) or a false merge, worth a look."""
    core = term.replace("ء", "")

    def spells(word):
        letters = iter(word.replace("ء", "").replace("ي", "").replace("ا", ""))
        return all(ch in letters for ch in core.replace("ي", "").replace("ا", ""))

    return [word for word in group if not spells(word)]


def test_the_analysis_merges_few_different_common_words():
    words = common_words()
    assert len(words) == COMMON_WORDS  # never vacuous
    merged = merges(words)
    print(f"\n{len(words)} common words, {len(merged)} terms shared by different words:")
    for term, group in sorted(merged.items(), key=lambda item: -len(item[1])):
        print(f"  {term}: {' '.join(group)}")
    assert len(merged) <= MAX_MERGES
    for first, second in NEVER:
        assert terms(first) != terms(second), (first, second)


def test_the_demo_articles_words_merge_only_their_own_forms():
    """The demo articles' words, inflected and with proclitics: each term's spellings must
    spell the term, or be a broken plural the dictionary gives (printed for review)."""
    words = demo_words()
    assert len(words) > 500
    merged = merges(words)
    odd = {term: _unrelated(term, group) for term, group in merged.items()}
    odd = {term: found for term, found in odd.items() if found}
    print(f"\n{len(words)} demo words, {len(merged)} terms with several spellings; unrelated:")
    for term in sorted(odd):
        print(f"  {term}: {' '.join(merged[term])}")
    assert len(odd) <= MAX_DEMO_ODD
