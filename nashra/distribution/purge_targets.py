"""The exact addresses that show a piece of content, for purging a URL-keyed front cache.

The app's page cache purges whole groups by bumping a version; nginx or a CDN need every URL,
including each page of a paginated listing (a new article shifts them all).
"""

from math import ceil

from django.conf import settings
from taggit.models import Tag
from wagtail.models import Page

from nashra.engagement import thread
from nashra.news.corrections_log import log_pages
from nashra.news.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    AuthorPage,
    HomePage,
    SectionPage,
)

from .scopes import corrections_feed_urls, feed_urls

SITEMAPS = ["/robots.txt", "/sitemap.xml", "/sitemap-news.xml"] + [
    f"/sitemap-{code}.xml" for code, _name in settings.LANGUAGES
]


class _SitePathsCache:
    pass


def paginated(url, articles, showing=None):
    """A listing's URL and its ?page=N copies; one page more than today's count needs, so
    a listing that just shrank loses its old last page too. With `showing` (an article that
    kept its place in the listing), only the one page that shows its card."""
    if url is None:  # a listing with no address has nothing cached
        return []
    per_page = settings.NASHRA_ARTICLES_PER_PAGE
    if showing is not None:
        newer = articles.published_after(showing.first_published_at, showing.pk).count()
        number = newer // per_page + 1
        return [url if number == 1 else f"{url}?page={number}"]
    pages = max(1, ceil((articles.count() + 1) / per_page))
    return [url] + [f"{url}?page={n}" for n in range(2, pages + 1)]


def comment_pages(articles, spare=False):
    """These articles' addresses with every ?page=N of their comment threads (see
    engagement.thread); `spare`: one page more, for a thread that may just have shrunk."""
    articles = [(a.pk, a.url) for a in articles]
    counts = thread.page_counts([pk for pk, url in articles if url])
    return {
        thread.page_url(url, n)
        for pk, url in articles
        if url
        for n in range(1, counts.get(pk, 1) + 1 + spare)
    }


def _feeds(language, kind="edition", slug=None):
    return list(feed_urls(language, kind, slug).values())


def listing_urls(page, published):
    """A page's addresses: every ?page=N of a section's or an author's listing, or of an
    article's comment thread, else its URL."""
    if page.specific_class is SectionPage:
        return paginated(page.url, published.in_section(page.pk))
    if page.specific_class is AuthorPage:
        return paginated(page.url, published.by_author(page.pk))
    if page.specific_class is ArticlePage:
        return sorted(comment_pages([page]))
    return [page.url]


def rail_neighbours(section_id, first_published_at, pk):
    """The articles whose related rail shows the article at this place in the section (see
    ArticlePage.related_articles), the article itself left out: the `related_count`
    published just after it, and the section's first `related_count` when it is among the
    first `related_count + 1` (their rails are topped up from after them). Counted without
    the article, so the same call answers before and after it is published or unpublished."""
    if not section_id or first_published_at is None:
        return []
    n = ArticlePage.related_count
    others = ArticlePage.objects.published().in_section(section_id).exclude(pk=pk)
    others = others.select_related("locale").defer("body")  # what .url needs
    after = list(others.published_after(first_published_at, pk)[:n])
    first = list(others.order_by("first_published_at", "pk")[: n + 1])
    earlier = sum((a.first_published_at, a.pk) < (first_published_at, pk) for a in first)
    return after + (first[:n] if earlier <= n else [])


def article_targets(article, home=None, rails=True, in_place=False):
    """Everything an article appears on: itself and its twins (their switchers), its section,
    its edition's front page, its authors' and tags' pages (every page of each listing), the
    feeds of each of those, the sitemaps, and (`rails`) the articles whose related rail
    shows it. `in_place`: it was and stays in the same listings at the same place (an edit
    that kept its date, section, tags and bylines, or a comment), so each listing changes
    only on the page that shows its card. Each article's address comes with every page of its
    comment thread."""
    showing = article if in_place else None
    language = article.locale.language_code
    published = ArticlePage.objects.published()
    home = home or HomePage.objects.live().filter(locale__language_code=language).first()
    # Every page of its comment thread shows the article (and a comment can change them all).
    targets = {*comment_pages([article], spare=True), *SITEMAPS, *_feeds(language)}
    if rails:
        place = (article.section_id, article.first_published_at, article.pk)
        targets.update(comment_pages(rail_neighbours(*place)))
    targets.update(comment_pages(article.get_translations().live()))
    if home is not None:
        targets.add(home.url)
        for tag in article.tags.all():
            targets.update(_tag_listing(home, tag, language, published, showing))
    if article.section_id:
        section = article.section
        targets.update(paginated(section.url, published.in_section(section), showing))
        targets.update(_feeds(language, "section", section.slug))
    for byline in article.article_authors.select_related("author"):
        targets.update(_author_listing(byline.author, language, published, showing))
    return {t for t in targets if t}


def feed_targets(article):
    """The feeds that list an article (its edition's, its section's, its tags' and its
    authors') and the sitemaps: what changes when only its updated time does."""
    language = article.locale.language_code
    targets = {*SITEMAPS, *_feeds(language)}
    if article.section_id:
        targets.update(_feeds(language, "section", article.section.slug))
    for tag in article.tags.all():
        targets.update(_feeds(language, "tag", tag.slug))
    for byline in article.article_authors.select_related("author"):
        targets.update(_feeds(language, "author", byline.author.slug))
    return targets


