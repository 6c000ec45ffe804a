"""robots.txt, a sitemap index, per-language sitemaps with hreflang alternates, and a Google
News sitemap of the last two days' articles and live coverage."""

from datetime import timedelta
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page

from nashra.live import distribution as live
from nashra.live.models import LiveEntry, LivePage
from nashra.news.models import ArticlePage, HomePage

from .presenters import with_x_default

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Google reads at most 1,000 addresses from a News sitemap.
NEWS_SITEMAP_SIZE = 1000


def _xml(root):
    body = ET.tostring(root, encoding="unicode")
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body,
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/engagement/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_index(request):
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}sitemapindex")
    for name in LANGUAGES + ["news"]:
        loc = reverse("sitemap_section", args=[name])
        ET.SubElement(
            ET.SubElement(root, f"{{{NS}}}sitemap"), f"{{{NS}}}loc"
        ).text = request.build_absolute_uri(loc)
    return _xml(root)


def _pages(language):
    return (
        Page.objects.live()
        .public()
        .filter(locale__language_code=language, depth__gte=2)
        .specific()
        .order_by("path")
    )


@require_GET
def sitemap_section(request, name):
    if name == "news":
        return news_sitemap(request)
    language = name
    if language not in LANGUAGES:
        raise Http404
    ET.register_namespace("", NS)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{NS}}}urlset")
    pages = list(_pages(language))
    twins = {}
    keys = {p.translation_key for p in pages}
    for twin in (
        Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
    ):
        twins.setdefault(twin.translation_key, []).append(twin)
    changed = live.changed_at(p for p in pages if isinstance(p, LivePage))
    for page in pages:
        url = ET.SubElement(root, f"{{{NS}}}url")
        ET.SubElement(url, f"{{{NS}}}loc").text = request.build_absolute_uri(page.get_url(request))
        modified = (
            changed.get(page.pk) or getattr(page, "updated_at", None) or page.last_published_at
        )
        if modified:
            ET.SubElement(url, f"{{{NS}}}lastmod").text = modified.isoformat()
        alternates = [
            (twin.locale.language_code, request.build_absolute_uri(twin.get_url(request)))
            for twin in twins.get(page.translation_key, [])
        ]
        front = page.specific_class is HomePage
        for code, href in with_x_default(alternates, request, front=front):
            ET.SubElement(
                url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": code, "href": href}
            )
    return _xml(root)


def news_sitemap(request):
    ET.register_namespace("", NS)
    ET.register_namespace("news", NEWS)
    root = ET.Element(f"{{{NS}}}urlset")
    since = timezone.now() - timedelta(days=2)
    articles = list(
        ArticlePage.objects.published()
        .filter(first_published_at__gte=since)
        .select_related("locale")[:NEWS_SITEMAP_SIZE]
    )
    # Live coverage is news while it changes: a live page is listed while it was first
    # published or last changed (an entry added, changed or deleted) in the last two days.
    recent = LiveEntry.objects.filter(Q(updated_at__gte=since) | Q(deleted_at__gte=since))
    coverage = list(
        LivePage.objects.published()
        .filter(
            Q(first_published_at__gte=since)
            | Q(updated_at__gte=since)
            | Q(last_published_at__gte=since)
            | Q(pk__in=recent.values("page_id"))
        )
        .select_related("locale")[:NEWS_SITEMAP_SIZE]
    )
    changed = live.changed_at(coverage)
    for article in sorted(
        articles + coverage, key=lambda a: (a.first_published_at, a.pk), reverse=True
    )[:NEWS_SITEMAP_SIZE]:
        url = ET.SubElement(root, f"{{{NS}}}url")
        ET.SubElement(url, f"{{{NS}}}loc").text = request.build_absolute_uri(
            article.get_url(request)
        )
        if article.pk in changed:
            ET.SubElement(url, f"{{{NS}}}lastmod").text = changed[article.pk].isoformat()
        news = ET.SubElement(url, f"{{{NEWS}}}news")
        publication = ET.SubElement(news, f"{{{NEWS}}}publication")
        ET.SubElement(publication, f"{{{NEWS}}}name").text = (
            "Nashra" if article.locale.language_code == "en" else "نشرة"
        )
        ET.SubElement(publication, f"{{{NEWS}}}language").text = article.locale.language_code
        ET.SubElement(
            news, f"{{{NEWS}}}publication_date"
        ).text = article.first_published_at.isoformat()
        ET.SubElement(news, f"{{{NEWS}}}title").text = article.title
    return _xml(root)
