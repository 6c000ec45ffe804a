"""Votes kept in Redis and flushed to the database (vote_queue): the rules of today, exact
counts under concurrency, and no vote lost or counted twice when a flush fails halfway, when
the flusher dies between the database and Redis, when Redis loses its data, or when Redis is
down (the database takes the vote)."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from nashra.engagement import reactions, vote_queue
from nashra.engagement.models import Reaction
from tests.support import free_port, redis_or_skip, redis_test_url

from .helpers import JSON, ORIGIN, article, vote_url

REDIS_URL = redis_test_url(1)


def redis_config(url=REDIS_URL, prefix=None):
    return {
        "default": {
            "BACKEND": "nashra.core.resilient_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix or f"votes-test-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 2, "RETRY_AFTER": 0.2},
        }
    }


@pytest.fixture
def redis_votes():
    client = redis_or_skip(REDIS_URL)
    config = redis_config()
    prefix = config["default"]["KEY_PREFIX"]
    with override_settings(CACHES=config):
        yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def store():
    return vote_queue.store()


def counts(a):
    return reactions.tally(a.pk)


def db_counts(a):
    t = reactions.database_tally(a.pk)
    return (t.yes, t.no)


def cast(a, reader, liked, address="addr"):
    t = reactions.cast_vote(a.pk, reader, address, liked, describe=dict)
    return (t.yes, t.no)


@pytest.mark.django_db
def test_a_vote_is_answered_from_redis_and_written_by_the_flush(client, redis_votes):
    a = article()
    data = client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON).json()
    assert data["ok"] and data["tally"]["yes"] == 1 and data["tally"]["total"] == 1
    assert not Reaction.objects.filter(article=a).exists()  # no database write on the way
    state = client.get(f"/en/engagement/articles/{a.pk}/state/").json()
    assert state["my_vote"] == "yes" and state["tally"]["yes"] == 1
    assert store().pending_count() == 1
    assert vote_queue.flush_votes().startswith("1 vote(s) written")
    (row,) = Reaction.objects.filter(article=a)
    assert row.liked and row.address_hash and row.vote_seq > 0
    # The reader changes their mind: one vote, changed, in Redis and then in the database.
    data = client.post(vote_url(a), {"value": "no"}, **ORIGIN, **JSON).json()
    assert (data["tally"]["yes"], data["tally"]["no"]) == (0, 1)
    vote_queue.flush_votes()
    assert list(Reaction.objects.filter(article=a).values_list("liked", flat=True)) == [False]
    assert store().pending_count() == 0


@pytest.mark.django_db
def test_the_same_answer_twice_counts_once_and_queues_once(redis_votes):
    a = article()
    cast(a, "r1", True)
    assert cast(a, "r1", True) == (1, 0)
    assert store().pending_count() == 1
    vote_queue.flush_votes()
    # Queued again (the database path may hold a newer vote: see the test below), counted once.
    assert cast(a, "r1", True) == (1, 0)
    vote_queue.flush_votes()
    assert store().pending_count() == 0 and db_counts(a) == (1, 0)


@pytest.mark.django_db
def test_the_per_article_cap_per_address_holds_and_says_why_in_arabic(client, redis_votes):
    a = article("ar")
    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY=3):
        for _ in range(3):
            client.cookies.clear()
            assert client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON).status_code == 200
        client.cookies.clear()
        response = client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
    assert response.status_code == 429
    assert response.json()["message"] == ("احتسبنا اليوم أصواتًا كثيرة على هذا المقال من شبكتك.")
    vote_queue.flush_votes()
    assert Reaction.objects.filter(article=a).count() == 3


@pytest.mark.django_db
def test_the_rate_limit_per_address_holds(redis_votes):
    a = article()
    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_MINUTE=5):
        for i in range(5):
            cast(a, f"reader-{i}", True)
        with pytest.raises(reactions.VoteRejected) as refused:
            cast(a, "reader-5", True)
    assert refused.value.status == 429


@pytest.mark.django_db
def test_bad_input_gets_the_readers_language_and_nothing_is_queued(client, redis_votes):
    a = article("ar")
    data = client.post(vote_url(a), {"value": "maybe"}, **ORIGIN, **JSON).json()
    assert data["message"] == "يُرجى اختيار «نعم» أو «لا»."
    assert client.post(vote_url(a), {"value": "yes"}, **JSON).status_code == 403  # no origin
    assert store().pending_count() == 0


@pytest.mark.django_db
def test_no_raw_address_reaches_redis_or_the_database(client, redis_votes):
    a = article()
    client.post(vote_url(a), {"value": "yes"}, REMOTE_ADDR="203.0.113.77", **ORIGIN, **JSON)
    vote_queue.flush_votes()
    stored = []
    for key in redis_votes.scan_iter(f"{caches['default'].key_prefix}:*"):
        stored.append(key)
        kind = redis_votes.type(key)
        if kind == b"hash":
            stored += [x for pair in redis_votes.hgetall(key).items() for x in pair]
        elif kind == b"set":
            stored += list(redis_votes.smembers(key))
        elif kind == b"string":
            stored.append(redis_votes.get(key))
    assert stored and not any(b"203.0.113.77" in s for s in stored)
    assert not Reaction.objects.filter(address_hash__contains="203.0.113").exists()


@pytest.mark.django_db
def test_votes_already_in_the_database_are_counted_once_and_stay_changeable(redis_votes):
    a = article()
    Reaction.objects.create(article=a, reader_key="old-yes", liked=True, address_hash="h")
    Reaction.objects.create(article=a, reader_key="old-no", liked=False, address_hash="h")
    assert cast(a, "old-yes", False) == (0, 2)  # a change, not a new vote
    assert cast(a, "new", True) == (1, 2)
    vote_queue.flush_votes()
    assert db_counts(a) == (1, 2)


@pytest.mark.django_db
def test_counters_lost_in_redis_are_rebuilt_without_counting_queued_votes_twice(redis_votes):
    a = article()
    cast(a, "flushed", True)
    vote_queue.flush_votes()
    cast(a, "queued", False)
    cast(a, "flushed", False)  # queued too: a change of a flushed vote
    prefix = caches["default"].key_prefix
    # Lose everything but the queue and the readers' record (say, evicted counters) ...
    for key in redis_votes.scan_iter(f"{prefix}:*votes:[ns]*"):
        redis_votes.delete(key)
    assert (counts(a).yes, counts(a).no) == (0, 2)
    # ... or everything but the queue.
    for key in redis_votes.scan_iter(f"{prefix}:*votes:*"):
        if not key.endswith(b"votes:pending"):
            redis_votes.delete(key)
    assert (counts(a).yes, counts(a).no) == (0, 2)
    vote_queue.flush_votes()
    assert db_counts(a) == (0, 2)


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs, no except clause catches it."""


