import zlib

from django.db import models


class Word(models.Model):
    """A word as published articles of one edition write it (diacritics and case dropped,
    letters kept), with how many of them hold it: what "did you mean" suggests from
    (nashra.search.suggestions)."""

    edition = models.CharField(max_length=8)
    word = models.CharField(max_length=64)
    folded = models.CharField(max_length=64)  # nashra.core.arabic.normalize(word)
    documents = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "word"], name="search_word_unique")
        ]
        indexes = [models.Index(fields=["edition", "folded"], name="search_word_folded")]

    def __str__(self):
        return self.word


class PageWords(models.Model):
    """The words one published article added to its edition's `Word` counts, kept so that
    an edit, unpublish or delete takes back exactly those (compressed: about a kilobyte an
    article)."""

    page_id = models.IntegerField(primary_key=True)
    edition = models.CharField(max_length=8)
    packed = models.BinaryField()

    def __str__(self):
        return f"{self.edition}:{self.page_id}"

    @property
    def words(self):
        return set(zlib.decompress(bytes(self.packed)).decode().split("\n")) - {""}

    @staticmethod
    def pack(words):
        return zlib.compress("\n".join(sorted(words)).encode(), 6)
