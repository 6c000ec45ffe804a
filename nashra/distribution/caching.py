"""Distribution's part of the cache contract (nashra.core.cache_contract): feeds, tag pages
and sitemaps are purged as groups (one publish changes many of them), and the API is never
cached (clients ask for fresh data)."""

from nashra.core import cache_contract

FEEDS = cache_contract.group(
    "feeds", owner="distribution", section="feeds", about="an edition's RSS, Atom and JSON feeds"
)
TAGS = cache_contract.group(
    "tags", owner="distribution", section="tags", about="an edition's tag pages"
)
SITEMAPS = cache_contract.group(
    "sitemaps",
    owner="distribution",
    prefixes=("/sitemap",),
    exact=("/robots.txt",),
    about="the sitemap index, its sections and Google News sitemap, and robots.txt",
)

cache_contract.uncacheable(owner="distribution", prefixes=("/api/",), about="the content API")
