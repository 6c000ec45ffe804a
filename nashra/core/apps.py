from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nashra.core"
    label = "core"
    verbose_name = _("Nashra core")

    def ready(self):
        from . import converters, signal_handlers  # noqa: F401

        converters.register()  # before any URLconf is loaded: the URLs use <id:...>
        build_routable_resolvers()


def build_routable_resolvers():
    """Build each routable page type's URL resolver now, in one thread. Wagtail builds it
    on first use by reading the class's __dict__, and stores it there: two threads of a new
    worker routing their first front or tag page at once made one of them fail with
    "dictionary changed size during iteration"."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver().url_patterns  # noqa: B018 - resolves the pattern list once
