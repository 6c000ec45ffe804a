from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from wagtail.models import Page

from nashra.core.forms import ContentDirectionPageForm


class NashraPage(Page):
    """Base for every public page type: content-direction admin form, shared helpers."""

    base_form_class = ContentDirectionPageForm

    class Meta:
        abstract = True

    def paginate(self, request, queryset, per_page=None):
        paginator = Paginator(queryset, per_page or settings.NASHRA_ARTICLES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)
