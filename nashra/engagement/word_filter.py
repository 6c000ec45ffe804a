"""The comment word filter: does a comment contain a word or phrase moderators listed?

Text and rules are compared after `fold`, which goes further than search's normalization
(nashra.core.arabic.normalize, which it builds on): whatever a reader can type that looks
the same as a banned word, or reads the same, must match it. Search keeps the lighter fold,
so that, say, a Greek or Russian query still finds Greek or Russian words.
"""

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from nashra.core.arabic import contains_arabic, normalize

from .models import WordFilterRule

# Default-ignorable letters that render as nothing (Hangul fillers) are dropped like format
# characters; the visible blanks among them count as spaces.
_IGNORED_LETTERS = {0x115F, 0x1160}
_BLANKS = {0x3164, 0xFFA0, 0x2800}
# Arabic letters whose look-alikes fold to them (the Persian, Urdu and Kurdish forms of heh,
# kaf and yeh, and their presentation forms), from the basic block U+0621–U+064A.
_ARABIC_LETTERS = range(0x0621, 0x064B)


def _is_arabic_script(ch):
    return "ARABIC" in unicodedata.name(ch, "")


def _single(text):
    """Unicode's confusables data writes right-to-left characters between LRM marks."""
    text = text.replace("\u200e", "").replace("\u200f", "")
    return text if len(text) == 1 else None


_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])")


def _as_ascii(ch):
    """The ASCII letter or digit `ch` is, or is a small capital of (ᴛ, as Cyrillic т looks)."""
    if ch.isascii():
        return ch if ch.isalnum() else None
    small_capital = _SMALL_CAPITAL.fullmatch(unicodedata.name(ch, ""))
    return small_capital.group(1).lower() if small_capital else None


@cache
def _confusables():
    """One character for each character that looks like another, from Unicode's confusables
    (UTS #39, as shipped by confusable-homoglyphs): letters and digits of other scripts
    (Cyrillic, Greek, Cherokee, …) become the ASCII letter or digit they look like (or the
    letter whose small capital they look like); Arabic letters become the basic Arabic
    letter they look like (ہ ھ ە → ه), never a Latin one.
    The data lists pairs in both directions, so only these two directions are taken."""
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    pairs = {}
    for raw, glyphs in data.items():
        ch = _single(raw)
        if ch is None:
            continue
        pairs[ch] = [g for g in (_single(h["c"]) for h in glyphs) if g]
    table = {}
    for ch, looks_like in pairs.items():
        if ch.isascii() or not ch.isalnum():
            continue
        if _is_arabic_script(ch):
            if ord(ch) in _ARABIC_LETTERS or unicodedata.category(ch) != "Lo":
                continue
            # An Arabic letter looks like a basic one directly, or both look like the same
            # Latin letter (ہ and ه both look like o).
            near = set(looks_like) | {
                g for p in looks_like if p.isascii() for g in pairs.get(p, ())
            }
            basic = sorted(g for g in near if ord(g) in _ARABIC_LETTERS)
            if basic:
                table[ord(ch)] = basic[0]
            continue
        ascii_alnum = [g for g in map(_as_ascii, [ch, *looks_like]) if g]
        if ascii_alnum:
            # Lower case first, then letters before digits: Cyrillic о is o, not 0.
            table[ord(ch)] = sorted(ascii_alnum, key=lambda g: (not g.islower(), g.isdigit(), g))[0]
    # Small capitals the data leaves out (ɴ, ʀ): in the IPA and phonetic blocks, and Latin
    # Extended-D.
    for code in (*range(0x0250, 0x02B0), *range(0x1D00, 0x1DC0), *range(0xA720, 0xA800)):
        letter = _as_ascii(chr(code))
        if letter and code not in table:
            table[code] = letter
    # A capital takes its small letter's look-alike where it has one: Unicode makes Greek
    # Ι look like l (as it makes I), but a case-blind filter must read it as i.
    for code in list(table):
        small = ord(chr(code).lower()[:1] or " ")
        if small != code and small in table:
            table[code] = table[small]
    return table


# Arabic spellings the confusables data does not list: the Persian and Urdu letters that an
# Arabic reader reads as kaf, yeh and heh, in every positional form NFKC gives back.
_ARABIC_VARIANTS = str.maketrans(
    {
        "\u06a9": "ك",  # keheh
        "\u06aa": "ك",  # swash kaf
        "\u06cc": "ي",  # Farsi yeh
        "\u06d0": "ي",  # yeh with two dots below (Pashto e)
        "\u06c1": "ه",  # heh goal
        "\u06be": "ه",  # heh doachashmee
        "\u06d5": "ه",  # ae
        "\u06c3": "ه",  # teh marbuta goal: ة, which search folds to ه
    }
)
_SPACES = re.compile(r"\s+")


def _visible(ch):
    """Whether a character changes what a word reads as: format characters, combining marks
    (accents, harakat, the grapheme joiner, variation selectors) and unassigned code points
    do not."""
    if ord(ch) in _IGNORED_LETTERS:
        return False
    return unicodedata.category(ch) not in ("Cf", "Mn", "Me", "Cn")


def _shown(text):
    """Decomposed, without what does not show (see `_visible`); visible blanks as spaces."""
    return "".join(
        " " if ord(ch) in _BLANKS else ch
        for ch in unicodedata.normalize("NFD", text)
        if _visible(ch)
    )


def fold(text):
    """Text as the word filter compares it: search's normalization, then accents and every
    invisible character dropped, look-alike letters replaced by the letter they imitate,
    and every run of spaces, line breaks and other separators made one space."""
    if not text:
        return ""
    table = _confusables()
    # Look-alikes before compatibility folding (NFKC makes Greek ϲ a sigma, which looks like
    # o) and before case folding (Greek Τ looks like T, τ does not), and once more after.
    text = _shown(unicodedata.normalize("NFKC", text.translate(table))).translate(table)
    text = normalize(text).translate(table).translate(_ARABIC_VARIANTS)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", _shown(text))).strip()


# Arabic attaches conjunctions, prepositions and the article to the word: و ف ب ك ل ال;
# with the article, ل + ال is written لل.
_ARABIC_PREFIXES = "(?:[وف])?(?:[بك]?ال|لل|[بكل])?"


@cache
def _pattern(term):
    escaped = re.escape(term)
    if contains_arabic(term):
        return re.compile(rf"(?<!\w){_ARABIC_PREFIXES}{escaped}")
    return re.compile(rf"(?<!\w){escaped}(?!\w)")


def matching_rule(texts, language):
    """The first word-filter rule any of `texts` (a name, a comment) matches, each folded.

    Rules for the article's language apply, and Arabic rules apply to any text in Arabic
    script, wherever it was posted."""
    folded = [fold(t) for t in texts if t]
    languages = {"any", language} | ({"ar"} if any(contains_arabic(t) for t in folded) else set())
    for rule in WordFilterRule.objects.filter(language__in=languages):
        term = fold(rule.term)
        if term and any(_pattern(term).search(t) for t in folded):
            return rule
    return None
