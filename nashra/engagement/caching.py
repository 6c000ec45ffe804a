"""Engagement's part of the cache contract (nashra.core.cache_contract): its endpoints answer
one reader, and the pages it sends a reader back to after a vote, a comment or a report carry
a one-off flag (a thank-you for that reader) that no cache may keep or answer from."""

from nashra.core import cache_contract

REACTED, COMMENTED, FLAGGED = cache_contract.uncacheable(
    owner="engagement",
    sections=("engagement",),
    flags=("reacted", "commented", "flagged"),
    about="votes, comments, reports and the reader's own state; the thank-you pages",
)

AREA_HTML = cache_contract.piece(
    "engagement-html",
    "html:engagement:{page_id}:{comment_page}",
    owner="engagement",
    path=True,
    editions=cache_contract.ONE_EDITION,
    about="an article's comments and reaction area as HTML (engagement/article_area.html)",
)


def thank_you(request):
    """The one-off flag this request carries, if any: the area is then rendered afresh."""
    return next(
        (request.GET[flag] for flag in (REACTED, COMMENTED, FLAGGED) if request.GET.get(flag)), None
    )


def flags():
    """The flags by what they thank for, for templates and scripts."""
    return {"reacted": REACTED, "commented": COMMENTED, "flagged": FLAGGED}
