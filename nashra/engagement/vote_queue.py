"""Votes in Redis, flushed to the database in batches (docs/developers/votes.md).

With the default cache on Redis, a vote is one EVALSHA: the script checks the article is open
to votes, applies the rate limit (the same sliding log as ratelimit.py), the per-article cap
per hashed address and the one-changeable-vote rule, records the reader's vote and the
article's counters, and queues the vote for the database, all atomically. `flush` moves the
queue to the Reaction table; a queued vote leaves the queue only once the database holds it.

Keys (under the cache's key prefix), for article A:
    votes:article:A  what a reply needs (language, redirect path, digits); "-" when closed
    votes:seeded:A   the reader hash and counters below hold every vote the database holds
    votes:r:A        reader key -> "seq:1" or "seq:0"
    votes:n:A        counters: y, n
    votes:addr:A:H   readers who first voted from hashed address H (expires in two days)
    votes:pending    "A:reader" -> "seq:liked:H", what the database still lacks
    votes:clock      the last seq given (microseconds, strictly increasing)
    votes:seeding:A  held (SET NX) by the one process seeding A
A seq orders every vote, whichever path took it: the database keeps the highest.
"""

import json
import logging
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django_redis.cache import RedisCache

from nashra.core import resilient_cache

logger = logging.getLogger(__name__)

ADDRESS_TTL = 2 * 24 * 3600  # the hashed address changes daily
FLUSH_BATCH = 500

_VOTE = """
local info = redis.call('GET', KEYS[1])
if not info then return {'article'} end
if info == '-' then return {'closed'} end
if redis.call('EXISTS', KEYS[2]) == 0 then return {'seed'} end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local window = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now - window)
if redis.call('ZCARD', KEYS[6]) >= tonumber(ARGV[4]) then return {'rate'} end
redis.call('ZADD', KEYS[6], now, ARGV[7])
redis.call('EXPIRE', KEYS[6], math.ceil(window) + 1)
local reader, liked = ARGV[1], ARGV[2]
local old = redis.call('HGET', KEYS[3], reader)
if not old then
  if redis.call('SCARD', KEYS[5]) >= tonumber(ARGV[5]) then return {'cap'} end
end
local y = tonumber(redis.call('HGET', KEYS[4], 'y') or '0')
local n = tonumber(redis.call('HGET', KEYS[4], 'n') or '0')
local field = ARGV[9] .. ':' .. reader
-- The same answer again: no counter changes. It is still queued (with a new seq) unless
-- already queued, since the database path may hold a newer, different vote Redis has not
-- reconciled yet (taken while Redis was unreachable); the reader's last answer must win.
local same = old and string.sub(old, -1) == liked
if same and redis.call('HEXISTS', KEYS[7], field) == 1 then return {'ok', y, n, info} end
local us = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local last = tonumber(redis.call('GET', KEYS[8]) or '0')
if us <= last then us = last + 1 end
local seq = string.format('%.0f', us)
redis.call('SET', KEYS[8], seq)
if same then
  -- counters unchanged
elseif old then
  if string.sub(old, -1) == '1' then y = y - 1 else n = n - 1 end
else
  redis.call('SADD', KEYS[5], reader)
  redis.call('EXPIRE', KEYS[5], tonumber(ARGV[8]))
end
if not same then
  if liked == '1' then y = y + 1 else n = n + 1 end
  redis.call('HSET', KEYS[4], 'y', y, 'n', n)
end
redis.call('HSET', KEYS[3], reader, seq .. ':' .. liked)
redis.call('HSET', KEYS[7], field, seq .. ':' .. liked .. ':' .. ARGV[3])
return {'ok', y, n, info}
"""

