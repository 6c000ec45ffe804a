"""Highlighted excerpts: the passage of an article that best matches the query's terms."""

import html
import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from nashra.core.text_analysis import WORD, word_term
from nashra.news.plain_text import text_parts

SENTENCE = re.compile(r"(?<=[.!?؟。])\s+")
MAX_CHARS = 260
TAG = re.compile(r"<[^>]*>")


def passages(article):
    """`article.plain_text_parts()` with entities decoded. A regular expression strips the
    tags, cheaper than parsing each paragraph: rich text from the editor is well-formed, and
    what is shown is escaped again."""
    return text_parts(article, paragraph_text)


def paragraph_text(source):
    return html.unescape(TAG.sub("", source))


@lru_cache(maxsize=100_000)
def _term(word):
    """The search term of one word (words recur, and normalizing is the costly part)."""
    return word_term(word)


def _matches(word, wanted):
    return bool(word) and _term(word) in wanted


def highlight(text, wanted):
    """Escape `text` and wrap each word whose term is wanted in <mark>."""
    out, last = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(0), wanted):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def excerpt(parts, wanted):
    """The sentence with the most query terms (the standfirst when none matches)."""
    best, best_score = None, 0
    for part in parts[1:]:  # the title is shown anyway
        for sentence in SENTENCE.split(part):
            score = len({_term(w) for w in WORD.findall(sentence)} & wanted)
            if score > best_score:
                best, best_score = sentence, score
    text = best if best is not None else (parts[1] if len(parts) > 1 else "")
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return highlight(text, wanted)
