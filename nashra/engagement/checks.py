"""Warn when votes are kept in a Redis that would lose them on a restart
(docs/operators/votes.md): a warning, not an error, since a Redis used only as a cache (and
the one tests run against) rightly keeps nothing on disk."""

import logging

from django.core.checks import Warning, register

from nashra.core import resilient_cache

from . import vote_queue

logger = logging.getLogger(__name__)


def persistence_problems():
    """Sentences saying why votes queued in Redis could be lost; [] when none (or no Redis)."""
    cache = vote_queue.redis_cache()
    if cache is None:
        return []
    try:
        client = cache.client.get_client(write=True)
        config = client.config_get("appendonly")
        config.update(client.config_get("maxmemory-policy"))
    except resilient_cache.ERRORS as exc:
        return [f"Could not ask Redis how it keeps data ({exc})."]
    problems = []
    if config.get("appendonly") != "yes":
        problems.append(
            "Redis has appendonly off: votes not yet flushed to the database are lost if "
            "Redis restarts."
        )
    policy = config.get("maxmemory-policy", "noeviction")
    if policy.startswith("allkeys"):
        problems.append(
            f"Redis evicts any key under memory pressure ({policy}): queued votes could be "
            "evicted. Use volatile-lru or noeviction."
        )
    return problems


@register("nashra", deploy=True)
def check_vote_persistence(app_configs, **kwargs):
    return [
        Warning(problem, hint="See docs/operators/votes.md.", id="nashra.engagement.W001")
        for problem in persistence_problems()
    ]
