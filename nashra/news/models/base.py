from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from nashra.core import page_cache, text_analysis
from nashra.core.forms import ContentDirectionPageForm
from nashra.core.page_cache import requested_page
from nashra.news import caching

from .querysets import any_view_restrictions


class AnalysedTitle(index.SearchField):
    """The title in the search index's title column as the query's words are: analysed
    (nashra.core.text_analysis), so that a headline match counts with the title's weight on
    every database (PostgreSQL matched the raw title only where a word was its own stem). The
    admin's page search autocompletes on the title as written (Page's AutocompleteField)."""

    def get_value(self, obj):
        return text_analysis.index_text(obj.title)


class NashraPage(Page):
    """Base for every public page type: content-direction admin form, shared helpers."""

    base_form_class = ContentDirectionPageForm

    # Search keeps to the reader's edition through the index (nashra.search.ranking).
    search_fields = [
        field
        for field in Page.search_fields
        if not (type(field) is index.SearchField and field.field_name == "title")
    ] + [AnalysedTitle("title", boost=2), index.SearchField("edition_term")]

    class Meta:
        abstract = True

    def edition_term(self):
        return text_analysis.edition_term(self.locale.language_code)

    def get_view_restrictions(self):
        # Wagtail checks these on every view of the page, in two queries.
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def paginate(self, request, queryset, per_page=None, count=None, counted=False):
        """A page of `queryset`; `count`: how to count it, when a query of its own does that
        better than counting `queryset` (see ArticleQuerySet.newest_in_section).

        `counted`: the listing is this page's own (a section's or an author's articles), so
        its size can only change with a purge of this page or its edition. It is then
        counted once per purge rather than once per `?page=` rendered: on a large archive
        the count is most of a cold section page (docs/developers/decisions.md)."""
        paginator = Paginator(queryset, per_page or settings.NASHRA_ARTICLES_PER_PAGE)
        if counted:
            listing = caching.LISTING_COUNT(
                page_id=self.pk, path=self.get_url(request), language=self.locale.language_code
            )
            paginator.count = page_cache.versioned(
                request, build=count or queryset.count, **listing
            )
        elif count is not None:
            paginator.count = count()
        # Only canonical numbers select a page ("02" or "abc" show page 1), matching the cache
        # keys of the page cache and of the nginx front cache; past the end is a 404, so no
        # cache ever keeps an out-of-range copy of the last page.
        try:
            return paginator.page(requested_page(request))
        except EmptyPage:
            if paginator.count == 0:
                return paginator.page(1)
            raise Http404 from None