# Merge database rows into an article's readers, the newer vote winning. KEYS: readers,
# counters, seeded marker. ARGV: address key prefix, address ttl, "recount" or "adjust",
# then (reader, seq, liked, address) per row. "recount" (seeding) counts the readers afresh
# and marks the article seeded; "adjust" (reconciling) changes the counters by what changed,
# only where the article is seeded.
_MERGE = """
if ARGV[3] == 'adjust' and redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
local y, n = 0, 0
for i = 4, #ARGV, 4 do
  local reader, seq, liked, addr = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]
  local old = redis.call('HGET', KEYS[1], reader)
  local oldseq = old and tonumber(string.match(old, '^(%d+)')) or -1
  if seq > oldseq then
    if old then
      if string.sub(old, -1) == '1' then y = y - 1 else n = n - 1 end
    end
    if liked == '1' then y = y + 1 else n = n + 1 end
    redis.call('HSET', KEYS[1], reader, string.format('%.0f', seq) .. ':' .. liked)
    if addr ~= '' and not old then
      redis.call('SADD', ARGV[1] .. addr, reader)
      redis.call('EXPIRE', ARGV[1] .. addr, tonumber(ARGV[2]))
    end
  end
end
if ARGV[3] == 'adjust' then
  redis.call('HINCRBY', KEYS[2], 'y', y)
  redis.call('HINCRBY', KEYS[2], 'n', n)
  return 1
end
return 1
"""

_FINISH_SEED = """
local y, n = 0, 0
for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
  if string.sub(v, -1) == '1' then y = y + 1 else n = n + 1 end
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'y', y, 'n', n)
redis.call('SET', KEYS[3], '1')
return {y, n}
"""

# Remove flushed votes from the queue, unless the reader voted again meanwhile.
_ACK = """
local gone = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    gone = gone + 1
  end
end
return gone
"""

_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

SEED_LOCK_SECONDS = 60  # longer than seeding the most-voted article takes
SEED_WAIT_SECONDS = 5  # how long a vote waits for another process's seeding of its article


class Unavailable(Exception):
    """Redis is not configured, or not reachable now: use the database."""


def redis_cache():
    """The default cache when it is Redis and votes may use it, else None."""
    if not getattr(settings, "NASHRA_VOTES_IN_REDIS", True):
        return None
    cache = caches["default"]
    return cache if isinstance(cache, RedisCache) else None


