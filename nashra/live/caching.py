"""The live app's part of the cache contract (nashra.core.cache_contract): `?entry=<id>` asks
a live page for one entry and is answered with a redirect to the page of the stream that
shows it, which no cache may keep or answer from."""

from nashra.core import cache_contract

(ENTRY,) = cache_contract.uncacheable(
    owner="live",
    flags=("entry",),
    about="a live page asked for one of its entries (?entry=<id>): a redirect to its page",
)
