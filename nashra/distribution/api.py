"""The read-only API: Wagtail's API v2 for published content, and IPTC ninjs 2.0 per article
for syndication partners."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from nashra.news.models import ArticlePage

api_router = WagtailAPIRouter("nashra_api")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)

NINJS_STANDARD = {
    "name": "ninjs",
    "version": "2.0",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json",
}


def ninjs_for(article, request):
    absolute = request.build_absolute_uri
    authors = [b.author for b in article.article_authors.select_related("author").order_by("sort_order")]
    item = {
        "standard": NINJS_STANDARD,
        "uri": absolute(article.get_url(request)),
        "type": "text",
        "representationtype": "complete",
        "profile": f"nashra-{article.article_type}",
        "version": str(article.latest_revision_id or 1),
        "language": article.locale.language_code,
        "pubstatus": "usable",
        "firstcreated": article.first_published_at.isoformat(),
        "versioncreated": (article.updated_at or article.last_published_at or article.first_published_at).isoformat(),
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": article.standfirst}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": str(article.body)}],
        "by": ", ".join(a.title for a in authors),
        "people": [
            {"name": a.title, "rel": "author", "uri": absolute(a.get_url(request))} for a in authors
        ],
        "genres": [{"name": article.get_article_type_display(), "uri": f"nashra:genre:{article.article_type}"}],
        "subjects": [{"name": t.name, "uri": f"nashra:tag:{t.slug}"} for t in article.tags.all()],
        "copyrightholder": "Nashra",
        "altids": [{"role": "internal", "value": str(article.pk)},
                   {"role": "translation-key", "value": str(article.translation_key)}],
    }
    if article.dateline:
        item["located"] = article.dateline
    if article.section_id:
        item["subjects"].insert(0, {"name": article.section.title, "rel": "section",
                                    "uri": f"nashra:section:{article.section.slug}"})
    corrections = list(article.corrections.order_by("date"))
    if corrections:
        item["ednote"] = " ".join(f"{c.date.isoformat()}: {c.text}" for c in corrections)
    if article.lead_image_id:
        image = article.lead_image
        renditions = []
        for spec in ("width-640", "width-1200"):
            r = image.get_rendition(spec)
            renditions.append({"name": spec, "href": absolute(r.url), "contenttype": "image/jpeg",
                               "width": r.width, "height": r.height})
        item["associations"] = [{
            "name": "featureimage",
            "type": "picture",
            "uri": absolute(renditions[-1]["href"]),
            "headlines": [{"role": "main", "value": article.lead_image_caption or image.title}],
            "descriptions": [{"role": "alt", "value": article.lead_image_alt_text}],
            "by": image.credit,
            "renditions": renditions,
        }]
    return item


@require_GET
def ninjs_article(request, article_id):
    article = get_object_or_404(ArticlePage.objects.live().public().select_related("section", "locale"),
                                pk=article_id)
    if article.pk is None:
        raise Http404
    return JsonResponse(ninjs_for(article, request), content_type="application/json; charset=utf-8",
                        json_dumps_params={"ensure_ascii": False})
