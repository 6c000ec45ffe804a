"""Generates a benchmark corpus: articles in both languages and comments, fast.

Articles are written to the database in bulk, not page by page: the treebeard paths are
computed here, the `wagtailcore_page` rows and the `news_articlepage` rows are inserted in
batches, then each batch is added to the search index the way `update_index` would. No
revisions are created. Running it again with a larger `--articles` adds only the missing
articles (and `--comments` only the missing comments), so one database can grow
1k → 20k → 100k. A progress bar goes to stderr.

Run through `python bench/run.py` or `python bench/curve.py`, or alone:
`DJANGO_SETTINGS_MODULE=nashra.settings.production python bench/corpus.py --articles 1000`.
"""

import argparse
import random
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from functools import lru_cache


def progress(label, done, total, started):
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.monotonic() - started, 1e-6)
    sys.stderr.write(
        f"\r{label:10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.0f}/s)"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


WORDS_EN = [
    "port",
    "council",
    "budget",
    "drought",
    "harbour",
    "election",
    "market",
    "police",
    "school",
    "water",
    "road",
    "hospital",
    "fishermen",
    "minister",
    "report",
    "inquiry",
    "tariff",
    "festival",
    "museum",
    "train",
]
WORDS_AR = [
    "الميناء",
    "البلدية",
    "الموازنة",
    "الجفاف",
    "المرفأ",
    "الانتخابات",
    "السوق",
    "الشرطة",
    "المدرسة",
    "المياه",
    "الطريق",
    "المستشفى",
    "الصيادين",
    "الوزير",
    "التقرير",
    "التحقيق",
    "الرسوم",
    "المهرجان",
    "المتحف",
    "القطار",
]
SLUG_PREFIX = "bench-"
BATCH = 1000


class _Tree:
    """Hands out treebeard materialised paths for new children of one page.

    Wagtail pages use treebeard's MP_Node: a child's path is its parent's path plus a
    4-character base-36 step (`0001`, `0002`, ...); see `MP_Node._get_path`.
    """

    def __init__(self, parent):
        from wagtail.models import Page

        self.parent = parent
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def take(self):
        from wagtail.models import Page

        path = Page._get_path(self.parent.path, self.parent.depth + 1, self.next_step)
        self.next_step += 1
        return path


def _article_fields(i, anchor, sections, authors):
    """The deterministic content of bench article number `i` (the same whatever run makes it)."""
    rnd = random.Random(f"nashra-bench-{i}")
    lang = "en" if i % 2 == 0 else "ar"
    words = WORDS_EN if lang == "en" else WORDS_AR

    def text(n):
        return " ".join(rnd.choices(words, k=n))

    published = anchor - timedelta(minutes=i)
    return {
        "lang": lang,
        "section": sections[lang][(i // 2) % len(sections[lang])],
        "author": rnd.choice(authors[lang]),
        "title": f"{text(6)} {i}",
        "standfirst": text(25),
        "body": [
            {
                "type": "paragraph",
                "value": f"<p>{text(80)}</p>",
                "id": str(uuid.UUID(int=rnd.getrandbits(128))),
            }
            for _ in range(6)
        ],
        "published": published,
    }


def _insert_articles(items, trees, content_type_id):
    """Insert one batch of articles (page rows, article rows, bylines) and index them."""
    from django.db import connection, router
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from nashra.news.models import ArticleAuthor, ArticlePage

    pages = []
    for i, item in items:
        section = item["section"]
        slug = f"{SLUG_PREFIX}{i}"
        pages.append(
            Page(
                path=trees[section.pk].take(),
                depth=section.depth + 1,
                numchild=0,
                translation_key=uuid.uuid4(),
                locale_id=section.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=item["published"],
                last_published_at=item["published"],
                title=item["title"],
                draft_title=item["title"],
                slug=slug,
                content_type_id=content_type_id,
                url_path=f"{section.url_path}{slug}/",
            )
        )
    # Returns primary keys on PostgreSQL and on SQLite >= 3.35 (INSERT ... RETURNING).
    Page.objects.bulk_create(pages)

    articles = []
    for page, (_i, item) in zip(pages, items, strict=True):
        article = ArticlePage(
            id=page.pk,
            page_ptr_id=page.pk,
            standfirst=item["standfirst"],
            body=item["body"],
            section_id=item["section"].pk,
            article_type="news",
        )
        articles.append(article)
    # bulk_create() refuses multi-table inheritance, so the child table's rows are inserted
    # with the same low-level call Model.save() uses for them (QuerySet._insert).
    fields = ArticlePage._meta.local_concrete_fields
    db = router.db_for_write(ArticlePage)
    size = connection.ops.bulk_batch_size(fields, articles) or len(articles)
    for start in range(0, len(articles), size):
        ArticlePage._base_manager._insert(articles[start : start + size], fields=fields, using=db)

    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article_id=page.pk, author=item["author"], sort_order=0)
        for page, (_i, item) in zip(pages, items, strict=True)
    )
    indexed = list(
        ArticlePage.objects.filter(pk__in=[p.pk for p in pages])
        .select_related("locale")
        .prefetch_related("tags", "article_authors__author")
    )
    for article in indexed:
        # The indexer asks each search field for its value once per index column (title, body,
        # autocomplete); compute the analysed text once instead of three times.
        terms = article.search_terms()
        article.search_terms = lambda terms=terms: terms
    get_search_backend().add_bulk(ArticlePage, indexed)


def _prepare_word_by_word():
    """Speed up the search analyser for this process only: the corpus is made of a few
    vocabulary words, so each distinct word is prepared once (the analysis then stems each
    word through its own memo). The terms are the same, as preparing never reaches across
    whitespace."""
    from nashra.core import text_analysis

    prepare = text_analysis.prepare
    if getattr(prepare, "word_by_word", False):
        return
    cached = lru_cache(maxsize=100_000)(prepare)

    def word_by_word(text):
        return " ".join(cached(word) for word in text.split()) if text else ""

    word_by_word.word_by_word = True
    text_analysis.prepare = word_by_word


def generate_articles(articles, batch=BATCH):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from nashra.news.models import ArticlePage, AuthorPage, SectionPage

    sections = {
        lang: list(SectionPage.objects.filter(locale__language_code=lang).order_by("path"))
        for lang in ("en", "ar")
    }
    authors = {
        lang: list(AuthorPage.objects.filter(locale__language_code=lang).order_by("path"))
        for lang in ("en", "ar")
    }
    bench = ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX)
    existing = bench.count()
    if existing >= articles:
        return existing
    first = (
        bench.filter(slug=f"{SLUG_PREFIX}0").values_list("first_published_at", flat=True).first()
    )
    anchor = first or timezone.now().replace(second=0, microsecond=0)
    content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
    _prepare_word_by_word()
    trees = {s.pk: _Tree(s) for group in sections.values() for s in group}
    started = time.monotonic()
    for start in range(existing, articles, batch):
        items = [
            (i, _article_fields(i, anchor, sections, authors))
            for i in range(start, min(start + batch, articles))
        ]
        with transaction.atomic():
            _insert_articles(items, trees, content_type_id)
            for section_id, added in Counter(item["section"].pk for _i, item in items).items():
                Page.objects.filter(pk=section_id).update(numchild=F("numchild") + added)
        progress("articles", start + len(items) - existing, articles - existing, started)
    return articles


