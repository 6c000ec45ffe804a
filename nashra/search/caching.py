"""Search's part of the cache contract (nashra.core.cache_contract).

The nginx front cache never keeps a results page (`uncacheable`: its key cannot fold the
query's spellings, and search pages would crowd out the articles). The app's page cache keeps
an anonymous reader's results page under the canonical form of the query, filters and page
(`nashra.search.query.page_key`), until a publish or unpublish in its edition purges the
edition's search address (signal_handlers); the ranking beneath a page is kept too, under the
query's analysed terms, so spellings that analyse alike share that work."""

from nashra.core import cache_contract

from .query import page_key

cache_contract.uncacheable(owner="search", sections=("search",), about="search results")
cache_contract.keyed_by_query(
    "search",
    owner="search",
    key=page_key,
    about="an edition's search results page, by canonical query, filters and page",
)
SEARCH_RANKING = cache_contract.piece(
    "search-ranking",
    "search:{language}:{window}:{terms}:{filters}",
    owner="search",
    path=True,  # purging the edition's search address rebuilds it
    editions=cache_contract.ONE_EDITION,
    about="the ranked article ids of a search (its analysed terms and filters)",
)
