"""Arabic orthographic normalization: the one place Nashra decides when two spellings match.

Search, the comment word filter and anything else that compares Arabic text use
`normalize()`, so a variant that matches in one place matches everywhere.
"""

import re
import unicodedata

# Harakat, tanween, shadda, sukun, dagger alef and Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans(
    {
        "أ": "ا",  # alef with hamza above
        "إ": "ا",  # alef with hamza below
        "آ": "ا",  # alef with madda
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # taa marbuta -> haa
        "ى": "ي",  # alef maqsura -> yaa
        "ؤ": "و",  # waw with hamza
        "ئ": "ي",  # yaa with hamza
        "\u06cc": "ي",  # Farsi yeh
        "\u06a9": "ك",  # keheh
    }
)
_ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def normalize(text):
    """Fold case, diacritics, tatweel and letter variants so spelling variants compare equal."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    # Invisible format characters (ZWJ, soft hyphen, direction marks) must not split words.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_FOLD).translate(_ARABIC_INDIC_DIGITS).casefold()


def prepare(text):
    """`normalize()` without the letter folding: what the search analysis reads, because it
    folds hamza seats and alef maqsura by the word's position and by the word itself
    (nashra.core.arabic_analysis), which a flat letter-for-letter table cannot."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_ARABIC_INDIC_DIGITS).casefold()


_SEARCH_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "أ": "ء",  # inside a word every seat of the hamza is one letter: مسؤول = مسئول,
        "إ": "ء",  # هيئة = هيأة, سؤال = سءال (the start of a word is handled apart)
        "آ": "ء",
        "ؤ": "ء",
        "ئ": "ء",
        "ة": "ه",
        "ى": "ي",
        "\u06cc": "ي",
        "\u06a9": "ك",
    }
)


def fold_word(word):
    """The search spelling of one word with its proclitics already removed (see `prepare`).

    A word-initial alef seat (أ إ آ) is written or dropped at will (أمن, امن), so it folds
    to a bare alef; anywhere else a hamza on any seat (ؤ ئ أ إ آ ء) folds to ء, so seat
    spellings meet without merging hamza words into their hamza-less neighbours (رؤية/راية).
    """
    if word and word[0] in "أإآٱ":
        word = "ا" + word[1:]
    return word.translate(_SEARCH_FOLD)


def contains_arabic(text):
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text or "")
