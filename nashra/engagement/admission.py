"""Comment writes under a flood: a post is decided in its turn, or refused politely, never
left waiting on the database or answered with an error (docs/developers/concurrency.md).

- Turns: at most NASHRA_COMMENT_WRITERS posts per server process decide at once; at most
  NASHRA_COMMENT_WAITING more wait in line, first come first served, each at most
  NASHRA_COMMENT_WRITE_WAIT_SECONDS; a post finding the line full is refused at once. So a
  flood never holds more than WRITERS + WAITING of a process's threads, and the others stay
  free for votes, pages and the moderators. (Left to the database, every thread would wait
  on it: SQLite's busy handler retries at random, so some posts time out while later ones
  pass, and PostgreSQL queues every writer on its locks for as long as the slowest holder.)
- Database waits: inside its turn a post waits at most NASHRA_COMMENT_WRITE_WAIT_SECONDS for a
  lock (SQLite's busy timeout for its write lock; PostgreSQL's lock_timeout, which also bounds
  the advisory locks of locks.serialize).
- Either wait running out, or the database failing the write, raises `Busy`: the post is
  answered 503 with Retry-After, and its transaction is rolled back, so nothing of it is kept
  (its captcha included: the reader can send the same form again).
"""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections

RETRY_AFTER_SECONDS = 10

_guard = threading.Lock()
_state = {"writing": 0, "waiting": 0, "issued": 0, "serving": 0, "abandoned": set()}
_turn = threading.Condition(_guard)


class Busy(Exception):
    """No turn in time, or the database did not take the write; `retry` says whether sending
    again at once may help (a dropped connection, a deadlock), unlike a wait that ran out."""

    def __init__(self, reason, retry=False):
        super().__init__(reason)
        self.retry = retry


def _writers():
    return max(1, settings.NASHRA_COMMENT_WRITERS)


@contextmanager
def comment_turn(using="default"):
    """Run one comment post's decision (its whole transaction) in a bounded turn; see above."""
    wait = settings.NASHRA_COMMENT_WRITE_WAIT_SECONDS
    with _turn:
        if _state["writing"] >= _writers() and _state["waiting"] >= settings.NASHRA_COMMENT_WAITING:
            raise Busy("the line is full")
        ticket = _state["issued"]
        _state["issued"] += 1
        _state["waiting"] += 1
        # First come, first served: a turn goes to the oldest ticket still waiting.
        try:
            got = _turn.wait_for(
                lambda: _state["writing"] < _writers() and _state["serving"] >= ticket,
                timeout=wait,
            )
        finally:
            _state["waiting"] -= 1
        if not got:
            _state["abandoned"].add(ticket)
            _advance()
            raise Busy("no turn in time")
        _state["writing"] += 1
        _state["serving"] = ticket + 1
        _advance()
    try:
        with _bounded_lock_waits(connections[using], wait):
            yield
    except IntegrityError:
        raise  # a rule of the data, decided by the code inside: not a busy database
    except DatabaseError as exc:
        connection = connections[using]
        if not connection.in_atomic_block:  # a dropped connection is not reused
            connection.close_if_unusable_or_obsolete()
        raise Busy(str(exc), retry=not _ran_out_of_time(exc)) from exc
    finally:
        with _turn:
            _state["writing"] -= 1
            _turn.notify_all()


def _advance():
    """Skip the tickets of posts that gave up waiting, and wake the line."""
    while _state["serving"] in _state["abandoned"]:
        _state["abandoned"].discard(_state["serving"])
        _state["serving"] += 1
    _turn.notify_all()


def _ran_out_of_time(exc):
    text = str(exc).lower()
    return "database is locked" in text or "lock timeout" in text or "canceling statement" in text


@contextmanager
def _bounded_lock_waits(connection, seconds):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        before = connection.connection.execute("PRAGMA busy_timeout").fetchone()[0]
        connection.connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            if connection.connection is not None:
                connection.connection.execute(f"PRAGMA busy_timeout = {int(before)}")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(seconds * 1000)}ms'")
        try:
            yield
        finally:
            if connection.connection is not None and not connection.in_atomic_block:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SET lock_timeout = DEFAULT")
                except DatabaseError:
                    connection.close()  # a connection in doubt is not reused
    else:
        yield
