"""Print, as JSON, one address of every public page type in each edition of the loaded demo.

Run in the quality server's Django (`manage.py shell -c`); tests/quality/conftest.py reads it.
Chosen from the content, not hard-coded, so a changed demo still covers each type."""

import json
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from nashra.engagement.models import CommentPolicyPage
from nashra.live.models import LivePage
from nashra.news.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    SectionPage,
    StandardPage,
)


def _with_block(articles, kind):
    for article in articles:
        if any(block.block_type == kind for block in article.body):
            return article
    return None


def pages():
    found = {}
    for home in HomePage.objects.live().select_related("locale"):
        lang = home.locale.language_code
        articles = list(
            ArticlePage.objects.live().descendant_of(home).not_type(LivePage).order_by("-pk")
        )
        sections = SectionPage.objects.live().descendant_of(home)
        section = max(sections, key=lambda s: ArticlePage.objects.live().child_of(s).count())
        news = next(a for a in articles if a.article_type != "opinion")
        opinion = next(a for a in articles if a.article_type == "opinion")
        tagged = next(a for a in articles if a.tags.exists())
        with translation.override(lang):
            search, privacy = reverse("search:search"), reverse("engagement:privacy")
        urls = {
            "front": home.url,
            "section": section.url,
            "section-page-2": f"{section.url}?page=2",
            "article-news": news.url,
            "article-opinion": opinion.url,
            "tag": home.tag_url(tagged.tags.first()),
            "author-index": AuthorIndexPage.objects.live().descendant_of(home).first().url,
            "author": AuthorPage.objects.live().descendant_of(home).first().url,
            "corrections-log": home.corrections_url(),
            "search": f"{search}?{urlencode({'q': news.title.split()[0]})}",
            "search-empty": f"{search}?q=zzqxjvw",
            "not-found": f"{home.url}no-such-page/",
            # Lighthouse only (tests/quality/urls.py): the 404's page with status 200.
            "not-found-for-lighthouse": f"{home.url}quality-not-found/",
            "comment-privacy": privacy,
        }
        for kind in ("gallery", "fact_box"):
            article = _with_block(articles, kind)
            if article:
                urls[f"article-{kind.replace('_', '-')}"] = article.url
        live = LivePage.objects.live().descendant_of(home).first()
        if live:
            urls["live"] = live.url
        policy = CommentPolicyPage.objects.live().descendant_of(home).first()
        if policy:
            urls["comment-policy"] = policy.url
        for standard in StandardPage.objects.live().descendant_of(home):
            urls[f"standard-{standard.slug}"] = standard.url
        found[lang] = urls
    return found


print(json.dumps(pages()))
