"""Did you mean: words close to a reader's misspelt ones, from the edition's own articles.

The vocabulary (`Word`) holds every word published articles of an edition write, with how
many articles hold it. It is kept in step by the page's saves and deletes
(signal_handlers.py), each article's contribution remembered (`PageWords`) so that an edit,
unpublish or delete takes back exactly what it added; `manage.py search_vocabulary` builds
it all again. Counts change by upserts (`documents = documents + excluded.documents`), so
two publishes at once neither lose nor duplicate a row.

A lookup compares a misspelt word with the words of about its length (optimal string
alignment distance, a swap of two letters counting one, on the folded form) in a per-process
copy of the edition's folded words, kept up to date from the newest rows; the candidates are
then read again from the table (a word taken back since is not offered) and the corrected
query is run through the same ranking before it is offered. docs/developers/search-suggestions.md
"""

import threading
import time
import unicodedata
from dataclasses import dataclass
from itertools import islice, product

from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from nashra.core.arabic import contains_arabic, normalize
from nashra.core.i18n import base_language
from nashra.core.text_analysis import MAX_QUERY_TERMS, WORD, query_terms

from .models import PageWords, Word

# A search finding fewer articles than this gets a suggestion (when the corrected search
# finds more) and the other editions' counts: one or two results to a misspelt word are
# usually the articles that misspell it too.
SUGGEST_BELOW = 3
MIN_LENGTH, MAX_LENGTH = 3, 64
# Words of up to SHORT letters are corrected by one edit, longer ones by two.
SHORT = 4
CANDIDATES = 3  # per misspelt word, tried best first
MAX_WORDS = 6  # misspelt words corrected in one query
MAX_TRIES = 6  # corrected queries run through the ranking
# The copy of the folded words is read again whole this often (rows deleted since, and rows
# a concurrent transaction committed under a lower id than one already read).
RELOAD_SECONDS = 3600
LATE_IDS = 1_000
CHUNK = 200  # rows per upsert statement


@dataclass(frozen=True)
class Suggestion:
    query: str
    count: int
    more: bool


def _clean(text):
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn") and ch != "\u0640"
    )


def _as_kept(word):
    """The word as the vocabulary keeps it, or None for one it does not keep (too short,
    too long, or with digits)."""
    if not contains_arabic(word):
        word = word.casefold()
    return word if MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha() else None


def surface(text):
    """The words of a text as the vocabulary keeps them: diacritics, tatweel and invisible
    marks dropped, English lower-cased, Arabic letters kept as written."""
    return [kept for kept in map(_as_kept, WORD.findall(_clean(text))) if kept]


def page_texts(page):
    """What ArticlePage.search_terms (and LivePage's) index, as text."""
    from nashra.live.distribution import entry_parts
    from nashra.live.models import LivePage

    texts = [
        *page.plain_text_parts(),
        page.dateline,
        " ".join(t.name for t in page.tags.all()),
        " ".join(b.author.title for b in page.article_authors.all()),
    ]
    if isinstance(page, LivePage):
        for entry in page.entries.shown().only("title", "body"):
            texts += entry_parts(entry)
    return texts


def page_words(page):
    return {word for text in page_texts(page) for word in surface(text)}


def _published(page_ids):
    """{id: (the specific article, its edition)} of those published and public (what search
    can find)."""
    from wagtail.models import Locale

    from nashra.news.models import ArticlePage

    languages = dict(Locale.objects.values_list("pk", "language_code"))
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(pk__in=page_ids)
        .specific()
        .prefetch_related("tags", "article_authors__author")
    )
    return {a.pk: (a, base_language(languages[a.locale_id])) for a in articles}


def refresh_page(page_id):
    """Bring the vocabulary in step with one page: its words counted when it is a published
    article, taken back when it is not (or no longer exists)."""
    from wagtail.models import Page

    with transaction.atomic():
        # The page's row is locked: two refreshes of one page apply their changes in turn.
        exists = Page.objects.select_for_update().filter(pk=page_id).exists()
        page, edition = _published([page_id]).get(page_id, (None, None)) if exists else (None, None)
        _replace(page_id, edition, page_words(page) if page else set())


def forget_page(page_id):
    with transaction.atomic():
        _replace(page_id, None, set())


def _replace(page_id, edition, new):
    old_row = PageWords.objects.select_for_update().filter(page_id=page_id).first()
    old = old_row.words if old_row else set()
    if old_row and old_row.edition == edition and old == new:
        return
    if old_row:
        kept = new if old_row.edition == edition else set()
        _count(old_row.edition, old - kept, -1)
    _count(edition, new - (old if old_row and old_row.edition == edition else set()), 1)
    if new:
        PageWords.objects.update_or_create(
            page_id=page_id, defaults={"edition": edition, "packed": PageWords.pack(new)}
        )
    elif old_row:
        old_row.delete()


def _count(edition, words, delta):
    """Add `delta` to the count of each word (creating it), in one order on every
    connection (so concurrent upserts wait for each other rather than deadlock); words no
    article holds any more are deleted."""
    if not words or not edition:
        return
    table = connection.ops.quote_name(Word._meta.db_table)
    ordered = sorted(words)
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            rows = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            params = [v for w in chunk for v in (edition, w, normalize(w)[:MAX_LENGTH], delta)]
            cursor.execute(
                f"INSERT INTO {table} (edition, word, folded, documents) VALUES {rows} "  # noqa: S608 - the model's table
                f"ON CONFLICT (edition, word) DO UPDATE "
                f"SET documents = {table}.documents + excluded.documents",
                params,
            )
            if delta < 0:
                Word.objects.filter(edition=edition, word__in=chunk, documents__lte=0).delete()


