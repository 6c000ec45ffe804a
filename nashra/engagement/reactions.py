"""Casting and counting "Did you like this article?" votes."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import locks, ratelimit
from .models import Reaction


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
    counts = Reaction.objects.filter(article_id=article_id).aggregate(
        yes=Count("pk", filter=Q(liked=True)), no=Count("pk", filter=Q(liked=False))
    )
    return Tally(counts["yes"], counts["no"])


def reader_vote(article_id, reader_key):
    if not reader_key:
        return None
    vote = Reaction.objects.filter(article_id=article_id, reader_key=reader_key).first()
    return None if vote is None else vote.liked


def cast_vote(article_id, reader_key, address, liked):
    """Record or change the reader's vote. One vote per reader (cookie) per article; one
    address may cast only a bounded number per article per day, which limits cookie-clearing."""
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
                existing.save(update_fields=["liked", "updated_at"])
            return existing
        from_address = Reaction.objects.filter(article_id=article_id, address_hash=address).count()
        if from_address >= settings.NASHRA_VOTES_PER_ADDRESS_PER_ARTICLE_PER_DAY:
            raise VoteRejected(
                _("We have already counted many votes on this article from your network today."),
                429,
            )
        try:
            with transaction.atomic():
                return Reaction.objects.create(
                    article_id=article_id, reader_key=reader_key, address_hash=address, liked=liked
                )
        except IntegrityError:  # the same reader raced us from another network: update that vote
            Reaction.objects.filter(article_id=article_id, reader_key=reader_key).update(
                liked=liked
            )
            return Reaction.objects.get(article_id=article_id, reader_key=reader_key)
