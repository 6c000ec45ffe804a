"""Head metadata for public pages: feed links, canonical and hreflang links, social cards and
schema.org JSON-LD."""

import html
import json
from datetime import datetime, time

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images.shortcuts import get_renditions_or_not_found

from nashra.images.presenters import JSON_LD_RATIOS
from nashra.live import distribution as live
from nashra.live.models import LivePage
from nashra.news.corrections_log import log_url
from nashra.news.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    SectionPage,
    StandardPage,
)
from nashra.news.navigation import edition, page_links, page_url

from .scopes import feed_urls

FEED_TYPES = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)


def _feed_scopes(page, language, tag=None):
    if tag is not None:
        return [("tag", tag.slug, tag.name)]
    scopes = []
    if isinstance(page, SectionPage):
        scopes.append(("section", page.slug, page.title))
    elif isinstance(page, ArticlePage) and page.section_id:
        scopes.append(("section", page.section.slug, page.section.title))
    elif isinstance(page, AuthorPage):
        scopes.append(("author", page.slug, page.title))
    scopes.append(("edition", None, _("Nashra")))
    return scopes


def feed_links(page, language, tag=None):
    links = []
    for kind, slug, label in _feed_scopes(page, language, tag):
        urls = feed_urls(language, kind, slug)
        for key, mime, name in FEED_TYPES:
            links.append((mime, f"{label} ({name})", urls[key]))
    return format_html_join("\n  ", '<link rel="alternate" type="{}" title="{}" href="{}">', links)


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def _logo(request):
    return {
        "@type": "ImageObject",
        "url": _absolute(request, static("img/nashra-logo.png")),
        "width": 600,
        "height": 60,
    }


POLICY_PAGES = (
    ("publishingPrinciples", "about"),
    ("ethicsPolicy", "comment-policy"),
)


def organization(request, language):
    org = {
        "@type": "NewsMediaOrganization",
        "name": _("Nashra"),
        "url": _absolute(request, f"/{language}/"),
        "logo": _logo(request),
    }
    pages = edition(request, language).pages
    org.update(
        {key: _absolute(request, pages[slug]) for key, slug in POLICY_PAGES if slug in pages}
    )
    # The corrections log states the policy and links to the full policy page: it is there
    # in every edition that has a home, whatever pages the editors keep.
    log = log_url(edition(request, language).home_url)
    if log:
        org["correctionsPolicy"] = _absolute(request, log)
    return org


def _script(data):
    # "</" inside JSON would end the script element early.
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    html = f'<script type="application/ld+json">{text}</script>'
    return mark_safe(html)  # noqa: S308 - JSON, its "</" escaped above


def breadcrumbs(page, request):
    crumbs = [
        {"@type": "ListItem", "position": position, "name": title, "item": _absolute(request, url)}
        for position, (title, url) in enumerate(page_links(request, page).crumbs, start=1)
    ]
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": crumbs}


def date_modified(page, corrections):
    """When the article last changed for its readers: its "Updated" time, else its last
    publish; a correction dated later moves it to that publish (which added the correction)
    or, for a correction dated after it, to the start of the correction's day."""
    modified = page.updated_at or page.last_published_at or page.first_published_at
    newest = max((c.date for c in corrections), default=None)
    if newest is None or newest <= timezone.localtime(modified).date():
        return modified
    published = page.last_published_at
    if published and timezone.localtime(published).date() >= newest:
        return max(published, modified)
    return timezone.make_aware(datetime.combine(newest, time.min))


def article_json_ld(page, request, authors, corrections, tags):
    # Three ratios (1:1, 4:3, 16:9), 1200 wide where the original allows, as Google asks;
    # the article route prefetches them with the page (news.models.querysets.LEAD_RENDITIONS).
    images = (
        get_renditions_or_not_found(page.lead_image, JSON_LD_RATIOS) if page.lead_image_id else {}
    )
    address = _absolute(request, page_url(request, page))
    modified = date_modified(page, corrections) if page.first_published_at else None
    if modified and isinstance(page, LivePage):  # an entry added, changed or deleted since
        modified = max(modified, live.last_changed(page))
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": address,
        "headline": page.title,
        "description": page.standfirst,
        "inLanguage": page.locale.language_code,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [
            {
                "@type": "Person",
                "name": a.title,
                "url": _absolute(request, a.url),
                "jobTitle": a.role or None,
            }
            for a in authors
        ],
        "publisher": organization(request, page.locale.language_code),
        "articleSection": page.section.title if page.section_id else None,
        "keywords": [t.name for t in tags],
    }
    urls = [images[spec].url for spec in JSON_LD_RATIOS if images and images[spec].width]
    if urls:
        data["image"] = [_absolute(request, url) for url in urls]
    if page.dateline:
        data["dateline"] = page.dateline
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.text,
                "datePublished": c.date.isoformat(),
                "name": c.get_kind_display(),
            }
            for c in corrections
        ]
    if isinstance(page, LivePage):
        data.update(live_blog(page, request, address))
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    return _script(data) + _script(breadcrumbs(page, request))


