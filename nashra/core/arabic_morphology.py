"""The Arabic dictionary behind search: which words exist, and the singular of a broken plural.

The words come from Arramooz (the `arramooz-pysqlite` package: a SQLite dictionary of ~30,000
nouns with their broken plurals, ~14,000 verbs and a 37,000-word frequency list), plus
`data/lexicon_ar.txt` for names and words it lacks and `data/plurals_ar.txt` for plurals it
misses. Anything offering `known(word)`, `singular(word)` and `frequency(word)` on folded words
(nashra.core.arabic.fold_word) can replace it: set NASHRA_SEARCH_MORPHOLOGY to its dotted path
(docs/developers/search-analysis.md tells how the candidates were measured). The dictionary is
read once, on the first Arabic word, under a lock; after that lookups are set and dict reads,
safe from any thread.
"""

import importlib.util
import re
import sqlite3
import threading
from pathlib import Path

from nashra.core.arabic import fold_word

DATA = Path(__file__).resolve().parent / "data"
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Word classes of the frequency list that are dictionary words (the rest are particles,
# pronouns and such: the protected words' business).
_WORD_TYPES = ("noun", "noun_prop", "verb", "adj")


def read_word_file(path):
    """Words of a list file: one a line, `#` starts a comment, blank lines ignored."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def _plain(text):
    return _DIACRITICS.sub("", text or "").strip()


class ArramoozMorphology:
    """Known words and broken plural -> singular, from the Arramooz dictionary."""

    def __init__(self):
        spec = importlib.util.find_spec("arramooz")
        if spec is None:
            raise ImportError("arramooz-pysqlite is missing: `make install` (requirements.lock)")
        # The package's own modules import far more than the data needs: read the files.
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        words, frequency, plurals = set(), {}, {}
        with sqlite3.connect(f"file:{data / 'wordfreq.sqlite'}?mode=ro", uri=True) as db:
            marks = ",".join("?" * len(_WORD_TYPES))
            rows = db.execute(
                f"SELECT unvocalized, freq FROM wordfreq WHERE word_type IN ({marks})",  # noqa: S608
                _WORD_TYPES,
            )
            for word, freq in rows:
                folded = fold_word(_plain(word))
                words.add(folded)
                frequency[folded] = max(freq, frequency.get(folded, 0))
        with sqlite3.connect(f"file:{data / 'arabicdictionary.sqlite'}?mode=ro", uri=True) as db:
            for (word,) in db.execute("SELECT unvocalized FROM verbs"):
                words.add(fold_word(_plain(word)))
            nouns = db.execute(
                "SELECT unvocalized, number, single, broken_plural FROM nouns"
            ).fetchall()
        # A form that is a singular with plurals of its own (رجل is a man before it is the
        # plural of راجل), or more often listed as a singular than as a plural (شرع is law
        # before it is the plural of شارع), stays itself, as do the words of lexicon_ar.txt.
        keep = {fold_word(word) for word in read_word_file(DATA / "lexicon_ar.txt")}
        votes, defined = {}, set()
        for word, number, single, broken in nouns:
            folded = fold_word(_plain(word))
            words.add(folded)
            if number == "جمع تكسير":
                if _plain(word).startswith("ال"):
                    defined.add(folded)
                votes[folded] = votes.get(folded, 0) - 1
                if _plain(single):
                    plurals.setdefault(folded, set()).add(fold_word(_plain(single)))
            elif number == "مفرد":
                votes[folded] = votes.get(folded, 0) + 1
                for plural, with_article in _broken_plurals(broken):
                    if with_article:
                        defined.add(plural)
                    keep.add(folded)
                    plurals.setdefault(plural, set()).add(folded)
        keep.update(form for form, vote in votes.items() if vote > 0)
        words.update(keep)
        # A form that is the plural of several singulars goes to the most frequent one. A
        # form common as a word of its own (قرار, a decision, listed as a plural of قارر;
        # دفاع, defence, of دافع) is a rarer sense: it stays itself unless its singular is at
        # least ten times as common (a plural's own count is low: the list counts lemmas).
        self.plurals = {}
        for plural, options in plurals.items():
            singular = max(sorted(options), key=lambda s: frequency.get(s, 0))
            common = frequency.get(plural, 0) * 10 > frequency.get(singular, 0)
            if plural not in keep and plural not in options and not common:
                self.plurals[plural] = singular
        # A few plurals are listed with their article (الليالي, المعاصي, written with a bare
        # alef, unlike a hamza-less أفعال plural: ألغاز): their bare form is the plural too.
        for plural in sorted(defined & set(self.plurals)):
            bare = plural[2:]
            if len(bare) >= 3 and bare not in self.plurals and bare not in keep:
                self.plurals[bare] = self.plurals[plural]
        for line in read_word_file(DATA / "plurals_ar.txt"):
            plural, singular = (fold_word(word) for word in line.split()[:2])
            self.plurals[plural] = singular
            words.add(singular)
        self.words = frozenset(words | set(self.plurals))
        # A word listed by hand wins over any other reading (وبحارة: و + بحارة, not حارة).
        top = max(frequency.values(), default=0) + 1
        frequency.update(dict.fromkeys(read_word_file(DATA / "lexicon_ar.txt"), top))
        self.frequencies = {fold_word(word): count for word, count in frequency.items()}

    def known(self, word):
        return word in self.words

    def singular(self, word):
        return self.plurals.get(word)

    def frequency(self, word):
        """How common the word is (0 when unknown): decides between two readings."""
        return self.frequencies.get(word, 0)


def _broken_plurals(text):
    text = re.sub(r"\([^)]*\)", " ", _plain(text))
    for part in re.split(r"[;،,/]", text):
        for word in part.split()[:1]:
            if len(word) > 2 and word.isalpha():
                yield fold_word(word), word.startswith("ال")  # written with its article


_lock = threading.Lock()
_instance = None


def morphology():
    """The dictionary in use (loaded on first use)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _load()
    return _instance


def _load():
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "NASHRA_SEARCH_MORPHOLOGY", None) if settings.configured else None
    return import_string(path)() if path else ArramoozMorphology()