class Store:
    """The Redis side of votes, for one cache (and its key prefix)."""

    def __init__(self, cache):
        self.cache = cache
        self.client = cache.client.get_client(write=True)
        self.scripts = {
            name: self.client.register_script(source)
            for name, source in (
                ("vote", _VOTE),
                ("merge", _MERGE),
                ("finish", _FINISH_SEED),
                ("ack", _ACK),
                ("unlock", _UNLOCK),
            )
        }

    def key(self, name):
        return self.cache.make_key(f"votes:{name}")

    def article_key(self, article_id):
        return self.key(f"article:{article_id}")

    def vote(self, article_id, reader, address, liked):
        """('ok', yes, no, info) or (refusal,), refusal being article (unknown), closed,
        seed, rate or cap."""
        a = article_id
        keys = [
            self.article_key(a),
            self.key(f"seeded:{a}"),
            self.key(f"r:{a}"),
            self.key(f"n:{a}"),
            self.key(f"addr:{a}:{address}"),
            self.cache.make_key(f"nashra:rl:vote:{address}"),  # ratelimit.py's log
            self.key("pending"),
            self.key("clock"),
        ]
        args = [
            reader,
            "1" if liked else "0",
            address,
            settings.NASHRA_VOTES_PER_ADDRESS_PER_MINUTE,
            settings.NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY,
            60,
            uuid.uuid4().hex,
            ADDRESS_TTL,
            a,
        ]
        result = self.scripts["vote"](keys=keys, args=args)
        outcome = result[0].decode()
        if outcome != "ok":
            return (outcome,)
        return ("ok", int(result[1]), int(result[2]), json.loads(result[3]))

    def counts(self, article_id):
        """(yes, no), or None when the article is not seeded."""
        pipe = self.client.pipeline(transaction=False)
        pipe.exists(self.key(f"seeded:{article_id}"))
        pipe.hmget(self.key(f"n:{article_id}"), "y", "n")
        seeded, (y, n) = pipe.execute()
        return (int(y or 0), int(n or 0)) if seeded else None

    def reader_vote(self, article_id, reader):
        """True/False, or None for no vote; raises Unavailable when not seeded."""
        pipe = self.client.pipeline(transaction=False)
        pipe.exists(self.key(f"seeded:{article_id}"))
        pipe.hget(self.key(f"r:{article_id}"), reader)
        seeded, value = pipe.execute()
        if not seeded:
            raise Unavailable
        return None if value is None else value.endswith(b"1")

    def remember_article(self, article_id, info):
        self.client.set(self.article_key(article_id), "-" if info is None else json.dumps(info))

    def forget_articles(self, article_ids):
        if article_ids:
            self.client.delete(*[self.article_key(a) for a in article_ids])

    def seed(self, article_id, wait=0):
        """Load the article's votes from the database, keeping newer ones Redis holds. One
        process at a time per article. While another seeds it, a reader of the tally takes
        the database (wait=0: raise Unavailable); a vote waits up to `wait` seconds for the
        seeding to finish and is then taken in Redis: on the database path it could not see
        the votes still queued here, and an address's cap would count without them."""
        lock = self.key(f"seeding:{article_id}")
        token = uuid.uuid4().hex
        if not self.client.set(lock, token, nx=True, ex=SEED_LOCK_SECONDS):
            deadline = time.monotonic() + wait
            seeded = self.key(f"seeded:{article_id}")
            while time.monotonic() < deadline:
                if self.client.exists(seeded):
                    return
                time.sleep(0.01)  # Redis has no wait on another client's key; seeding is short
            raise Unavailable
        try:
            self._seed(article_id)
        finally:
            self.scripts["unlock"](keys=[lock], args=[token])

    def _seed(self, article_id):
        from .models import Reaction

        # The queue first: a vote flushed after this read is in the database read next.
        queued = []
        for field, value in self.client.hscan_iter(self.key("pending"), f"{article_id}:*"):
            seq, liked, address = value.decode().split(":", 2)
            queued.append((field.decode().split(":", 1)[1], int(seq), liked == "1", address))
        rows = Reaction.objects.filter(article_id=article_id).values_list(
            "reader_key", "vote_seq", "liked", "address_hash"
        )
        self._merge(article_id, [*rows, *queued], "recount")
        keys = [self.key(f"r:{article_id}"), self.key(f"n:{article_id}")]
        self.scripts["finish"](keys=keys + [self.key(f"seeded:{article_id}")])

    def _merge(self, article_id, rows, mode):
        keys = [
            self.key(f"r:{article_id}"),
            self.key(f"n:{article_id}"),
            self.key(f"seeded:{article_id}"),
        ]
        rows = list(rows)
        for start in range(0, max(len(rows), 1), 2000):
            args = [self.key(f"addr:{article_id}:"), ADDRESS_TTL, mode]
            for reader, seq, liked, address in rows[start : start + 2000]:
                args += [reader, seq, "1" if liked else "0", address or ""]
            self.scripts["merge"](keys=keys, args=args)

    def reconcile(self, since):
        """Merge into seeded articles the votes the database took since `since` (by the
        database path while Redis was unreachable; the flushed ones are already here)."""
        from .models import Reaction

        by_article = {}
        for a, *row in Reaction.objects.filter(updated_at__gte=since).values_list(
            "article_id", "reader_key", "vote_seq", "liked", "address_hash"
        ):
            by_article.setdefault(a, []).append(row)
        for a, rows in by_article.items():
            self._merge(a, rows, "adjust")
        return len(by_article)

    def pending_count(self):
        return self.client.hlen(self.key("pending"))

    def flush(self, batch=FLUSH_BATCH, after_write=None):
        """Write the queued votes to the database, a batch per transaction; returns how many
        were written. `after_write(n)` is a test's hook between a commit and its ack."""

        pending = self.key("pending")
        written = 0
        cursor = 0
        while True:
            cursor, entries = self.client.hscan(pending, cursor, count=batch)
            entries = [(k.decode(), v.decode()) for k, v in entries.items()]
            for start in range(0, len(entries), batch):
                written += self._flush_batch(pending, entries[start : start + batch], after_write)
            if cursor == 0:
                return written

    def _flush_batch(self, pending, entries, after_write):
        """One transaction, then the queue's entries it wrote are taken off (unless changed
        meanwhile). Dying between the two leaves them queued: writing them again is a no-op."""
        from nashra.news.models import ArticlePage

        rows = []
        for field, value in entries:
            article_id, reader = field.split(":", 1)
            seq, liked, address = value.split(":", 2)
            rows.append((int(article_id), reader, int(seq), liked == "1", address))
        existing = set(
            ArticlePage.objects.filter(pk__in={r[0] for r in rows}).values_list("pk", flat=True)
        )
        rows = [r for r in rows if r[0] in existing]  # a deleted article's votes go with it
        with transaction.atomic():
            _upsert(rows)
        if after_write is not None:
            after_write(len(rows))
        self.scripts["ack"](keys=[pending], args=[x for pair in entries for x in pair])
        return len(rows)


