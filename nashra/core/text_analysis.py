"""Turns text into search terms: Arabic through nashra.core.arabic_analysis (protected words,
proclitics, hamza seats, broken plurals, suffixes), English through Snowball.

Index and query go through the same function, so spelling variants and inflections of a word
meet on one term in either language, on any database backend.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer

from nashra.core import arabic_analysis
from nashra.core.arabic import contains_arabic, prepare

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 12


class _Stemmers(threading.local):
    """One stemmer per language per thread: a Snowball stemmer keeps the word it is working
    on in the object, so two threads sharing one corrupt each other's stems (or raise
    IndexError)."""

    def __init__(self):
        self.by_language = {}

    def get(self, language):
        stemmer = self.by_language.get(language)
        if stemmer is None:
            stemmer = self.by_language[language] = snowballstemmer.stemmer(language)
        return stemmer


_stemmers = _Stemmers()


def _stemmer(language):
    return _stemmers.get(language)


@lru_cache(maxsize=100_000)
def stem(word):
    """The term of one word (normalized or not: Arabic words are prepared again)."""
    if contains_arabic(word):
        return arabic_analysis.analyze(prepare(word))
    return _stemmer("english").stemWord(word)


def terms(text):
    """The search terms of a text, in order (duplicates kept)."""
    return [stem(word) for word in WORD.findall(prepare(text)) if len(word) > 1 or word.isdigit()]


def word_term(word):
    """The term of one word as it appears in a text (excerpt highlighting)."""
    return stem(prepare(word))


def index_text(*parts):
    return " ".join(" ".join(terms(part)) for part in parts if part)


def query_terms(query):
    """Terms of a reader's query: no operators survive, only words."""
    seen = []
    for term in terms(query):
        if term not in seen:
            seen.append(term)
    return seen[:MAX_QUERY_TERMS]


def edition_term(language):
    """The term every page of one language edition is indexed with (`nashraeditionen`,
    `nashraeditionar`): a search ANDs it with the reader's words, so the index itself keeps
    to the edition and a word common in the other edition costs nothing in this one."""
    return "nashraedition" + "".join(ch for ch in language.split("-")[0].lower() if ch.isalnum())
