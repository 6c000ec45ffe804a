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


def contains_arabic(text):
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text or "")
