from datetime import datetime, time

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage, HomePage, SectionPage

from .excerpts import excerpt, highlight
from .forms import SearchForm


def _day_bound(day, end=False):
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


@require_GET
def search(request):
    language = translation.get_language()
    home = HomePage.objects.live().filter(locale__language_code=language).first()
    sections = list(SectionPage.objects.live().child_of(home)) if home else []
    form = SearchForm(request.GET or None, sections=sections)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {"form": form, "query": "", "results": None, "page_obj": None, "problem": None,
               "base_qs": query_string.urlencode()}
    if not request.GET or not form.is_valid():
        return TemplateResponse(request, "search/results.html", context, status=400 if form.errors else 200)
    data = form.cleaned_data
    context["query"] = data["q"].strip()
    wanted = query_terms(data["q"])
    if not context["query"]:
        context["problem"] = "empty"
        return TemplateResponse(request, "search/results.html", context)
    if not wanted:
        context["problem"] = "no_words"
        return TemplateResponse(request, "search/results.html", context)
    articles = ArticlePage.objects.live().public().descendant_of(home) if home else ArticlePage.objects.none()
    if data.get("section"):
        articles = articles.filter(section_id=int(data["section"]))
    if data.get("type"):
        articles = articles.filter(article_type=data["type"])
    if data.get("start"):
        articles = articles.filter(first_published_at__gte=_day_bound(data["start"]))
    if data.get("end"):
        articles = articles.filter(first_published_at__lte=_day_bound(data["end"], end=True))
    results = articles.search(" ".join(wanted), operator="and", order_by_relevance=True)
    paginator = Paginator(results, settings.NASHRA_ARTICLES_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, ValueError):
        page_obj = paginator.page(1)
    wanted_set = set(wanted)
    hits = []
    ids = [a.pk for a in page_obj.object_list]
    loaded = ArticlePage.objects.filter(pk__in=ids).select_related("section", "lead_image").in_bulk()
    for article in page_obj.object_list:
        article = loaded.get(article.pk, article)
        parts = article.plain_text_parts()
        hits.append({
            "article": article,
            "title": highlight(article.title, wanted_set),
            "excerpt": excerpt(parts, wanted_set),
        })
    context.update({"results": hits, "page_obj": page_obj, "count": paginator.count})
    return TemplateResponse(request, "search/results.html", context)