@pytest.mark.django_db
def test_a_flush_that_dies_between_the_database_and_redis_loses_and_doubles_nothing(
    redis_votes,
):
    a = article()
    for i in range(7):
        cast(a, f"r{i}", i % 2 == 0)

    def die(n):
        raise Crash

    with pytest.raises(Crash):
        store().flush(batch=3, after_write=die)  # committed, not yet taken off the queue
    assert store().pending_count() == 7
    written = Reaction.objects.filter(article=a).count()
    assert 0 < written < 7
    store().flush()
    assert Reaction.objects.filter(article=a).count() == 7
    assert db_counts(a) == (4, 3) == (counts(a).yes, counts(a).no)
    assert store().pending_count() == 0


@pytest.mark.django_db
def test_a_flush_whose_database_write_fails_halfway_loses_nothing(redis_votes, monkeypatch):
    a = article()
    for i in range(10):
        cast(a, f"r{i}", True)
    real = vote_queue._upsert
    calls = []

    def fail_second(rows):
        calls.append(len(rows))
        real(rows)  # written inside the batch's transaction, then rolled back
        if len(calls) == 2:
            raise RuntimeError("the database went away")

    monkeypatch.setattr(vote_queue, "_upsert", fail_second)
    with pytest.raises(RuntimeError):
        store().flush(batch=4)
    assert store().pending_count() == 10 - calls[0]
    assert Reaction.objects.filter(article=a).count() == calls[0]
    monkeypatch.setattr(vote_queue, "_upsert", real)
    store().flush()
    assert Reaction.objects.filter(article=a).count() == 10 and store().pending_count() == 0


@pytest.mark.django_db
def test_an_older_vote_never_overwrites_a_newer_one(redis_votes):
    a = article()
    cast(a, "reader", True)
    s = store()
    stale = {k.decode(): v.decode() for k, v in s.client.hgetall(s.key("pending")).items()}
    cast(a, "reader", False)
    vote_queue.flush_votes()
    # A second flusher that read the queue before the change writes late: nothing changes.
    ((field, value),) = stale.items()
    seq, liked, address = value.split(":", 2)
    vote_queue._upsert([(a.pk, "reader", int(seq), liked == "1", address)])
    assert list(Reaction.objects.filter(article=a).values_list("liked", flat=True)) == [False]


@pytest.mark.django_db
def test_a_vote_changed_while_it_was_being_flushed_stays_queued(redis_votes):
    a = article()
    cast(a, "reader", True)

    def change(n):
        cast(a, "reader", False)

    store().flush(after_write=change)
    assert store().pending_count() == 1  # the change is not taken off with the old vote
    store().flush()
    assert list(Reaction.objects.filter(article=a).values_list("liked", flat=True)) == [False]


@pytest.mark.django_db
def test_votes_on_a_deleted_article_are_dropped_not_retried_forever(redis_votes):
    a = article()
    cast(a, "reader", True)
    s = store()
    s.client.hset(s.key("pending"), "999999999:ghost", "1:1:h")
    s.flush()
    assert s.pending_count() == 0 and Reaction.objects.filter(article=a).count() == 1


