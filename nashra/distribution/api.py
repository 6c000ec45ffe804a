"""The read-only API: Wagtail's API v2 for published content, and IPTC ninjs 2.0 per article
for syndication partners."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from nashra.core.converters import ID_MAX_DIGITS
from nashra.live import distribution as live
from nashra.live.models import LivePage
from nashra.news.models import ArticlePage
from nashra.search.api import AnalysedSearchFilter

# Query parameters that hold text; any other one holding a number may be read as an id, an
# offset or a limit (Wagtail reads `id`, `child_of`, `offset` and field filters with int()).
TEXT_PARAMETERS = frozenset(
    {
        "search",
        "search_operator",
        "html_path",
        "fields",
        "order",
        "type",
        "locale",
        "format",
        "rich_text_format",
    }
)


class BoundedIdsMixin:
    """Ids and numbers in an API request stay within 64 bits: a longer one in the path matches
    no URL (a JSON 404), and in the query string is a 400, where SQLite raised OverflowError
    and PostgreSQL DataError."""

    @classmethod
    def get_urlpatterns(cls):
        return [
            path(str(p.pattern).replace("<int:", "<id:"), p.callback, name=p.name)
            for p in super().get_urlpatterns()
        ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, value in request.GET.items():
            digits = value.strip().lstrip("+-")
            if name == "id" and not digits.isdecimal():  # the find view would raise ValueError
                raise BadRequestError("id must be an integer")
            if name not in TEXT_PARAMETERS and digits.isdecimal() and len(digits) > ID_MAX_DIGITS:
                raise BadRequestError(
                    f"{name} is out of range: numbers have at most {ID_MAX_DIGITS} digits"
                )


class NashraPagesAPIViewSet(BoundedIdsMixin, PagesAPIViewSet):
    # `?search=` as the site searches (nashra.search.api); still the last filter.
    filter_backends = [
        AnalysedSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]


class NashraImagesAPIViewSet(BoundedIdsMixin, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("nashra_api")
api_router.register_endpoint("pages", NashraPagesAPIViewSet)
api_router.register_endpoint("images", NashraImagesAPIViewSet)

# How ninjs names an entry's flags (as genres of the associated entry).
KEY_EVENT = pgettext_lazy("ninjs genre of a live entry", "Key event")
PINNED = pgettext_lazy("ninjs genre of a live entry", "Pinned")

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "2.0",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
}


def ninjs_for(article, request):
    absolute = request.build_absolute_uri
    authors = [
        b.author for b in article.article_authors.select_related("author").order_by("sort_order")
    ]
    item = {
        "standard": NINJS_STANDARD,
        "uri": absolute(article.get_url(request)),
        "type": "text",
        "representationtype": "full",  # ninjs 2.0 allows "full" or "partial"
        "profile": f"nashra-{article.article_type}",
        "version": str(article.latest_revision_id or 1),
        "language": article.locale.language_code,
        "pubstatus": "usable",
        "firstcreated": article.first_published_at.isoformat(),
        "versioncreated": (
            article.updated_at or article.last_published_at or article.first_published_at
        ).isoformat(),
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [
            {"role": "summary", "contenttype": "text/plain", "value": article.standfirst}
        ],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": str(article.body)}],
        "by": ", ".join(a.title for a in authors),
        "people": [
            {"name": a.title, "rel": "author", "uri": absolute(a.get_url(request))} for a in authors
        ],
        "genres": [
            {
                "name": article.get_article_type_display(),
                "uri": f"nashra:genre:{article.article_type}",
            }
        ],
        "subjects": [{"name": t.name, "uri": f"nashra:tag:{t.slug}"} for t in article.tags.all()],
        "copyrightholder": "Nashra",
        "altids": [
            {"role": "internal", "value": str(article.pk)},
            {"role": "translation-key", "value": str(article.translation_key)},
        ],
    }
    if article.dateline:
        item["located"] = article.dateline
    if article.section_id:
        item["subjects"].insert(
            0,
            {
                "name": article.section.title,
                "rel": "section",
                "uri": f"nashra:section:{article.section.slug}",
            },
        )
    # Corrections are for publication, with the article: one body each, after the main one.
    # (ninjs' `ednote` is for the receiving newsroom's staff and "not intended to be published".)
    item["bodies"] += [
        {
            "role": "correction",
            "contenttype": "text/plain",
            "value": f"{c.date.isoformat()}: {c.text}",
        }
        for c in article.corrections.order_by("date")
    ]
    if article.lead_image_id:
        image = article.lead_image
        renditions = []
        for spec in ("width-640", "width-1200"):
            r = image.get_rendition(spec)
            renditions.append(
                {
                    "name": spec,
                    "href": absolute(r.url),
                    "contenttype": "image/jpeg",
                    "width": r.width,
                    "height": r.height,
                }
            )
        item["associations"] = [
            {
                "name": "featureimage",
                "type": "picture",
                "uri": absolute(renditions[-1]["href"]),
                "headlines": [{"role": "main", "value": article.lead_image_caption or image.title}],
                "descriptions": [{"role": "alt", "value": article.lead_image_alt_text}],
                "by": image.credit,
                "renditions": renditions,
            }
        ]
    return item


def ninjs_live(page, request):
    """A live page as ninjs: the article's document (profile `nashra-live`), its latest
    change as `versioncreated`, the coverage's start as `contentcreated`, whether it goes on
    in `ednote`, and its newest entries as `associations` (docs/developers/outputs.md)."""
    item = ninjs_for(page, request)
    page_url = item["uri"]
    item["profile"] = "nashra-live"
    item["contentcreated"] = page.coverage_start.isoformat()
    item["versioncreated"] = live.last_changed(page).isoformat()  # the page's own, or later
    with translation.override(page.locale.language_code):
        item["ednote"] = (
            _("Live coverage, still going on: entries are added, changed and deleted.")
            if page.is_live
            else _("Live coverage, ended.")
        )
        entries = _ninjs_entries(page, request, page_url, item["language"])
    item["associations"] = item.get("associations", []) + entries
    return item


def _ninjs_entries(page, request, page_url, language):
    entries = [
        {
            "name": entry.anchor,
            "uri": live.entry_url(page_url, entry),
            "type": "text",
            "representationtype": "full",
            "profile": "nashra-live-entry",
            "language": language,
            "firstcreated": entry.posted_at.isoformat(),
            "versioncreated": entry.updated_at.isoformat(),
            "headlines": [{"role": "main", "value": entry.title}] if entry.title else [],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": str(entry.body)}],
            "by": ", ".join(a.title for a in entry.authors.all()),
            "people": [
                {"name": a.title, "rel": "author", "uri": request.build_absolute_uri(a.url)}
                for a in entry.authors.all()
            ],
            "genres": [
                {"name": str(name), "uri": uri}
                for flag, name, uri in (
                    (entry.key_event, KEY_EVENT, "nashra:live:key-event"),
                    (entry.pinned, PINNED, "nashra:live:pinned"),
                )
                if flag
            ],
            "altids": [{"role": "internal", "value": str(entry.pk)}],
        }
        for entry in live.newest_entries(page, live.API_ENTRIES)
    ]
    return [{k: v for k, v in entry.items() if v not in ([], "")} for entry in entries]


@require_GET
def ninjs_article(request, article_id):
    article = get_object_or_404(
        ArticlePage.objects.live().public().select_related("section", "locale"), pk=article_id
    )
    if article.pk is None:
        raise Http404
    if article.specific_class is LivePage:
        page = LivePage.objects.select_related("section", "locale").get(pk=article.pk)
        document = ninjs_live(page, request)
    else:
        document = ninjs_for(article, request)
    return JsonResponse(
        document,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
