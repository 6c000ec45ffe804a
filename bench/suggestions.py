"""What "did you mean" costs at archive size (docs/developers/search-suggestions.md).

Fills the vocabulary of a scratch edition ("zz") with WORDS made-up words shaped like a news
archive's (syllables, 3 to 16 letters), then measures: reading the process's copy of the
folded words (once per process and RELOAD_SECONDS), a lookup of a misspelt word (close_words),
and one publish's count update (300 words). The rows are removed afterwards.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/suggestions.py --words 300000
"""

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nashra.settings.development")

import django

django.setup()

from django.db import transaction  # noqa: E402

from nashra.search import suggestions  # noqa: E402
from nashra.search.models import Word  # noqa: E402

SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "sen",
    "tal",
    "ber",
    "an",
    "lo",
    "vis",
    "der",
    "un",
    "pre",
    "con",
    "tion",
    "ment",
    "ing",
    "ous",
    "ate",
    "ham",
    "ta",
    "ly",
]


def made_up(rnd):
    while True:
        word = "".join(rnd.choices(SYLLABLES, k=rnd.choice([2, 2, 3, 3, 3, 4, 4, 5])))
        if 3 <= len(word) <= 16:
            return word


def typo(rnd, word):
    i = rnd.randrange(len(word) - 1)
    kind = rnd.choice(["swap", "drop", "double", "change"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rnd.choice("aeioustr") + word[i + 1 :]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--lookups", type=int, default=200)
    args = parser.parse_args()
    rnd = random.Random(18)
    words = set()
    while len(words) < args.words:
        words.add(made_up(rnd))
    words = sorted(words)
    Word.objects.filter(edition="zz").delete()
    Word.objects.bulk_create(
        (Word(edition="zz", word=w, folded=w, documents=rnd.randint(1, 50)) for w in words),
        batch_size=5000,
    )
    try:
        suggestions._folded.clear()
        tracemalloc.start()
        started = time.perf_counter()
        suggestions._folded.get("zz")
        load = time.perf_counter() - started
        memory = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        times, found = [], 0
        for word in rnd.sample(words, args.lookups):
            started = time.perf_counter()
            near = suggestions.close_words("zz", typo(rnd, word))
            times.append(time.perf_counter() - started)
            found += any(n[0] == word for n in near)
        times.sort()
        publish = []
        for _ in range(20):
            chosen = rnd.sample(words, 300)
            started = time.perf_counter()
            with transaction.atomic():
                suggestions._count("zz", chosen, 1)
            publish.append(time.perf_counter() - started)
        print(f"vocabulary: {len(words)} words ({Word.objects.filter(edition='zz').count()} rows)")
        print(f"copy of the folded words: {load * 1000:.0f} ms to read, {memory / 1e6:.0f} MB")
        print(
            f"lookup of a misspelt word: median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms; "
            f"the intended word among the candidates {found}/{len(times)}"
        )
        median = statistics.median(publish) * 1000
        print(f"a publish's count update (300 words): median {median:.1f} ms")
    finally:
        Word.objects.filter(edition="zz").delete()
        suggestions._folded.clear()


if __name__ == "__main__":
    main()