def _tag_listing(home, tag, language, published, showing=None):
    """A tag's listing pages in an edition (see `paginated`) and its feeds."""
    tagged = published.descendant_of(home).tagged(tag.slug)
    return paginated(home.tag_url(tag), tagged, showing) + _feeds(language, "tag", tag.slug)


def _author_listing(author, language, published, showing=None):
    """An author's listing pages (see `paginated`) and feeds."""
    return paginated(author.url, published.by_author(author), showing) + _feeds(
        language, "author", author.slug
    )


def membership_targets(language, tag_ids=(), author_ids=()):
    """Every page of these tags' and authors' listings in an edition, and their feeds: the
    ones an article has just left."""
    published = ArticlePage.objects.published()
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    targets = set()
    if home is not None:
        for tag in Tag.objects.filter(pk__in=tag_ids):
            targets.update(_tag_listing(home, tag, language, published))
    for author in AuthorPage.objects.live().filter(pk__in=author_ids):
        targets.update(_author_listing(author, language, published))
    return {t for t in targets if t}


def twin_targets(page, descendants=False):
    """The pages of the other editions whose language switcher links to `page`: its live
    twins (every page of a twin listing) and, with `descendants` (its address changed), the
    live twins of the pages under it, whose addresses changed with it."""
    published = ArticlePage.objects.published()
    twins = list(page.get_translations().live())
    if descendants:
        under = Page.objects.descendant_of(page).values("translation_key")
        live = Page.objects.live().exclude(locale=page.locale_id)
        twins += live.filter(translation_key__in=under)
    return {url for twin in twins for url in listing_urls(twin, published) if url}


def edition_targets(language):
    """Every cacheable address of one language edition: what a change to its navigation
    (a section renamed, the About page edited, a page moved) can reach."""
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    targets = set(SITEMAPS) | set(_feeds(language))
    if home is None:
        return targets
    targets.update(corrections_targets(language, home))
    published = ArticlePage.objects.published().descendant_of(home)
    site_paths = _SitePathsCache()  # Wagtail reuses the site root paths stored on it
    threads = thread.page_counts()  # the few articles whose comments run to several pages
    for page in Page.objects.live().descendant_of(home, inclusive=True):
        parts = page.get_url_parts(site_paths)
        if parts:
            targets.update(
                thread.page_url(parts[2], n) for n in range(1, threads.get(page.pk, 1) + 1)
            )
    for section in SectionPage.objects.live().descendant_of(home):
        targets.update(paginated(section.url, published.in_section(section)))
        targets.update(_feeds(language, "section", section.slug))
    for author in AuthorPage.objects.live().descendant_of(home):
        targets.update(paginated(author.url, published.by_author(author)))
        targets.update(_feeds(language, "author", author.slug))
    for tag in Tag.objects.filter(slug__in=published.values("tags__slug")).distinct():
        targets.update(paginated(home.tag_url(tag), published.tagged(tag.slug)))
        targets.update(_feeds(language, "tag", tag.slug))
    return {t for t in targets if t}


def corrections_targets(language, home=None):
    """Every page of an edition's corrections log and its feeds."""
    home = home or HomePage.objects.live().filter(locale__language_code=language).first()
    feeds = set(corrections_feed_urls(language).values())
    return feeds | set(log_pages(home) if home is not None else ())


def cache_paths(articles, rails=False):
    """The addresses whose page-cache versions a change to these articles bumps: those
    `article_targets` reaches, without counting listing pages (the page cache keeps every
    ?page=N of an address under that address's version). A few queries for any number."""
    articles = list(articles)
    ids = [a.pk for a in articles]
    languages = {a.locale.language_code for a in articles}
    homes = {
        h.locale.language_code: h
        for h in HomePage.objects.live()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
    }
    paths = set(SITEMAPS)
    for language in languages:
        paths.update(_feeds(language))
        if language in homes:
            paths.add(homes[language].url)
    for article in articles:
        paths.add(article.url)
        if article.section_id:
            paths.add(article.section.url)
            paths.update(_feeds(article.locale.language_code, "section", article.section.slug))
        if rails:
            place = (article.section_id, article.first_published_at, article.pk)
            paths.update(a.url for a in rail_neighbours(*place))
    twins = Page.objects.live().filter(translation_key__in=[a.translation_key for a in articles])
    paths.update(t.url for t in twins.exclude(pk__in=ids))
    language_of = {a.pk: a.locale.language_code for a in articles}
    for row in ArticleTag.objects.filter(content_object_id__in=ids).select_related("tag"):
        language = language_of[row.content_object_id]
        if language in homes:
            paths.add(homes[language].tag_url(row.tag))
            paths.update(_feeds(language, "tag", row.tag.slug))
    for row in ArticleAuthor.objects.filter(article_id__in=ids).select_related("author"):
        paths.add(row.author.url)
        paths.update(_feeds(language_of[row.article_id], "author", row.author.slug))
    return {p.split("?", 1)[0] for p in paths if p}


def own_addresses(article_ids):
    """These articles' own addresses and their live twins', with every page of each comment
    thread (and a spare one, for a thread that may just have shrunk)."""
    articles = list(ArticlePage.objects.filter(pk__in=article_ids).select_related("locale"))
    twins = Page.objects.live().filter(translation_key__in=[a.translation_key for a in articles])
    return comment_pages(articles, spare=True) | comment_pages(twins.exclude(pk__in=article_ids))


def page_addresses(page):
    """A page's addresses as they are now (every ?page=N of its listing or thread): taken
    before it is deleted, when nothing after the commit can name them any more."""
    return set(listing_urls(page, ArticlePage.objects.published())) | {page.url} - {None}
