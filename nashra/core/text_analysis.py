"""Turns text into search terms: normalized (nashra.core.arabic) and stemmed (Snowball).

Index and query go through the same function, so spelling variants and inflections of a word
meet on one term in either language, on any database backend.
"""

import re
import threading
from functools import lru_cache

import snowballstemmer

from nashra.core.arabic import contains_arabic, normalize

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


@lru_cache(maxsize=50_000)
def stem(word):
    if contains_arabic(word):
        # Snowball's Arabic stemmer leaves the alef of the feminine plural (مقالات -> مقالا).
        if word.endswith("ات") and len(word) >= 5:
            word = word[:-2]
        stemmed = _stemmer("arabic").stemWord(word)
        # After folding taa marbuta to haa and alef maqsura to yaa, the stemmer treats a final
        # ه/ي inconsistently (المدرسه -> مدرسه but مدرسه -> مدرس); drop it on both sides.
        if len(stemmed) > 3 and stemmed[-1] in "هي":
            stemmed = stemmed[:-1]
        return stemmed
    return _stemmer("english").stemWord(word)


def terms(text):
    """The search terms of a text, in order (duplicates kept)."""
    return [stem(word) for word in WORD.findall(normalize(text)) if len(word) > 1 or word.isdigit()]


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