@pytest.mark.django_db
def test_thirty_two_readers_voting_and_flipping_at_once_are_counted_exactly(redis_votes):
    # The readers' threads touch only Redis (the article is known and seeded first), as the
    # web workers do; the flusher runs meanwhile, in this thread, in the test's transaction.
    a = article()
    store().remember_article(a.pk, {})
    store().seed(a.pk)
    start = threading.Barrier(32)
    errors = []

    def reader(i):
        try:
            start.wait()
            for n in range(5):  # yes, no, yes, no, yes for even readers; the opposite for odd
                cast(a, f"reader-{i}", (n % 2 == 0) == (i % 2 == 0), address=f"a{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    flushes = 0
    while any(t.is_alive() for t in threads):
        vote_queue.flush_votes()
        flushes += 1
    for t in threads:
        t.join()
    vote_queue.flush_votes()
    assert not errors
    assert (counts(a).yes, counts(a).no) == (16, 16) == db_counts(a)
    assert store().pending_count() == 0


@pytest.mark.django_db
def test_the_cap_holds_for_simultaneous_votes_from_one_address(redis_votes):
    a = article()
    store().remember_article(a.pk, {})
    store().seed(a.pk)
    start = threading.Barrier(20)
    accepted = []

    def reader(i):
        start.wait()
        try:
            cast(a, f"cookie-{i}", True, address="one-network")
            accepted.append(i)
        except reactions.VoteRejected:
            pass

    with override_settings(NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY=10):
        threads = [threading.Thread(target=reader, args=(i,)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    vote_queue.flush_votes()
    assert len(accepted) == 10 and db_counts(a) == (10, 0)


@pytest.mark.django_db
def test_with_redis_down_the_database_takes_the_vote_at_once(client):
    with override_settings(CACHES=redis_config(f"redis://127.0.0.1:{free_port()}/1")):
        a = article()
        response = client.post(vote_url(a), {"value": "yes"}, **ORIGIN, **JSON)
        assert response.status_code == 200 and response.json()["tally"]["yes"] >= 1
        assert Reaction.objects.filter(article=a).count() == 1
        assert vote_queue.flush_votes() is None or "unreachable" in vote_queue.flush_votes()


@pytest.mark.django_db
def test_without_redis_the_database_takes_the_vote_at_once(client):
    a = article()
    assert vote_queue.redis_cache() is None  # the tests' memory cache, as the SQLite demo's files
    assert client.post(vote_url(a), {"value": "no"}, **ORIGIN, **JSON).json()["ok"]
    assert Reaction.objects.filter(article=a, liked=False).count() == 1
    assert vote_queue.flush_votes() is None


@pytest.mark.django_db
def test_a_vote_the_database_took_while_redis_was_down_reaches_redis_after(redis_votes):
    a = article()
    cast(a, "reader", True)
    cast(a, "other", True)
    vote_queue.flush_votes()  # sets the reconcile mark
    # Redis unreachable for this vote: the database path takes the change.
    reactions.cast_in_database(a.pk, "reader", "addr", False)
    cast(a, "late", False)  # Redis is back: queued behind the database's change
    vote_queue.flush_votes()
    assert (counts(a).yes, counts(a).no) == (1, 2) == db_counts(a)
    assert reactions.reader_vote(a.pk, "reader") is False


@pytest.mark.django_db
def test_the_same_answer_again_after_a_database_path_change_is_the_one_kept(redis_votes):
    a = article()
    cast(a, "reader", False)
    vote_queue.flush_votes()  # Redis and the database: no
    reactions.cast_in_database(a.pk, "reader", "addr", True)  # Redis was unreachable: yes
    assert cast(a, "reader", False) == (0, 1)  # Redis is back, still holding no: no again
    vote_queue.flush_votes()  # flush, then reconcile with the database's (older) yes
    assert Reaction.objects.get(article=a, reader_key="reader").liked is False
    assert reactions.reader_vote(a.pk, "reader") is False
    assert (counts(a).yes, counts(a).no) == (0, 1) == db_counts(a)


@pytest.mark.django_db
def test_a_vote_raced_from_another_network_is_seen_by_reconcile(redis_votes, monkeypatch):
    from datetime import timedelta

    from django.db.models import QuerySet
    from django.utils import timezone

    a = article()
    create = Reaction.objects.create

    # The same reader's vote from another network commits between our look-up and insert.
    create(article=a, reader_key="reader", address_hash="other", liked=False, vote_seq=1)
    Reaction.objects.filter(article=a).update(updated_at=timezone.now() - timedelta(hours=1))

    def raced(**fields):
        raise reactions.IntegrityError

    monkeypatch.setattr(QuerySet, "first", lambda self: None)  # the look-up before it
    monkeypatch.setattr(Reaction.objects, "create", raced)
    before = timezone.now()
    reactions.cast_in_database(a.pk, "reader", "addr", True)
    row = Reaction.objects.get(article=a, reader_key="reader")
    assert row.liked and row.updated_at >= before
