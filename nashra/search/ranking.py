"""Ranked article search whose cost does not grow with the archive.

Wagtail's database backend (modelsearch) ranks every match: on SQLite with a correlated BM25
subquery per matching row that re-runs the full-text match each time (a common word took longer
than any reader waits; docs/developers/decisions.md), on PostgreSQL against a concatenated
tsvector that no index serves. Here only the newest `window()` matching articles are ranked, by
the same kind of score (BM25 on SQLite, worked out from those rows' stored text; `ts_rank` on
PostgreSQL). They are looked for first from the page side (the newest articles, a chunk at a
time, each looked up in the index), which finds common words at once, and from the index side as
soon as the matches turn out too sparse for that. Older matches are reached with the date
filters.
"""

import math
from contextlib import contextmanager, nullcontext

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, IntegerField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from nashra.core.text_analysis import edition_term

# At most this many chunks of the newest articles are looked up in the index before starting
# from the index side; fewer when the matches so far are too sparse to fill the window within
# them. (No estimate decides beforehand: counting the matches first was a cost of its own on
# SQLite (docs/developers/decisions.md), and PostgreSQL's planner, taking words for independent,
# called two words found in every English article rare and sent them down the slow side.)
SCAN_CHUNKS = 8

# BM25 as FTS5's bm25() computes it (k1, b), over the analysed title (Wagtail's title boost)
# and body; document counts exact up to DF_SAMPLE matches of a term, estimated beyond.
K1, B, TITLE_BOOST = 1.2, 0.75, 2
DF_SAMPLE = 1_000


def window():
    return getattr(settings, "NASHRA_SEARCH_RANK_WINDOW", 200)


def ranked_ids(articles, terms, size=None, language=None):
    """The ids of the newest `size` articles of `articles` holding every term, best first,
    and whether more articles match than were ranked. `language`: the edition all of
    `articles` belong to, which the index is then matched with. Pages of a subclass (live
    coverage) are found with the articles: the index keeps each page under its own type."""
    size = size or window()
    types = content_types(articles.model)
    edition = edition_term(language) if language else None
    index = (_SQLiteIndex if connection.vendor == "sqlite" else _PostgresIndex)(
        types, terms, edition
    )
    if connection.vendor == "sqlite":
        # Naming the page type and breaking ties on the page table's id, as published() does,
        # lets SQLite walk the (content type, first published) index newest-first and stop at
        # each chunk's LIMIT, where the edition's path range had it sort every article first
        # (a cost growing with the archive: docs/developers/decisions.md). The same articles
        # in the same order. Each type is walked on its own (an IN of types would sort them
        # all again) and the newest of each merged.
        found, scores, more = [], {}, False
        for content_type in types:
            of_type = articles.filter(content_type_id=content_type).order_by(
                "-first_published_at", "-id"
            )
            newest, type_scores, type_more = _newest_matches(of_type, index, size)
            found += newest
            scores.update(type_scores)
            more = more or type_more
        found.sort(reverse=True)
        more = more or len(found) > size
    else:
        found, scores, more = _newest_matches(
            articles.order_by("-first_published_at", "-pk"), index, size
        )
    ids = [pk for _date, pk in found[:size]]
    return _best_first(ids, scores), more


def content_types(model):
    """The content type ids of `model` and of the page types derived from it."""
    models = [m for m in apps.get_models() if issubclass(m, model)]
    found = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return sorted(content_type.pk for content_type in found.values())


def _newest_matches(articles, index, size):
    """The newest `size` of `articles` (ordered newest first) that match, as (first
    published, id), their scores, and whether more match."""
    chunk, found, scores = size + 1, [], {}
    newest = articles.values_list("first_published_at", "pk")
    for n in range(SCAN_CHUNKS):
        rows = list(newest[n * chunk : (n + 1) * chunk])
        scores.update(index.scores([pk for _date, pk in rows]))
        found += [row for row in rows if row[1] in scores]
        if len(found) > size or len(rows) < chunk:
            return found[:size], scores, len(found) > size
        if len(found) * SCAN_CHUNKS < chunk * (n + 1):
            break  # at this rate the chunks run out before the window fills
    # Rare words, or common ones that the filters make rare: start from the index.
    with index.lookup():
        dated = sorted(
            articles.filter(pk__in=index.object_ids())
            .order_by()
            .values_list("first_published_at", "pk"),
            reverse=True,
        )
    found = dated[:size]
    return found, index.scores([pk for _date, pk in found]), len(dated) > size


def _best_first(ids, scores):
    return sorted(ids, key=lambda pk: (-scores.get(pk, 0.0), -pk))


