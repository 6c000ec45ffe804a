"""Generates a benchmark corpus: articles in both languages and comments, fast.

Pages are added to the tree directly (no revisions) and comments in bulk, with a progress
bar on stderr. Run through `python bench/run.py`, or alone:
`DJANGO_SETTINGS_MODULE=nashra.settings.production python bench/corpus.py --articles 1000`.
"""

import argparse
import random
import sys
import time
from datetime import timedelta


def progress(label, done, total, started):
    width = 30
    filled = int(width * done / max(total, 1))
    rate = done / max(time.monotonic() - started, 1e-6)
    sys.stderr.write(f"\r{label:10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:.0f}/s)")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


WORDS_EN = ("port council budget drought harbour election market police school water road "
            "hospital fishermen minister report inquiry tariff festival museum train").split()
WORDS_AR = ("الميناء البلدية الموازنة الجفاف المرفأ الانتخابات السوق الشرطة المدرسة المياه الطريق "
            "المستشفى الصيادين الوزير التقرير التحقيق الرسوم المهرجان المتحف القطار").split()


def generate(articles, comments, seed=7):
    from django.db import transaction
    from django.utils import timezone
    from wagtail.rich_text import RichText

    from nashra.engagement.models import Comment
    from nashra.news.models import ArticleAuthor, ArticlePage, AuthorPage, SectionPage

    rnd = random.Random(seed)
    sections = {lang: list(SectionPage.objects.filter(locale__language_code=lang))
                for lang in ("en", "ar")}
    authors = {lang: list(AuthorPage.objects.filter(locale__language_code=lang))
               for lang in ("en", "ar")}
    existing = ArticlePage.objects.filter(slug__startswith="bench-").count()
    started = time.monotonic()
    created = []
    for i in range(existing, articles):
        lang = "en" if i % 2 == 0 else "ar"
        words = WORDS_EN if lang == "en" else WORDS_AR
        text = lambda n: " ".join(rnd.choice(words) for _ in range(n))  # noqa: E731
        section = sections[lang][i % len(sections[lang])]
        page = ArticlePage(
            title=f"{text(6)} {i}",
            slug=f"bench-{i}",
            standfirst=text(25),
            locale_id=section.locale_id,
            body=[("paragraph", RichText(f"<p>{text(80)}</p>")) for _ in range(6)],
            first_published_at=timezone.now() - timedelta(minutes=i),
        )
        with transaction.atomic():
            section.add_child(instance=page)
            ArticleAuthor.objects.create(article=page, author=rnd.choice(authors[lang]), sort_order=0)
        created.append(page.pk)
        if i % 50 == 0 or i == articles - 1:
            progress("articles", i + 1, articles, started)
    ids = list(ArticlePage.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    have = Comment.objects.filter(article_id__in=ids).count()
    started = time.monotonic()
    batch = []
    for n in range(have, comments):
        batch.append(Comment(article_id=rnd.choice(ids), name=f"Reader {n}", email=f"r{n}@example.org",
                             body="A benchmark comment with a few words.", status="approved"))
        if len(batch) == 2000 or n == comments - 1:
            Comment.objects.bulk_create(batch)
            batch = []
            progress("comments", n + 1, comments, started)
    return len(ids)


if __name__ == "__main__":
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    args = parser.parse_args()
    sys.path.insert(0, ".")
    django.setup()
    generate(args.articles, args.comments)
