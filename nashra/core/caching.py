"""The core's part of the cache contract (nashra.core.cache_contract): the addresses of the
admin, the health check and the files, and what every page's routing caches."""

from nashra.core import cache_contract

cache_contract.uncacheable(
    owner="core",
    prefixes=("/admin", "/healthz", "/documents/"),
    about="editors' pages, the load balancer's probe, and documents behind their privacy checks",
)
cache_contract.uncacheable(
    owner="core",
    prefixes=("/static/", "/media/"),
    from_disk=True,
    about="files: the web server sends them with their own caching headers",
)

ROUTE = cache_contract.piece(
    "route",
    "route:{host}{path}",
    owner="core",
    path=True,
    editions=cache_contract.ONE_EDITION,
    about="which site and page an address serves (nashra.core.middleware)",
)
SITE = cache_contract.piece(
    "site",
    "site:{host}",
    owner="core",
    editions=cache_contract.EVERY_EDITION,
    about="the Wagtail site for a host name",
)
SITE_ROOT_PATHS = cache_contract.piece(
    "site-root-paths",
    "site-root-paths",
    owner="core",
    editions=cache_contract.EVERY_EDITION,
    about="Wagtail's list of the sites' root paths, which every page.get_url() reads",
)