class _SQLiteIndex:
    """modelsearch's FTS5 table, matched on the title and body columns (and on the body for
    the edition's term). Both hold analysed text (the title: nashra.news.models.base
    .AnalysedTitle)."""

    def __init__(self, content_types, terms, edition=None):
        self.content_types = list(content_types)
        self.table = IndexEntry._meta.db_table
        self.fts = f"{self.table}_fts"
        self.terms = list(terms)
        self._stats = None
        self.score_match = (
            "{title body} : (" + " AND ".join(f'"{t}"' for t in terms) + ")"
        )  # \w+ terms
        # Finding uses the edition's term, scoring does not (BM25 would score it too).
        self.match = f'{self.score_match} AND body : "{edition}"' if edition else self.score_match

    @property
    def _type_marks(self):
        return ", ".join(["%s"] * len(self.content_types))

    def lookup(self):
        return nullcontext()

    def object_ids(self):
        # `+content_type_id`: look each match up by rowid rather than every entry of the type.
        return RawSQL(
            f"SELECT CAST(object_id AS INTEGER) FROM {self.table} WHERE +content_type_id IN "
            f"({self._type_marks}) AND id IN (SELECT rowid FROM {self.fts} WHERE {self.fts} "
            "MATCH %s)",
            [*self.content_types, self.match],
        )

    def scores(self, ids):
        """{article id: score, higher is better} for those of `ids` that match."""
        if not ids:
            return {}
        with connection.cursor() as cursor:  # raw: the ORM costs more than the query here
            cursor.execute(
                f"SELECT id, object_id FROM {self.table} WHERE content_type_id IN "
                f"({self._type_marks}) AND object_id IN ({', '.join(['%s'] * len(ids))})",
                [*self.content_types, *(str(pk) for pk in ids)],
            )
            rows = dict(cursor.fetchall())
        if not rows:
            return {}
        marks = ", ".join(["%s"] * len(rows))
        with connection.cursor() as cursor:
            # Only these rows, within their rowid range (FTS5 seeks to it); `+rowid` keeps the
            # list out of FTS5, which would run the match again for each id. No bm25(): it
            # reads every term's whole doclist for its statistics, whatever the rows.
            cursor.execute(
                f"SELECT rowid, title, body FROM {self.fts} WHERE {self.fts} MATCH %s "
                f"AND rowid BETWEEN %s AND %s AND +rowid IN ({marks})",
                [self.score_match, min(rows), max(rows), *rows],
            )
            matched = cursor.fetchall()
        if not matched:
            return {}
        average_length, idf = self._statistics()
        scores = {}
        for rowid, title, body in matched:
            # Each word between its own two spaces, so that a repeated word counts each time.
            title_terms, body = title.split(), " " + body.replace(" ", "  ") + " "
            length = len(title_terms) + body.count(" ") // 2
            norm = K1 * (1 - B + B * length / average_length)
            score = 0.0
            for term in self.terms:
                # Wagtail's title boost (2); the body holds the title's words too.
                frequency = TITLE_BOOST * title_terms.count(term) + body.count(f" {term} ")
                score += idf[term] * frequency * (K1 + 1) / (frequency + norm)
            scores[int(rows[rowid])] = score
        return scores

    def _statistics(self):
        """BM25's figures as FTS5 computes them (average row length, each term's IDF), without
        reading whole doclists: the row count and column sizes come from the index's averages
        record, a term's document count is exact up to DF_SAMPLE matches and beyond that
        estimated from how far into the rowids its first DF_SAMPLE matches reach."""
        if self._stats is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT block FROM {self.fts}_data WHERE id = 1")
                rows_total, *column_tokens = _varints(bytes(cursor.fetchone()[0]))
                cursor.execute(
                    f"SELECT (SELECT min(id) FROM {self.table}), (SELECT max(id) FROM {self.table})"
                )
                first, last = cursor.fetchone()
                idf = {}
                for term in self.terms:
                    cursor.execute(
                        f"SELECT count(*), max(rowid) FROM (SELECT rowid FROM {self.fts} "
                        f"WHERE {self.fts} MATCH %s LIMIT %s)",
                        ['{title body} : "' + term + '"', DF_SAMPLE],
                    )
                    documents, reach = cursor.fetchone()
                    if documents >= DF_SAMPLE:
                        documents = min(
                            rows_total, documents * (last - first + 1) / (reach - first + 1)
                        )
                    # FTS5's floor: a term in more than half the rows still counts a little.
                    idf[term] = max(
                        1e-6, math.log((rows_total - documents + 0.5) / (documents + 0.5))
                    )
            # (autocomplete, body, title): the body and the title, as each row's length here.
            self._stats = max(sum(column_tokens[1:]) / max(rows_total, 1), 1.0), idf
        return self._stats


def _varints(data):
    """The SQLite varints of an FTS5 record."""
    values, i = [], 0
    while i < len(data):
        value = 0
        for n in range(9):
            byte = data[i]
            i += 1
            if n == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        values.append(value)
    return values


class _PostgresIndex:
    """modelsearch's tsvector columns, each matched through its own GIN index."""

    def __init__(self, content_types, terms, edition=None):
        from django.contrib.postgres.search import SearchQuery

        config = get_search_backend().config
        self.edition = edition
        self.query = SearchQuery(" & ".join(terms), search_type="raw", config=config)
        if edition:
            # The body alone, which holds the analysed title too: one GIN lookup that
            # intersects the words' entries with the edition's.
            found = Q(
                body=SearchQuery(" & ".join([*terms, edition]), search_type="raw", config=config)
            )
        else:
            found = Q(title=self.query) | Q(body=self.query)
        self.matching = IndexEntry.objects.filter(found, content_type_id__in=content_types)

    @contextmanager
    def lookup(self):
        """The planner takes the words and the edition's term for independent (two common
        words: a quarter of the index) and reads the whole table, where the GIN index would
        intersect their entries: an empty answer for a word of the other edition was slow
        (docs/developers/decisions.md)."""
        if not self.edition:
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            cursor.execute("SET LOCAL enable_seqscan = on")

    def object_ids(self):
        return self.matching.values_list(Cast("object_id", IntegerField()))

    def scores(self, ids):
        from django.contrib.postgres.search import SearchRank

        rank = SearchRank(F("title"), self.query) * F("title_norm") + SearchRank(
            F("body"), self.query
        )
        entries = self.matching.filter(object_id__in=[str(pk) for pk in ids])
        return {
            int(pk): score
            for pk, score in entries.annotate(score=rank).values_list("object_id", "score")
        }
