"""The read API's `?search=` (nashra.distribution.api): the site search's analysis and ranking
(nashra.core.text_analysis, nashra.search.ranking) in place of Wagtail's, which handed the
words to the index unanalysed (`hospitals` and `المستشفى` found nothing)."""

from django.db.models import Case, IntegerField, When
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from nashra.core.text_analysis import query_terms
from nashra.news.models import ArticlePage

from .forms import MAX_QUERY_LENGTH
from .ranking import ranked_ids


class AnalysedSearchFilter(BaseFilterBackend):
    """`?search=words`: the articles (live coverage included) among the listing's pages that
    hold every word, best first as on the site (or in `?order=`), among the newest
    `ranking.window()` matches. `?locale=` keeps the search to that edition's index."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        query = request.GET["search"]
        if request.GET.get("search_operator", "and") != "and":
            raise BadRequestError(
                "search_operator can only be 'and': every word of a search must match"
            )
        if len(query) > MAX_QUERY_LENGTH:
            raise BadRequestError(f"search is longer than {MAX_QUERY_LENGTH} characters")
        wanted = query_terms(query)
        if not wanted:
            raise BadRequestError("search holds no word to look for")
        articles = (
            ArticlePage.objects.live().public().filter(pk__in=queryset.order_by().values("pk"))
        )
        ranked, _more = ranked_ids(articles, wanted, language=request.GET.get("locale") or None)
        found = queryset.filter(pk__in=ranked)
        if "order" in request.GET:  # the listing's ordering (OrderingFilter) stands
            return found
        best_first = Case(
            *(When(pk=pk, then=rank) for rank, pk in enumerate(ranked)),
            output_field=IntegerField(),
        )
        return found.order_by(best_first) if ranked else found
