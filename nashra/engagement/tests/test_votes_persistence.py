"""No acknowledged vote is lost across a Redis restart, given the persistence
docs/operators/votes.md asks for (appendonly yes, appendfsync always), on a redis-server of
the test's own; and the warning when the configured Redis would lose them."""

import pytest
from django.test import override_settings

from nashra.engagement import checks, reactions, vote_queue
from nashra.engagement.models import Reaction
from tests.support import OwnRedis

from .helpers import article
from .test_votes_redis import redis_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis(tmp_path):
    servers = []

    def make(*options):
        server = OwnRedis(tmp_path, *options)
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        if server.process and server.process.poll() is None:
            server.kill()


def _vote_forty(a):
    for i in range(40):
        t = reactions.cast_vote(a.pk, f"reader-{i}", f"addr-{i}", i % 4 != 0, dict)
    assert (t.yes, t.no) == (30, 10)  # acknowledged to the readers
    assert not Reaction.objects.filter(article=a).exists()


def _after_restart(server, a):
    vote_queue._stores.clear()  # as a restarted web worker: fresh connections and scripts
    server.start()
    assert vote_queue.store().pending_count() == 40
    tally = reactions.tally(a.pk)
    assert (tally.yes, tally.no) == (30, 10)
    vote_queue.flush_votes()
    return Reaction.objects.filter(article=a).count()


@pytest.mark.parametrize("stop", ["kill", "shutdown"])
def test_acknowledged_votes_survive_a_redis_restart_with_appendfsync_always(own_redis, stop):
    server = own_redis("--appendonly", "yes", "--appendfsync", "always")
    a = article()
    with override_settings(CACHES=redis_config(server.url)):
        _vote_forty(a)
        getattr(server, stop)()
        assert _after_restart(server, a) == 40
        assert checks.persistence_problems() == []


def test_without_persistence_a_killed_redis_loses_them_which_is_why_we_warn(own_redis):
    server = own_redis("--appendonly", "no")
    a = article()
    with override_settings(CACHES=redis_config(server.url)):
        problems = checks.persistence_problems()
        assert any("appendonly" in p for p in problems)
        assert [w.id for w in checks.check_vote_persistence(None)] == ["nashra.engagement.W001"]
        _vote_forty(a)
        server.kill()
        vote_queue._stores.clear()
        server.start()
        assert vote_queue.store().pending_count() == 0  # what the rule above guards against


def test_a_redis_that_evicts_any_key_is_warned_about(own_redis):
    server = own_redis("--appendonly", "yes", "--maxmemory-policy", "allkeys-lru")
    with override_settings(CACHES=redis_config(server.url)):
        assert any("allkeys-lru" in p for p in checks.persistence_problems())


def test_no_warning_without_redis():
    assert checks.persistence_problems() == []
