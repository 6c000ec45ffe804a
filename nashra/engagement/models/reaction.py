from django.db import models
from django.utils.translation import gettext_lazy as _


class Reaction(models.Model):
    """One reader's answer to "Did you like this article?"; changeable, never duplicated."""

    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="reactions",
        verbose_name=_("article"),
    )
    reader_key = models.CharField(_("reader"), max_length=64)
    liked = models.BooleanField(_("liked"))
    address_hash = models.CharField(_("hashed address"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # When the vote was cast, in microseconds since 1970: a queued vote is written only over
    # an older one (docs/developers/votes.md).
    vote_seq = models.BigIntegerField(_("vote order"), default=0)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reader_key"], name="one_reaction_per_reader"
            )
        ]
        indexes = [models.Index(fields=["article", "address_hash"])]

    def __str__(self):
        return f"{self.article_id}: {'yes' if self.liked else 'no'}"
