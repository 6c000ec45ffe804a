"""Purges collected once per transaction and sent once it commits.

One change sends many signals: deleting a section sends one per article, a bulk moderation
one per comment, a publish saves the page more than once. Each signal handler adds what it
knows to the transaction's batch (Wagtail's `PurgeBatch`, kept per transaction); the batch
bumps each page-cache version at once (once per transaction, see `page_cache.purge`) and,
after the commit, works out the front cache's addresses (each edition's at most once) and
sends each of them once. A transaction rolled back sends nothing after it: its batch's
callback is dropped with it. Outside a transaction a batch is sent as soon as it is filled.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, connections, transaction

from nashra.core import front_cache, page_cache

logger = logging.getLogger("nashra.purges")

# An edition computation costs about as much as this many articles' in-place addresses (a
# count per listing each): past it, one edition is cheaper than the articles one by one.
ARTICLES_PER_EDITION = 8


class PurgeBatch:
    def __init__(self):
        self.bumped = set()  # page-cache versions bumped at once in this transaction
        self.paths = set()  # front-cache addresses known already
        self.later = {}  # key -> function giving front-cache addresses after the commit
        self.articles_later = {}  # language -> {key: article id}, for ARTICLES_PER_EDITION
        self.editions = set()  # languages whose every address is computed after the commit
        self.before = {}  # language -> its addresses before a change (see `remember_edition`)
        self.done = set()  # keys of `front_once`
        self.remembered = set()  # languages of `remember_edition`

    def page_cache(self, paths=(), groups=(), languages=()):
        """Bump these versions now and at the commit (page_cache.purge), each once."""
        wanted = {"paths": paths, "groups": groups, "languages": languages}
        new = {
            kind: sorted({v for v in values if v} - self.bumped) for kind, values in wanted.items()
        }
        for values in new.values():
            self.bumped.update(values)
        if any(new.values()):
            page_cache.purge(**new)

    def front(self, paths):
        self.paths.update(p for p in paths if p)

    def front_after_commit(self, key, targets, article=None):
        """`targets()`, called once the transaction has committed: addresses that depend on
        what it committed (which page of a listing shows a card). Once per `key`. With
        `article`, the addresses are that article's in its edition and elsewhere its own."""
        self.later.setdefault(key, targets)
        if article is not None:
            language = article.locale.language_code
            self.articles_later.setdefault(language, {})[key] = article.pk

    def front_once(self, key, targets):
        """`targets()` now, unless this transaction has asked for `key` already."""
        if key not in self.done:
            self.done.add(key)
            self.front(targets())

    def edition(self, language):
        """Every address of an edition, computed once after the commit."""
        self.editions.add(language)

    def remember_edition(self, language, targets):
        """An edition's addresses as they are before a change that shortens its listings,
        computed once per transaction (later changes in it only shorten them further)."""
        if language not in self.before and language not in self.remembered:
            self.remembered.add(language)
            self.before[language] = targets()

    def _take(self):
        """What the batch holds to send, leaving it empty."""
        held = (self.paths, self.later, self.articles_later, self.editions, self.before)
        self.paths, self.later, self.articles_later, self.editions, self.before = (
            set(),
            {},
            {},
            set(),
            {},
        )
        return held

    def send(self):
        self.bumped, self.done, self.remembered = set(), set(), set()  # committed: start afresh
        held = self._take()
        if not front_cache.enabled() or not any(held):
            return
        if getattr(settings, "NASHRA_PURGE_IN_BACKGROUND", False):
            # The change has committed: the editor's request need not wait for the front
            # cache. A command that publishes (publish_scheduled) waits for it as it exits.
            thread = threading.Thread(target=_in_background, args=(held,), name="nashra-purge")
            _running.add(thread)
            thread.start()
        else:
            _send_front(*held)


_running = set()  # purges sending in the background


def _in_background(held):
    try:
        _send_front(*held)
    except Exception:
        logger.exception("Could not work out or send a front-cache purge")
    finally:
        connections.close_all()  # this thread's own connections
        _running.discard(threading.current_thread())


def _finish_running():
    for thread in list(_running):
        thread.join()


# At exit, before concurrent.futures refuses new work (the front cache's backend sends
# over a thread pool): hooks registered later run first.
threading._register_atexit(_finish_running)


def _send_front(paths, later, articles_later, editions, before):
    from .purge_targets import edition_targets, own_addresses

    # What is known already (an article's own address, its section's first page) goes
    # first: readers see the change while the rest of the addresses are worked out.
    if paths:
        front_cache.purge_paths(paths)
    crowded = {}
    for language, articles in articles_later.items():
        if len(articles) > ARTICLES_PER_EDITION:
            editions.add(language)
            crowded.update(articles)
    targets = set()
    for language in editions:
        targets |= edition_targets(language)
    for addresses in before.values():
        targets |= addresses
    if crowded:  # what their edition's addresses leave out: their twins, a spare thread page
        targets |= own_addresses(set(crowded.values()))
    for key, targets_of in later.items():
        if key not in crowded:
            targets |= targets_of()
    if targets - paths:
        front_cache.purge_paths(targets - paths)


def _registered(batch):
    return any(entry[1] == batch.send for entry in connection.run_on_commit)


def current():
    """The batch of the open transaction, or None outside a transaction (a test's own
    transaction, which stands for autocommit, does not count).

    Each call registers the batch's `send` to run on commit once more: the first to run sends
    all the batch holds, the others what was added since (usually nothing). A batch none of
    whose calls is still registered was sent, or dropped with a rollback: a new one starts."""
    blocks = [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]
    if not blocks:
        return None
    batches = connection.__dict__.setdefault("_nashra_purge_batches", {})
    batch = batches.get(id(blocks[0]))
    if batch is None or not _registered(batch):
        for key in [k for k, b in batches.items() if not _registered(b)]:
            del batches[key]
        batch = batches[id(blocks[0])] = PurgeBatch()
    transaction.on_commit(batch.send)
    return batch


@contextmanager
def collecting(batch=None):
    """The batch to add to: `batch` if given, the transaction's, or one sent when the block
    ends."""
    batch = batch or current()
    if batch is not None:
        yield batch
        return
    batch = PurgeBatch()
    yield batch
    batch.send()