def generate_comments(comments, batch=5000):
    from nashra.engagement.models import Comment
    from nashra.news.models import ArticlePage

    ids = list(
        ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "pk", "locale__language_code"
        )
    )
    have = Comment.objects.filter(article__slug__startswith=SLUG_PREFIX).count()
    if not ids or have >= comments:
        return
    rnd = random.Random(f"nashra-bench-comments-{have}")
    started = time.monotonic()
    for start in range(have, comments, batch):
        rows = []
        for n in range(start, min(start + batch, comments)):
            article_id, lang = rnd.choice(ids)
            rows.append(
                Comment(
                    article_id=article_id,
                    name=f"Reader {n}",
                    email=f"r{n}@example.org",
                    body="A benchmark comment with a few words.",
                    language=lang,
                    status="approved",
                )
            )
        Comment.objects.bulk_create(rows)
        progress("comments", start + len(rows) - have, comments - have, started)


def generate(articles, comments):
    from django.db import connection

    count = generate_articles(articles)
    generate_comments(comments)
    # The planner's statistics: what autovacuum does a little after a bulk load on PostgreSQL
    # (search decides from them whether a word is common), and what `manage.py
    # core_optimize_db` does for a SQLite file. The pages are meant to render without them
    # too; the benchmark measures what a maintained database gives.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return count


if __name__ == "__main__":
    import django

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    args = parser.parse_args()
    sys.path.insert(0, ".")
    django.setup()
    generate(args.articles, args.comments)
