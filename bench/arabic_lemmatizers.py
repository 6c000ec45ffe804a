"""Measure Arabic lemmatizers on the broken plurals of the search pair corpus.

For each candidate: how many plural/singular pairs meet on one form (the analysis of the
plural equals the analysis of the singular), the time per word (uncached), and the time to
load. Candidates that are not installed are skipped. Figures: docs/developers/search-analysis.md.

    python bench/arabic_lemmatizers.py   # from the project root, in a venv with the candidates
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent.parent / "nashra/search/tests/data/arabic_pairs.tsv"


def pairs(kinds=("plural",)):
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.split("\t")[0] in kinds:
            _kind, plural, singular = line.split("\t")
            yield plural, singular


def snowball():
    import snowballstemmer

    from nashra.core.arabic import normalize

    stemmer = snowballstemmer.stemmer("arabic")
    return lambda word: stemmer.stemWord(normalize(word))


def nashra():
    from nashra.core.text_analysis import stem

    return stem.__wrapped__


def qalsadi():
    from qalsadi.lemmatizer import Lemmatizer

    from nashra.core.arabic import normalize

    lemmatizer = Lemmatizer()
    return lambda word: normalize(lemmatizer.lemmatize(word))


def tashaphyne_stem():
    from tashaphyne.stemming import ArabicLightStemmer

    from nashra.core.arabic import normalize

    stemmer = ArabicLightStemmer()
    return lambda word: normalize(stemmer.light_stem(word) and stemmer.get_stem())


def tashaphyne_root():
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()
    return lambda word: stemmer.light_stem(word) and stemmer.get_root()


def hunspell_ar():
    from spylls.hunspell import Dictionary

    from nashra.core.arabic import normalize

    dictionary = Dictionary.from_files("/usr/share/hunspell/ar")

    def stem(word):
        for form in dictionary.lookuper.good_forms(word):
            return normalize(form.stem)
        return normalize(word)

    return stem


CANDIDATES = {
    "snowball (before)": snowball,
    "nashra: arramooz dictionary": nashra,
    "qalsadi lemmatizer": qalsadi,
    "tashaphyne light stem": tashaphyne_stem,
    "tashaphyne root": tashaphyne_root,
    "hunspell-ar (spylls)": hunspell_ar,
}


def main():
    words = list(pairs())
    apart = list(pairs(("function!", "homograph!")))
    print(f"{len(words)} plural/singular pairs, {2 * len(words)} words; {len(apart)} apart")
    for name, make in CANDIDATES.items():
        started = time.perf_counter()
        try:
            analyse = make()
            analyse(words[0][0])  # loads what loads lazily
        except ImportError as error:
            print(f"{name:30} not installed ({error.name})")
            continue
        loaded = time.perf_counter() - started
        started, met, wrong = time.perf_counter(), 0, []
        for plural, singular in words:
            if analyse(plural) == analyse(singular):
                met += 1
            else:
                wrong.append(plural)
        per_word = (time.perf_counter() - started) / (2 * len(words))
        merged = sum(analyse(first) == analyse(second) for first, second in apart)
        print(
            f"{name:28} meet {met}/{len(words)} ({met / len(words):.0%})"
            f"  false {merged}/{len(apart)}  {per_word * 1e6:5.0f} µs/word  load {loaded:.2f} s"
            f"  misses: {' '.join(wrong[:6])}"
        )


if __name__ == "__main__":
    main()