def live_blog(page, request, address):
    """What makes a live page's JSON-LD a LiveBlogPosting (schema.org/LiveBlogPosting): the
    coverage's times and the newest entries, as BlogPostings linking to their place on the
    page. (Its dateModified is the latest change, an entry's included.)"""
    updates = [
        {
            "@type": "BlogPosting",
            "headline": live.entry_headline(entry),
            "datePublished": entry.posted_at.isoformat(),
            "dateModified": entry.updated_at.isoformat(),
            "url": live.entry_url(address, entry),
            "author": [
                {"@type": "Person", "name": a.title, "url": _absolute(request, a.url)}
                for a in entry.authors.all()
            ],
            "articleBody": live.entry_excerpt(entry),
        }
        for entry in live.newest_entries(page, live.JSON_LD_UPDATES)
    ]
    return {
        "@type": "LiveBlogPosting",
        "coverageStartTime": page.coverage_start.isoformat(),
        "coverageEndTime": page.coverage_end.isoformat() if page.coverage_end else None,
        "liveBlogUpdate": [{k: v for k, v in u.items() if v} for u in updates],
    }


def page_json_ld(page, request):
    if isinstance(page, HomePage):
        return _script(
            {"@context": "https://schema.org", **organization(request, page.locale.language_code)}
        )
    if isinstance(page, (SectionPage, AuthorPage, StandardPage)):
        return _script(breadcrumbs(page, request))
    return ""


def canonical_url(request, page, page_obj=None, tag=None):
    """The page's own absolute address: a tag page's (served by the home page's sub-route),
    and a listing's ?page=N past the first. Page 1 has no ?page= (page_cache serves "?page=1",
    "?page=abc" and no page alike, as that one page)."""
    url = page.tag_url(tag, request) if tag is not None else page_url(request, page)
    if page_obj is not None and page_obj.number > 1:
        url = f"{url}?page={page_obj.number}"
    return _absolute(request, url)


def alternates(page, request):
    """hreflang links to every live translation of the page, itself included, then x-default
    (see with_x_default)."""
    if page is None or not getattr(page, "pk", None):
        return []
    twins = [(code, _absolute(request, url)) for code, url in page_links(request, page).twins]
    return with_x_default(twins, request, front=isinstance(page, HomePage))


def with_x_default(twins, request, front=False):
    """(language, address) pairs plus Google's x-default, the address for a reader whose
    language matches none of them (developers.google.com/search/docs/specialty/international/
    localized-versions#xdefault). For a front page that is the site's root, which sends each
    reader to the edition their browser asks for (LocaleMiddleware); for any other page, its
    twin in the site's default language, else its only version."""
    if not twins:
        return []
    if front:
        default = _absolute(request, "/")
    else:
        by_language = dict(twins)
        default = by_language.get(settings.LANGUAGE_CODE, twins[0][1])
    return [*twins, ("x-default", default)]


OG_LOCALES = {"ar": "ar_AR", "en": "en_GB"}


def og_locale(language):
    """Open Graph's language_TERRITORY form of a language code."""
    return OG_LOCALES.get(language, language)


# Search engines show about 155 characters of a description; a longer one is cut anywhere.
DESCRIPTION_LENGTH = 160


def meta_description(page, request, tag=None):
    """The page's meta description, in its language: what the editors wrote for search
    engines (the promote tab's search description), else what the page says of itself
    (a standfirst, an introduction, a biography, the first paragraph), else a sentence
    naming it. Plain text, at most DESCRIPTION_LENGTH characters."""
    site = _("Nashra")
    if tag is not None:
        text = _("Articles about “%(tag)s” in %(site)s, newest first.") % {
            "tag": tag.name,
            "site": site,
        }
    elif page.search_description:
        text = page.search_description
    elif isinstance(page, HomePage):
        text = page.tagline or _("%(site)s: the latest news, analysis and opinion.") % {
            "site": site
        }
    elif isinstance(page, ArticlePage):
        text = page.standfirst
    elif isinstance(page, SectionPage):
        text = page.intro or _("The latest %(section)s news from %(site)s.") % {
            "section": page.title,
            "site": site,
        }
    elif isinstance(page, AuthorPage):
        text = page.bio or (
            _("%(name)s, %(role)s: articles in %(site)s.")
            % {"name": page.title, "role": page.role, "site": site}
            if page.role
            else _("Articles by %(name)s in %(site)s.") % {"name": page.title, "site": site}
        )
    elif isinstance(page, AuthorIndexPage):
        text = page.intro or _("The writers and editors of %(site)s.") % {"site": site}
    elif isinstance(page, StandardPage):
        text = page.intro or _first_paragraph(page.body)
    else:  # the comment policy, any other page with an introduction (rich text or plain)
        text = getattr(page, "intro", "")
    # Rich text keeps & as &amp;: unescaped here, escaped once by the template.
    text = " ".join(html.unescape(strip_tags(text or page.title)).split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _first_paragraph(body):
    for block in body:
        if block.block_type == "paragraph":
            return html.unescape(strip_tags(block.value.source))
    return ""
