"""The import's part of the cache contract (nashra.core.cache_contract): WordPress's query
addresses (/?p=123 at any path) are answered by a redirect, never from a cached page (the page
cache and nginx key pages without their query)."""

from nashra.core import cache_contract

from .middleware import LEGACY_KEYS

cache_contract.uncacheable(
    owner="wpimport", flags=LEGACY_KEYS, about="old WordPress addresses by query (?p=123)"
)