def rebuild(batch=500, stdout=None):
    """The whole vocabulary again from the published articles (`manage.py search_vocabulary`)."""
    from collections import Counter

    from nashra.news.models import ArticlePage

    with transaction.atomic():
        Word.objects.all().delete()
        PageWords.objects.all().delete()
        counts = Counter()
        ids = list(ArticlePage.objects.live().public().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            pages = _published(ids[start : start + batch])
            snapshots = []
            for page, edition in pages.values():
                words = page_words(page)
                if not words:
                    continue
                counts.update((edition, w) for w in words)
                snapshots.append(
                    PageWords(page_id=page.pk, edition=edition, packed=PageWords.pack(words))
                )
            PageWords.objects.bulk_create(snapshots)
            if stdout:
                stdout.write(f"{min(start + batch, len(ids))} of {len(ids)} articles")
        Word.objects.bulk_create(
            (
                Word(edition=e, word=w, folded=normalize(w)[:MAX_LENGTH], documents=n)
                for (e, w), n in sorted(counts.items())
            ),
            batch_size=2000,
        )
    _folded.clear()
    return len(ids), len(counts)


class _FoldedWords:
    """Per process, every edition's folded words by length, for the edit-distance lookup.
    Rows added since the last look are read on each lookup (by id, LATE_IDS before the last
    one read: a range of the primary key, whatever the edition); the whole set again every
    RELOAD_SECONDS. Words taken back stay here until then, and are filtered out by reading
    the candidates again (close_words)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.state = None

    def clear(self):
        with self.lock:
            self.state = None

    def get(self, edition):
        with self.lock:
            state = self.state
            if state is None or time.monotonic() - state["loaded"] > RELOAD_SECONDS:
                state = self.state = {"loaded": time.monotonic(), "last": 0, "editions": {}}
            # A little before the last id read: on PostgreSQL a transaction that took its id
            # earlier may commit after one that took a later id.
            rows = (
                Word.objects.filter(pk__gt=state["last"] - LATE_IDS)
                .order_by("pk")
                .values_list("pk", "edition", "folded")
            )
            for pk, word_edition, folded in rows.iterator(chunk_size=5000):
                state["last"] = max(state["last"], pk)
                seen, by_length = state["editions"].setdefault(word_edition, (set(), {}))
                if folded not in seen:
                    seen.add(folded)
                    by_length.setdefault(len(folded), []).append(folded)
            return state["editions"].get(edition, (set(), {}))[1]


_folded = _FoldedWords()


def _limit(folded):
    return 1 if len(folded) <= SHORT else 2


def close_words(edition, folded):
    """The vocabulary's words within the edit distance allowed for `folded`, nearest and
    then most written first: [(word, distance, articles)]. One edit is looked for first
    (most typos), among the words one letter shorter to one longer; two only when none is
    found and the word is long enough."""
    by_length = _folded.get(edition)
    near = {}
    for limit in range(1, _limit(folded) + 1):
        for length in range(len(folded) - limit, len(folded) + limit + 1):
            choices = by_length.get(length)
            if not choices:
                continue
            for choice, distance, _index in process.extract(
                folded, choices, scorer=OSA.distance, score_cutoff=limit, limit=20
            ):
                if choice != folded:
                    near[choice] = distance
        if near:
            break
    if not near:
        return []
    # Read again: a word no published article holds any more is not offered.
    rows = Word.objects.filter(edition=edition, folded__in=list(near), documents__gt=0)
    found = {}
    for word, folded_word, documents in rows.values_list("word", "folded", "documents"):
        best = found.get(folded_word)
        if best is None or documents > best[2]:
            found[folded_word] = (word, near[folded_word], documents)
    return sorted(found.values(), key=lambda c: (c[1], -c[2], c[0]))


def suggest(query, articles, language, found):
    """A corrected query finding more of `articles` (the edition's, with the reader's
    filters) than the `found` the reader's query did, or None. Each word no published article
    of the edition writes (and that finds nothing through the analysis either) is replaced
    by a close one; the others are kept."""
    from .ranking import ranked_ids

    if found >= SUGGEST_BELOW:
        return None
    edition = base_language(language)
    tokens = WORD.findall(_clean(query))[:MAX_QUERY_TERMS]
    kept = {token: _as_kept(token) for token in tokens}
    folded = {token: normalize(word) for token, word in kept.items() if word}
    if not folded:
        return None
    known = set(
        Word.objects.filter(
            edition=edition, folded__in=set(folded.values()), documents__gt=0
        ).values_list("folded", flat=True)
    )
    options, corrected = [], 0
    for token in tokens:
        if token not in folded or folded[token] in known or corrected >= MAX_WORDS:
            options.append([token])
            continue
        near = close_words(edition, folded[token])
        own = query_terms(token)
        if not near or any(query_terms(c[0]) == own for c in near):
            options.append([token])  # no close word, or one the index takes for the same
            continue
        if own and ranked_ids(articles, own, 1, language)[0]:
            options.append([token])  # found through the analysis (a stem, a lemma)
            continue
        options.append([c[0] for c in near[:CANDIDATES]])
        corrected += 1
    if not corrected:
        return None
    for choice in islice(product(*options), MAX_TRIES):
        ids, more = ranked_ids(articles, query_terms(" ".join(choice)), language=language)
        if len(ids) > found:
            return Suggestion(" ".join(choice), len(ids), more)
    return None
