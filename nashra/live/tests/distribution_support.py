"""Live pages and entries for the distribution tests (JSON-LD, feeds, sitemaps, search, API),
built from the demo edition: a live page under a demo article's section, with its byline,
tags and lead image."""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from nashra.live.models import LiveEntry, LivePage
from nashra.live.signals import entry_changed
from nashra.news.models import ArticleAuthor
from nashra.news.tests.helpers import article_with_twin

HEADLINES = {
    "en": "Live: the harbour strike, hour by hour",
    "ar": "مباشر: إضراب الميناء ساعة بساعة",
}
STANDFIRSTS = {
    "en": "Dockers walked out at dawn; every update as it happens.",
    "ar": "توقف عمال الميناء عن العمل فجرا، وهنا كل جديد لحظة بلحظة.",
}


def make_live_page(lang="en", slug="live-harbour-strike", **fields):
    """A published live page in `lang`, started two hours ago, bylined like a demo article
    and carrying its tags and lead image."""
    article = article_with_twin(lang)
    page = LivePage(
        title=HEADLINES[lang],
        slug=slug,
        standfirst=STANDFIRSTS[lang],
        lead_image=article.lead_image,
        coverage_start=timezone.now() - timedelta(hours=2),
        body=[("paragraph", RichText("<p>" + STANDFIRSTS[lang] + "</p>"))],
        **fields,
    )
    page.article_authors = [ArticleAuthor(author=b.author) for b in article.article_authors.all()]
    article.section.add_child(instance=page)
    page.tags.add(*article.tags.all())
    page.save_revision().publish()
    return LivePage.objects.get(pk=page.pk)


def add_entry(page, text, title="", authors=(), **fields):
    """An entry, as the live admin adds one: saved, then `entry_changed` (sent after the
    commit, here at once: the test's transaction never commits)."""
    entry = LiveEntry.objects.create(
        page=page, title=title, body=[("paragraph", RichText(f"<p>{text}</p>"))], **fields
    )
    entry.authors.set(authors or [page.article_authors.first().author])
    entry_changed.send(sender=LiveEntry, page=page, entry=entry)
    return entry


def delete_entry(entry):
    entry.deleted_at = timezone.now()
    entry.save()
    entry_changed.send(sender=LiveEntry, page=entry.page, entry=entry)


def change_entry(entry, text):
    entry.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    entry.save()
    entry_changed.send(sender=LiveEntry, page=entry.page, entry=entry)
