"""One process seeds an article's votes in Redis; meanwhile tallies read the database and
votes wait for the seeding (nashra.engagement.vote_queue.Store.seed).

Here, not beside the other vote tests: its threads need committed rows, so it is a
transactional test, which empties the database when it ends; pytest-django runs transactional
tests after the others, in collection order, and this one must come after the transactional
tests that read the demo edition (the banner's two editors, the import's two starts)."""

import threading

import pytest

from nashra.engagement import reactions, vote_queue
from nashra.engagement.tests.helpers import article
from nashra.engagement.tests.test_votes_redis import (  # noqa: F401 - redis_votes: a fixture
    cast,
    counts,
    db_counts,
    redis_votes,
    store,
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("redis_votes")
def test_only_one_process_seeds_an_article_readers_meanwhile_take_the_database_votes_wait(
    monkeypatch,
):
    a = article()
    cast(a, "r1", True)
    vote_queue.flush_votes()
    s = store()
    s.client.delete(s.key(f"seeded:{a.pk}"), s.key(f"r:{a.pk}"), s.key(f"n:{a.pk}"))
    inside, release, seeds = threading.Event(), threading.Event(), []
    merge = vote_queue.Store._merge

    def slow_merge(self, article_id, rows, mode):
        if mode == "recount":
            seeds.append(article_id)
            inside.set()
            assert release.wait(10)
        return merge(self, article_id, rows, mode)

    monkeypatch.setattr(vote_queue.Store, "_merge", slow_merge)
    seeder = threading.Thread(target=lambda: reactions.tally(a.pk))
    seeder.start()
    assert inside.wait(10)
    others = [reactions.tally(a.pk) for _ in range(4)]  # while it seeds: from the database
    voted = []
    voter = threading.Thread(target=lambda: voted.append(cast(a, "r2", False)))
    voter.start()
    voter.join(0.5)
    assert voter.is_alive() and not voted  # the vote waits for the seeding...
    release.set()
    seeder.join()
    voter.join(10)
    assert voted == [(1, 1)]  # ...and is then taken in Redis, not by the database
    assert seeds == [a.pk] and all((t.yes, t.no) == (1, 0) for t in others)
    assert (counts(a).yes, counts(a).no) == (1, 1) and db_counts(a) == (1, 0)
    vote_queue.flush_votes()
    assert (counts(a).yes, counts(a).no) == (1, 1) == db_counts(a)
    assert s.client.get(s.key(f"seeding:{a.pk}")) is None
