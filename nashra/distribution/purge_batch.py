"""Purges collected once per transaction and sent once it commits.

One change sends many signals: deleting a section sends one per article, a bulk moderation
one per comment, a publish saves the page more than once. Each signal handler adds what it
knows to the transaction's batch (Wagtail's `PurgeBatch`, kept per transaction); the batch
bumps each page-cache version at once (once per transaction) and again after the commit, then
works out the front cache's addresses (each edition's at most once) and sends each of them
once. A transaction rolled back sends nothing after it: its batch's callback is dropped with
it. Outside a transaction a batch is sent as soon as it is filled.

Addresses that could not be worked out are not lost: the edition they belong to is kept for
`core_retry_purges` to recompute (a "recompute edition" marker, see core.pending_purges).
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from nashra.core import front_cache, page_cache, pending_purges

logger = logging.getLogger("nashra.purges")

# An edition computation costs about as much as this many articles' in-place addresses (a
# count per listing each): past it, one edition is cheaper than the articles one by one.
ARTICLES_PER_EDITION = 8


class PurgeBatch:
    def __init__(self, block=None):
        self.block = block  # the outermost atomic block of its transaction
        self.sent = False  # sent at its commit: never added to again
        self.hooks = None  # the connection's on-commit list its `send` was added to
        self.bumped = set()  # page-cache versions bumped at once, bumped again at the commit
        self.languages = set()  # the editions whose addresses it holds or will work out
        self.paths = set()  # front-cache addresses known already
        self.later = {}  # key -> function giving front-cache addresses after the commit
        self.articles_later = {}  # language -> {key: article id}, for ARTICLES_PER_EDITION
        self.editions = set()  # languages whose every address is computed after the commit
        self.before = {}  # language -> its addresses before a change (see `remember_edition`)
        self.done = set()  # keys of `front_once`
        self.remembered = set()  # languages of `remember_edition`

    def page_cache(self, paths=(), groups=(), languages=()):
        """Bump these versions now (each once) and all of them again by `send` at the commit:
        a render that read them before the change was visible may have cached what it saw.
        Bumped by `send`, not by a callback of their own, which a savepoint rolled back
        would drop while the batch, and what it holds, goes on."""
        names = page_cache.version_names(
            *({v for v in values if v} for values in (paths, groups, languages))
        )
        new = [name for name in names if name not in self.bumped]
        self.bumped.update(new)
        page_cache.bump_now(new)

    def front(self, paths):
        self.paths.update(p for p in paths if p)

    def front_after_commit(self, key, targets, language, article=None):
        """`targets()`, called once the transaction has committed: addresses that depend on
        what it committed (which page of a listing shows a card), in edition `language` and
        its twins'. Once per `key`. With `article`, the addresses are that article's in its
        edition and elsewhere its own."""
        self.later.setdefault(key, targets)
        self.languages.add(language)
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
        self.languages.add(language)

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
        self.sent = True  # a later change, even under the same atomic block, starts a new batch
        bumped, languages = sorted(self.bumped), self.languages | set(self.before)
        # Committed: start afresh.
        self.bumped, self.languages, self.done, self.remembered = set(), set(), set(), set()
        if bumped:
            page_cache.bump_committed(bumped)
        held = self._take()
        if not front_cache.enabled() or not any(held):
            return
        if getattr(settings, "NASHRA_PURGE_IN_BACKGROUND", False):
            # The change has committed: the editor's request need not wait for the front
            # cache. A command that publishes (publish_scheduled) waits for it as it exits.
            thread = threading.Thread(
                target=_in_background, args=(held, languages), name="nashra-purge"
            )
            _running.add(thread)
            thread.start()
        else:
            # An on-commit callback must not raise: the others after it would not run.
            _send_front_or_keep(held, languages)


_running = set()  # purges sending in the background


def _in_background(held, languages):
    try:
        _send_front_or_keep(held, languages)
    finally:
        connections.close_all()  # this thread's own connections
        _running.discard(threading.current_thread())


def _send_front_or_keep(held, languages):
    """Send the front-cache purge; if its addresses cannot be worked out, keep what is known
    and its editions for a retry (core_retry_purges) rather than leave pages stale for days."""
    known = set(held[0]).union(*held[4].values())  # paths, and addresses from before
    try:
        _send_front(*held)
    except Exception as error:
        logger.exception("Could not work out or send a front-cache purge; kept for a retry")
        editions = set(languages) | set(held[2]) | set(held[3])
        try:
            pending_purges.record(
                pending_purges.PendingPurge.Kind.FRONT,
                front_cache.absolute(known)
                + [pending_purges.marker(EDITION, language) for language in editions],
                f"could not work out the addresses: {error!r}",
            )
        except Exception:
            logger.exception("Could not keep the front-cache purge for a retry")


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


EDITION = "edition"  # pending_purges marker: every address of an edition (see apps.py)


def _still_registered(batch, db):
    """Whether the batch's `send` will still run at the commit. Django starts a new list of
    on-commit callbacks at each commit and rollback, a savepoint's included: while the list
    is the one `send` was added to, nothing can have dropped it (no search of the list, which
    a large delete fills with one callback a row)."""
    if db.run_on_commit is batch.hooks:
        return True
    if any(entry[1] == batch.send for entry in db.run_on_commit):
        batch.hooks = db.run_on_commit  # a savepoint rolled back, but not its own
        return True
    return False


def current():
    """The batch of the open transaction, or None outside a transaction (a test's own
    transaction, which stands for autocommit, does not count).

    One batch per transaction, kept on this thread's connection; its `send` is registered to
    run on commit once. A batch whose registration a rollback dropped is left: a new one
    starts."""
    db = connections[DEFAULT_DB_ALIAS]  # this thread's own, not the shared proxy
    blocks = [b for b in db.atomic_blocks if not getattr(b, "_from_testcase", False)]
    if not blocks:
        return None
    batch = getattr(db, "_nashra_purge_batch", None)
    if (
        batch is None
        or batch.sent
        or batch.block is not blocks[0]
        or not _still_registered(batch, db)
    ):
        batch = db._nashra_purge_batch = PurgeBatch(block=blocks[0])
        transaction.on_commit(batch.send)
        batch.hooks = db.run_on_commit
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
