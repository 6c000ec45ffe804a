"""Casting and counting "Did you like this article?" votes."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nashra.core import resilient_cache

from . import locks, ratelimit, vote_queue
from .models import Reaction

REDIS_ERRORS = resilient_cache.ERRORS


class VoteRejected(Exception):
    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int

    @property
    def total(self):
        return self.yes + self.no

    @property
    def yes_percent(self):
        return round(100 * self.yes / self.total) if self.total else 0

    def sentence(self):
        """The tally in words, in the active language, with the plural form its count takes."""
        return ngettext(
            "%(percent)s%% of %(num)s reader liked this article.",
            "%(percent)s%% of %(num)s readers liked this article.",
            self.total,
        ) % {"percent": self.yes_percent, "num": self.total}

    def as_dict(self):
        return {
            "yes": self.yes,
            "no": self.no,
            "total": self.total,
            "yes_percent": self.yes_percent,
            "sentence": self.sentence(),
        }


def tally(article_id):
    """From Redis's counters where they are kept (exact for every vote taken), else from the
    database (exact for every vote flushed)."""
    try:
        store = vote_queue.store()
        counts = store.counts(article_id)
        if counts is None:
            store.seed(article_id)
            counts = store.counts(article_id)
        if counts is not None:
            resilient_cache.report_success(store.cache)
            return Tally(*counts)
    except vote_queue.Unavailable:
        pass
    except REDIS_ERRORS as exc:
        resilient_cache.report_failure(vote_queue.redis_cache(), exc)
    return database_tally(article_id)


def database_tally(article_id):
    counts = Reaction.objects.filter(article_id=article_id).aggregate(
        yes=Count("pk", filter=Q(liked=True)), no=Count("pk", filter=Q(liked=False))
    )
    return Tally(counts["yes"], counts["no"])


def reader_vote(article_id, reader_key):
    if not reader_key:
        return None
    try:
        store = vote_queue.store()
        try:
            return store.reader_vote(article_id, reader_key)
        except vote_queue.Unavailable:
            store.seed(article_id)
            return store.reader_vote(article_id, reader_key)
    except vote_queue.Unavailable:
        pass
    except REDIS_ERRORS as exc:
        resilient_cache.report_failure(vote_queue.redis_cache(), exc)
    vote = Reaction.objects.filter(article_id=article_id, reader_key=reader_key).first()
    return None if vote is None else vote.liked


def cast_vote(article_id, reader_key, address, liked, describe=None):
    """Record or change the reader's vote; returns the article's Tally counting it. One vote
    per reader (cookie) per article; one address may cast only a bounded number per article
    per day, which limits cookie-clearing.

    With Redis, the vote is taken there and queued for the database (vote_queue);
    `describe()` gives what Redis keeps about an article it does not know yet (see
    vote_queue.Store.remember_article). Without Redis, or with it unreachable, the database
    takes it at once."""
    try:
        return Tally(*_cast_in_redis(article_id, reader_key, address, liked, describe))
    except vote_queue.Unavailable:
        pass
    except REDIS_ERRORS as exc:
        resilient_cache.report_failure(vote_queue.redis_cache(), exc)
    cast_in_database(article_id, reader_key, address, liked)
    return database_tally(article_id)


def _cast_in_redis(article_id, reader_key, address, liked, describe):
    store = vote_queue.store()
    for _attempt in range(3):
        outcome = store.vote(article_id, reader_key, address, liked)
        kind = outcome[0]
        if kind == "ok":
            resilient_cache.report_success(store.cache)
            if describe is not None and not outcome[3].get("url"):
                store.remember_article(article_id, describe())  # for the fast lane
            return outcome[1], outcome[2]
        if kind == "rate":
            raise VoteRejected(_("Too many votes from your network. Please wait a minute."), 429)
        if kind == "cap":
            raise VoteRejected(CAP_MESSAGE, 429)
        if kind == "article":
            store.remember_article(article_id, describe() if describe else {})
        elif kind == "seed":
            store.seed(article_id, wait=vote_queue.SEED_WAIT_SECONDS)
    raise vote_queue.Unavailable  # the article's keys keep vanishing: use the database


CAP_MESSAGE = _("We have already counted many votes on this article from your network today.")


def cast_in_database(article_id, reader_key, address, liked):
    if not ratelimit.hit("vote", address, settings.NASHRA_VOTES_PER_ADDRESS_PER_MINUTE, 60):
        raise VoteRejected(_("Too many votes from your network. Please wait a minute."), 429)
    with transaction.atomic():
        # The count and the insert below are one decision per article and network: without
        # the lock, 20 simultaneous votes all count 9 and all insert.
        locks.serialize("vote", article_id, address)
        existing = Reaction.objects.filter(article_id=article_id, reader_key=reader_key).first()
        if existing is not None:
            if existing.liked != liked:
                existing.liked = liked
                existing.vote_seq = vote_queue.now_seq()
                existing.save(update_fields=["liked", "updated_at", "vote_seq"])
            return existing
        from_address = Reaction.objects.filter(article_id=article_id, address_hash=address).count()
        if from_address >= settings.NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY:
            raise VoteRejected(CAP_MESSAGE, 429)
        try:
            with transaction.atomic():
                return Reaction.objects.create(
                    article_id=article_id,
                    reader_key=reader_key,
                    address_hash=address,
                    liked=liked,
                    vote_seq=vote_queue.now_seq(),
                )
        except IntegrityError:  # the same reader raced us from another network: update that vote
            Reaction.objects.filter(article_id=article_id, reader_key=reader_key).update(
                liked=liked, vote_seq=vote_queue.now_seq(), updated_at=timezone.now()
            )  # update() skips auto_now: reconcile finds votes by updated_at
            return Reaction.objects.get(article_id=article_id, reader_key=reader_key)
