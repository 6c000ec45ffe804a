"""Search's part of the cache contract (nashra.core.cache_contract): results are one reader's
query, so neither cache keeps them."""

from nashra.core import cache_contract

cache_contract.uncacheable(owner="search", sections=("search",), about="search results")
