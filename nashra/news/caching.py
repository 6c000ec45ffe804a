"""The news app's part of the cache contract (nashra.core.cache_contract): what a page shows
that changes only when its cached copies are purged."""

from nashra.core import cache_contract
from nashra.core.cache_contract import EVERY_EDITION, ONE_EDITION

EDITION = cache_contract.piece(
    "edition",
    "edition:{language}",
    owner="news",
    editions=ONE_EDITION,
    about="the masthead and footer: an edition's home, sections, author index and footer "
    "links (news/navigation.py)",
)
LATEST = cache_contract.piece(
    "latest-stories",
    "latest:{language}",
    owner="news",
    path=True,
    editions=ONE_EDITION,
    about="an edition's newest headlines on the 404 page, purged with its front page",
)
PAGE_LINKS = cache_contract.piece(
    "page-links",
    "links:{page_id}:{revision}",
    owner="news",
    path=True,
    editions=EVERY_EDITION,
    about="a page's language switcher, hreflang links and breadcrumbs",
)
ARTICLE = cache_contract.piece(
    "article",
    "article:{page_id}:{revision}",
    owner="news",
    editions=ONE_EDITION,
    about="an article's bylines, corrections and tags",
)
ARTICLE_HTML = cache_contract.piece(
    "article-html",
    "html:article:{page_id}:{revision}",
    owner="news",
    editions=ONE_EDITION,
    about="an article as its template renders it (news/article_page.html)",
)
RELATED_HTML = cache_contract.piece(
    "related-html",
    "html:related:{page_id}",
    owner="news",
    path=True,
    editions=ONE_EDITION,
    about="an article's rail of related articles as HTML",
)
FRONT_HTML = cache_contract.piece(
    "front-html",
    "html:front:{page_id}:{pins}",
    owner="news",
    path=True,
    editions=ONE_EDITION,
    about="a front page's body as HTML (news/home_page.html), per state of its pins",
)
LISTING_COUNT = cache_contract.piece(
    "listing-count",
    "listing-count:{page_id}",
    owner="news",
    path=True,
    editions=ONE_EDITION,
    about="how many articles a section or author page lists",
)
CORRECTIONS = cache_contract.group(
    "corrections",
    owner="news",
    section="corrections",
    about="an edition's corrections log, every ?page=N of it (news/corrections_log.py)",
)
