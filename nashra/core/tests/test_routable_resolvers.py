"""Routable page types get their URL resolver when the apps load, not on a reader's request
(nashra.core.apps.build_routable_resolvers)."""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models


def test_every_routable_page_type_has_its_resolver_before_any_request():
    routable = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]
    assert routable, "no routable page type: the front page's tag routes are gone"
    for model in routable:
        # Set by the apps' loading, on the class itself: no request ever writes the class
        # __dict__ that another thread may be reading.
        assert "_routablepage_urlresolver" in model.__dict__, model
