from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from nashra.core import bulk_actions
from nashra.core import views as core_views
from nashra.distribution import api, sitemaps

urlpatterns = [
    # Before Wagtail's own address for it, which stays its name for reverse().
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_actions.bulk_action),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.health, name="health"),
    path("api/v2/", api.api_router.urls),
    path("api/ninjs/articles/<id:article_id>/", api.ninjs_article, name="ninjs_article"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:name>.xml", sitemaps.sitemap_section, name="sitemap_section"),
]

if settings.DEBUG or getattr(settings, "NASHRA_SERVE_MEDIA", False):
    # The demo, development and the browser tests; production serves media from the web server
    # with the same lifetimes (deploy/nginx/nashra.conf.template).
    from nashra.images.views import serve_media

    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# Every public page lives under its language prefix: /en/..., /ar/...
urlpatterns += i18n_patterns(
    path("engagement/", include("nashra.engagement.urls")),
    path("", include("nashra.live.urls")),
    path("", include("nashra.distribution.urls")),
    path("", include("nashra.search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "nashra.core.views.bad_request"
handler404 = "nashra.core.views.page_not_found"
handler500 = "nashra.core.views.server_error"
