import logging
from datetime import date, datetime, time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from nashra.core import page_cache
from nashra.core.caching import SITE, SITE_ROOT_PATHS
from nashra.core.i18n import base_language
from nashra.core.text_analysis import query_terms
from nashra.live import distribution as live
from nashra.live.models import LivePage
from nashra.news.models import ArticlePage
from nashra.news.navigation import edition, edition_cache

from . import suggestions
from .caching import SEARCH_RANKING
from .excerpts import excerpt, highlight, paragraph_text, passages
from .forms import SearchForm
from .query import canonical_params, display_query
from .ranking import ranked_ids, window

logger = logging.getLogger(__name__)

# Dates a reader may type but no article has: a bound outside them is no bound, and the
# first and last days Python can write would leave its range once shifted to UTC from a
# time zone ahead of or behind it (OverflowError).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def _day_bound(day, end=False):
    day = min(max(day, EARLIEST), LATEST)
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def _remember_site(request, language):
    """What each result's `get_url(request)` looks up (the site for the host, one query, and
    the sites' root paths), and the edition, from the cache in one round trip, as
    nashra.core.middleware does for pages."""
    site = SITE(host=request.get_host())
    roots = SITE_ROOT_PATHS()
    page_cache.prefetch(request, site, roots, edition_cache(base_language(language)))
    request._wagtail_site = page_cache.versioned(
        request, build=lambda: Site.find_for_request(request), keep=bool, **site
    )
    request._wagtail_cached_site_root_paths = page_cache.versioned(
        request, build=Site.get_site_root_paths, **roots
    )


def _articles(home, data, section=True):
    """The edition's articles a search looks among, with the reader's filters."""
    if not home:
        return ArticlePage.objects.none()
    articles = ArticlePage.objects.live().public().descendant_of(home)
    if section and data.get("section"):
        articles = articles.filter(section_id=int(data["section"]))
    if data.get("type"):
        articles = articles.filter(article_type=data["type"])
    if data.get("start"):
        articles = articles.filter(first_published_at__gte=_day_bound(data["start"]))
    if data.get("end"):
        articles = articles.filter(first_published_at__lte=_day_bound(data["end"], end=True))
    return articles


def _suggestions(request, data, articles, language, wanted, found):
    """For a search finding little: a corrected query (nashra.search.suggestions) and what
    the other editions find (their sections are their own: that filter is left out). Only
    the query, the filters and the edition decide them, so the page stays cacheable."""
    suggestion = suggestions.suggest(data["q"], articles, language, found)
    corrected = None
    if suggestion:
        corrected = {
            "query": suggestion.query,
            "count": suggestion.count,
            "url": "?" + urlencode(canonical_params(suggestion.query, request.GET)),
        }
    others = []
    for code, _name in settings.LANGUAGES:
        if base_language(code) == base_language(language):
            continue
        ranked, more = ranked_ids(
            _articles(edition(request, code).home, data, section=False), wanted, language=code
        )
        if ranked:
            params = {"q": data["q"].strip()}
            params.update(
                {k: request.GET[k] for k in ("type", "start", "end") if request.GET.get(k)}
            )
            with translation.override(code):
                url = reverse("search:search") + "?" + urlencode(params)
            others.append({"language": code, "count": len(ranked), "more": more, "url": url})
    return {"suggestion": corrected, "elsewhere": others}


@require_GET
def search(request):
    language = translation.get_language()
    _remember_site(request, language)
    current = edition(request, language)  # the masthead's, cached until the edition changes
    home, sections = current.home, current.sections
    form = SearchForm(request.GET.copy() or None, sections=sections)
    # What the page shows of the query and links to depends on its canonical form only: the
    # page cache keeps one copy for every spelling of it (nashra.search.query.page_key).
    shown = display_query(request.GET.get("q", ""))
    context = {
        "form": form,
        "query": "",
        "results": None,
        "page_obj": None,
        "problem": None,
        "more": False,
        "base_qs": urlencode(canonical_params(request.GET.get("q", ""), request.GET)),
        "page_description": _("Search the news, analysis and opinion published by %(site)s.")
        % {"site": _("Nashra")},
    }
    if not request.GET or not form.is_valid():
        return TemplateResponse(
            request, "search/results.html", context, status=400 if form.errors else 200
        )
    data = form.cleaned_data
    # Suggestions and links too are made from the shown query, never the spelling sent.
    form.data["q"] = context["query"] = data["q"] = shown
    wanted = query_terms(shown)
    if not context["query"]:
        context["problem"] = "empty"
        return TemplateResponse(request, "search/results.html", context)
    if not wanted:
        context["problem"] = "no_words"
        return TemplateResponse(request, "search/results.html", context)
    articles = _articles(home, data)
    filters = [data.get(name) or "" for name in ("section", "type", "start", "end")]
    ranking = SEARCH_RANKING(
        window=window(),
        terms="+".join(wanted),
        filters=":".join(map(str, filters)),
        path=request.path,
        language=language,
    )
    ranked, more = page_cache.versioned(
        request, build=lambda: ranked_ids(articles, wanted, language=language), **ranking
    )
    paginator = Paginator(ranked, settings.NASHRA_ARTICLES_PER_PAGE)
    try:
        page_obj = paginator.page(data["page"])
    except EmptyPage:
        if paginator.count == 0:
            page_obj = paginator.page(1)  # "nothing matches" says more than "no such page"
        else:
            # Past the last page (results change as articles are published): say so, and
            # link to the first page.
            context.update(
                {
                    "problem": "no_page",
                    "count": paginator.count,
                    "more": more,
                    "last_page": paginator.num_pages,
                }
            )
            return TemplateResponse(request, "search/results.html", context, status=404)
    wanted_set = set(wanted)
    hits = []
    loaded = (
        ArticlePage.objects.filter(pk__in=page_obj.object_list).select_related("section").in_bulk()
    )
    # A live page's words include its entries' (LivePage.search_terms): so do its excerpts.
    live_type = ContentType.objects.get_for_model(LivePage).pk
    entries = live.entry_passages(
        [a.pk for a in loaded.values() if a.content_type_id == live_type], paragraph_text
    )
    for article in filter(None, map(loaded.get, page_obj.object_list)):  # unpublished since: skip
        parts = passages(article) + entries.get(article.pk, [])
        hits.append(
            {
                "article": article,
                "title": highlight(article.title, wanted_set),
                "excerpt": excerpt(parts, wanted_set),
            }
        )
    # `more`: more articles match than are ranked (see ranking.py); the count says "200+".
    context.update({"results": hits, "page_obj": page_obj, "count": paginator.count, "more": more})
    if paginator.count < suggestions.SUGGEST_BELOW:
        try:
            context.update(_suggestions(request, data, articles, language, wanted, paginator.count))
        except DatabaseError:
            # The results stand without their suggestions.
            logger.exception("search suggestions failed for %r", data["q"])
    return TemplateResponse(request, "search/results.html", context)