def _upsert(rows):
    """Insert or update the rows (article, reader, seq, liked, address): a stored vote is
    replaced only by a newer one, so a repeated or late batch changes nothing."""
    if not rows:
        return
    values = []
    params = []
    for article_id, reader, seq, liked, address in rows:
        at = datetime.fromtimestamp(seq / 1e6, tz=UTC)
        if connection.vendor == "sqlite":
            at = at.replace(tzinfo=None).isoformat(sep=" ")
        values.append("(%s, %s, %s, %s, %s, %s, %s)")
        params += [article_id, reader, liked, address, at, at, seq]
    sql = (
        "INSERT INTO engagement_reaction (article_id, reader_key, liked, address_hash, "  # noqa: S608
        "created_at, updated_at, vote_seq) VALUES "
        + ", ".join(values)  # placeholders only
        + " ON CONFLICT (article_id, reader_key) DO UPDATE SET liked = excluded.liked, "
        "updated_at = excluded.updated_at, vote_seq = excluded.vote_seq "
        "WHERE engagement_reaction.vote_seq < excluded.vote_seq"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


_stores = {}


def store():
    """The Store for the default cache, or raise Unavailable (no Redis, or Redis down)."""
    cache = redis_cache()
    if cache is None or not resilient_cache.allows(cache):
        raise Unavailable
    name = (repr(cache._server), cache.key_prefix)
    found = _stores.get(name)
    if found is None:
        found = _stores[name] = Store(cache)
    return found


def now_seq():
    """A seq for a vote the database path takes (same clock as Redis's, in microseconds)."""
    return time.time_ns() // 1000


def flush_votes(now=None):
    """The worker's job (every NASHRA_VOTES_FLUSH_SECONDS): write the queued votes to the
    database, then bring Redis up to date with votes the database took by itself (while Redis
    was unreachable). Returns a short outcome, or None without Redis."""
    from django.utils import timezone

    try:
        s = store()
    except Unavailable:
        return None
    try:
        written = s.flush()
        mark = s.key("reconciled")
        started = timezone.now()
        last = s.client.get(mark)
        since = datetime.fromtimestamp(float(last) - RECONCILE_MARGIN, tz=UTC) if last else None
        merged = s.reconcile(since) if since else 0
        s.client.set(mark, started.timestamp())
    except resilient_cache.ERRORS as exc:
        resilient_cache.report_failure(s.cache, exc)
        logger.warning("Votes not flushed: Redis unreachable (%s)", exc)
        return "redis unreachable"
    resilient_cache.report_success(s.cache)
    return f"{written} vote(s) written, {merged} article(s) reconciled"


RECONCILE_MARGIN = 30  # seconds: a database-path vote's transaction may commit this late
