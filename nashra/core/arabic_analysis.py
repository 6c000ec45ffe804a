"""One Arabic word -> its search term: protected words, proclitics, hamza, broken plurals, suffixes.

The steps (README "Search", docs/developers/search-analysis.md):
1. A protected (function) word keeps its own term, spelled with its alef maqsura (على stays
   على), so folding never merges it into a content word (the name علي).
2. Proclitics come off in the order Arabic stacks them: و/ف, then ب/ك/ل, then ال (لل is ل+ال).
   The dictionary decides: a word it knows keeps its first letters (وزير, فيلم, بريد, لبنان),
   unless ال + remainder is the much commoner reading (الغاز -> غاز, not ألغاز); otherwise the
   chain whose remainder it knows comes off (والوزير -> وزير, وزارت -> زارت), a single letter
   only before a common enough word (فانس stays whole); a word it does not know loses only a
   chain ending in the article.
3. Hamza seats fold (nashra.core.arabic.fold_word); a hamza typed as its bare seat (ا و ي)
   is put back when only the hamza spelling is a word (مسالة -> مسءله).
4. A broken plural becomes its singular (مدارس -> مدرسه) through the dictionary
   (nashra.core.arabic_morphology); a final ة is never the pronoun ه (علامة is not علام + ه).
   A nisba adjective the dictionary lacks becomes its noun (فلسطيني -> فلسطين).
5. Snowball's Arabic suffix rules (only its suffix rules: proclitics were step 2).
"""

import threading
from functools import lru_cache

from snowballstemmer.arabic_stemmer import ArabicStemmer

from nashra.core.arabic import fold_word
from nashra.core.arabic_morphology import DATA, morphology, read_word_file

# Every proclitic chain, longest first: conjunction, preposition, article.
PROCLITICS = sorted(
    {
        conj + prep + article
        for conj in ("", "و", "ف")
        for prep in ("", "ب", "ك", "ل")
        for article in ("", "ال")
        if conj + prep + article and prep + article != "لال"  # ل + ال is written لل
    }
    | {"لل", "ولل", "فلل"},
    key=lambda affix: (-len(affix), affix),
)
# Attached pronouns and inflection endings, for asking the dictionary about an inflected form.
SUFFIXES = sorted(
    {"ات", "ون", "ين", "ان", "ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ك", "ي"}
    | {"ت", "تا", "وا", "تم", "تن", "ته", "تها", "تهم", "يه", "يها", "يهم", "اه", "اها"},
    key=lambda affix: (-len(affix), affix),
)
PRONOUNS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك")


class _SuffixStemmer(ArabicStemmer):
    """Snowball's Arabic stemmer with its prefix rules switched off: they strip و, ف, ب and ل
    blindly (وزير -> زير, فيلم -> يلم, بريد -> ريد), which the dictionary now decides."""

    def _ArabicStemmer__r_Prefix_Step1(self):  # noqa: N802 - the name Snowball calls
        return False

    _ArabicStemmer__r_Prefix_Step2 = _ArabicStemmer__r_Prefix_Step1
    _ArabicStemmer__r_Prefix_Step3a_Noun = _ArabicStemmer__r_Prefix_Step1
    _ArabicStemmer__r_Prefix_Step3b_Noun = _ArabicStemmer__r_Prefix_Step1
    _ArabicStemmer__r_Prefix_Step3_Verb = _ArabicStemmer__r_Prefix_Step1
    _ArabicStemmer__r_Prefix_Step4_Verb = _ArabicStemmer__r_Prefix_Step1


class _Stemmers(threading.local):
    """A Snowball stemmer keeps the word it works on in the object: one per thread."""

    def __init__(self):
        self.stemmer = _SuffixStemmer()


_stemmers = _Stemmers()


def suffix_stem(word):
    # Snowball leaves the alef of the feminine plural (مقالات -> مقالا).
    if word.endswith("ات") and len(word) >= 5:
        word = word[:-2]
    stemmed = _stemmers.stemmer.stemWord(word)
    # Taa marbuta (folded to ه) and a final ي come and go with inflection: drop them.
    if len(stemmed) > 3 and stemmed[-1] in "هي":
        stemmed = stemmed[:-1]
    return stemmed


@lru_cache(maxsize=100_000)
def known(word):
    """The dictionary word that `word` is, or is with one ending (مدرستها -> مدرسه), or None."""
    lexicon = morphology()
    if lexicon.known(word):
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)]
            # A feminine plural is its singular's ات: وكالات is وكاله's, not a plural وكال
            # (of واكل), and ولايات is ولايه's, not و + لايات.
            if suffix == "ات" and lexicon.known(base + "ه"):
                return base + "ه"
            if lexicon.known(base):
                return base
            if base.endswith("ت") and lexicon.known(base[:-1] + "ه"):
                return base[:-1] + "ه"
    # The alef of the accusative tanween (فعلا, actually; رسميا) ends a known word.
    if word.endswith("ا") and len(word) >= 4 and lexicon.known(word[:-1]):
        return word[:-1]
    return None


def singular(word, written=None):
    """The singular of a broken plural, with an attached pronoun kept off (مدارسها -> مدرسه).

    `written` is the word before folding: a final ة is the feminine ending, never the
    pronoun ه (علامة is not علام + ه, "the world's"). A pronoun comes off only a word the
    dictionary does not know whole (مبارك is a word, not مبار + ك), before a plural."""
    lexicon = morphology()
    found = lexicon.singular(word)
    if found:
        return found
    if lexicon.known(word) or (written or word).endswith("ة"):
        return None
    for suffix in PRONOUNS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found = lexicon.singular(word[: -len(suffix)])
            if found:
                return found
    return None


def strip_proclitics(word):
    """`word` (prepared, not folded) without its proclitics, decided as the module says."""
    lexicon = morphology()
    folded = fold_word(word)
    with_article = [c for c in PROCLITICS if c.endswith(("ال", "لل"))]
    if any(map(word.startswith, with_article)):
        # البيان: ال + بيان, not البي + ان. A word the dictionary knows whole that starts
        # with ال is mostly a hamza-less أفعال plural (الغاز, ألغاز "riddles") or a name:
        # when ال + remainder is the much commoner reading (الغاز, the gas), take it.
        whole = lexicon.known(folded) and folded or known(folded)
        if not whole:
            rest = _best_reading(word, PROCLITICS, strict=True)
            if rest:
                return rest
        else:
            rest = _best_reading(word, with_article)
            if rest and len(rest) >= 3 and _article_reading_wins(whole, rest):
                return rest
    if known(folded):
        return word  # a word the dictionary knows keeps its first letters: وزير, فيلم, بريد
    rest = _best_reading(word, [c for c in PROCLITICS if c not in with_article], strict=True)
    if rest:
        return rest
    for chain in with_article:
        if word.startswith(chain) and len(word) - len(chain) >= 3:
            return word[len(chain) :]  # a word the dictionary lacks, after an article
    return word


# How much commoner one reading must be to win over the word read whole.
COMMONER = 10
# How common the remainder must be before a single و/ف/ب/ل/ك comes off a word the dictionary
# does not know: names it lacks keep their first letter unless the rest is a common word when
# it has three letters or fewer (5,000; 20,000 with an ending: فانس: انس, 4,249; بلينكن:
# لين + كن, 12,970; but وست: ست, 5,004), a word seen at all when it has four (والتز: التز, 54).
MIN_FREQUENCY = 100
MIN_BARE_FREQUENCY = 5_000


def _article_reading_wins(folded, rest):
    """ال + `rest` against the whole word `folded` (which the dictionary knows): the article
    reading must be much commoner than the word itself, and commoner than the singular the
    word would be the plural of (الغاز: غاز against لغز; الألوان: ألوان against لون)."""
    lexicon = morphology()
    frequency = getattr(lexicon, "frequency", lambda _word: 0)
    plural_of = lexicon.singular(folded)
    rest_frequency = _frequency(known(fold_word(rest)))
    return rest_frequency > COMMONER * frequency(folded) and (
        not plural_of or rest_frequency > frequency(plural_of)
    )


def _frequency(word):
    """How common a word is; a broken plural counts as its singular (the list counts lemmas)."""
    lexicon = morphology()
    frequency = getattr(lexicon, "frequency", lambda _word: 0)
    if not word:
        return 0
    return max(frequency(word), frequency(lexicon.singular(word) or word))


def _weak(rest, base, frequency):
    """Too little evidence to take a single letter off a word the dictionary lacks: the rest
    is a short word that is not common (فانس: انس; بلينكن: لين + كن) or a rare four-letter one
    (والتز: التز). A hamza written on the rest's first alef is evidence enough (فأكثر)."""
    if rest[:1] in "أإآ":
        return False
    if len(base) <= 3:
        # An ending taken off too (لين + كن) is weaker evidence than the bare word (ست).
        return frequency < MIN_BARE_FREQUENCY * (1 if base == fold_word(rest) else 4)
    return len(base) == 4 and frequency < MIN_FREQUENCY


def _best_reading(word, chains, strict=False):
    """The known remainder after one of `chains`; when two readings are known (للبنان: ل +
    لبنان or لل + بنان) the commoner word wins, the longer chain on a tie. `strict`: a single
    letter comes off only before a word common enough (`_weak`)."""
    best, best_frequency = None, -1
    for chain in chains:
        rest = word[len(chain) :]
        if not word.startswith(chain) or len(rest) < 2:
            continue
        base = known(fold_word(rest))
        if base and chain.endswith("ك") and (base != fold_word(rest) or len(base) < 3):
            continue  # ك ("as") comes off a whole word only: كاميرات is not ك + أميرات
        if not base:
            continue
        frequency = _frequency(base)
        if strict and len(chain) == 1 and _weak(rest, base, frequency):
            continue
        if frequency > best_frequency:
            best, best_frequency = rest, frequency
    return best


def analyze(word):
    """The term of one prepared Arabic word (nashra.core.arabic.prepare)."""
    protected = protected_term(word)
    if protected:
        return protected
    if not morphology().known(fold_word(word)):  # فهم and وهم are words, not ف/و + هم
        for chain in PROCLITICS:
            if chain.endswith(("ك", "ال")):
                continue  # وكان is و + كان, not و + ك + إن; والله is not وال + له
            if word.startswith(chain) and len(word) - len(chain) >= 2:
                rest = word[len(chain) :]
                # لل is ل + ال: للذين is ل + الذين
                protected = protected_term(rest) or (
                    chain.endswith("لل") and protected_term("ال" + rest)
                )
                if protected:
                    return protected  # وعلى, فإن, ولكن
    rest = strip_proclitics(word)
    folded = _restore_hamza(fold_word(rest))
    base = singular(folded, rest) or nisba_base(folded) or folded
    if rest.endswith("ة") and _pronoun_is_the_word(base[:-1]):
        return base[:-1]  # مباركة -> مبارك
    term = base if _pronoun_is_the_word(base) else suffix_stem(base)
    if term in protected_words():
        # A content word must not end on a function word's term (منى -> من): keep it whole.
        term = folded
    return term


def _pronoun_is_the_word(word):
    """A final ك that belongs to the word: مبارك is blessed, not مبار + "your"; a word the
    dictionary knows whole and far commoner than what is left without the ك keeps it."""
    lexicon = morphology()
    if not (word.endswith("ك") and len(word) >= 4 and lexicon.known(word)):
        return False
    return _frequency(word) > COMMONER * _frequency(known(word[:-1]))


NISBA = ("يين", "يون", "يات", "يه", "ي")


def nisba_base(word):
    """The place or thing a nisba adjective (or its plural) names, when the dictionary lacks
    the adjective: فلسطيني, فلسطينيه, فلسطينيين -> فلسطين. A word it knows whole (كرسي) and
    a short base (دبي is not دب + ي) stay."""
    lexicon = morphology()
    if lexicon.known(word):
        return None
    for suffix in NISBA:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 4 and lexicon.known(base):
            return base
    return None


def _restore_hamza(word):
    """A hamza typed as its bare seat inside a word (مسالة, مسوول, مسيول for مسألة, مسؤول):
    when the dictionary knows the word only with the hamza, take that spelling. A word it
    knows as written (سال "flowed", بدا "appeared") keeps it."""
    if morphology().known(word) or known(word) == word[:-2] + "ه":
        return word  # ... and the feminine plural of a word it knows (ولايات, وكالات)
    for i, letter in enumerate(word):
        if i and letter in "اوي" and known(word[:i] + "ء" + word[i + 1 :]):
            return word[:i] + "ء" + word[i + 1 :]
    return word


def protected_term(word):
    """The term of a protected word (its alef maqsura kept), or None."""
    key = _protected_key(word)
    if key in protected_words():
        return key
    if key.endswith("ى") and key[:-1] + "ي" in protected_words():
        return key[:-1] + "ي"  # the Egyptian spelling of a final ي: فى, الذى
    return None


def _protected_key(word):
    # fold_word without the alef maqsura: على and علي must stay apart.
    return fold_word(word.replace("ى", "\0")).replace("\0", "ى")


_lock = threading.Lock()
_protected = None


def protected_words():
    global _protected
    if _protected is None:
        with _lock:
            if _protected is None:
                _protected = frozenset(_load_protected())
    return _protected


def _load_protected():
    """The protected words: NASHRA_SEARCH_PROTECTED_WORDS_FILES (the shipped list by default),
    then NASHRA_SEARCH_PROTECTED_WORDS_EXTRA, whose lines add words or, `-word`, remove them."""
    from django.conf import settings

    default = [DATA / "protected_words_ar.txt"]
    files, extra = default, None
    if settings.configured:  # the analysis also runs outside Django (bench/)
        files = getattr(settings, "NASHRA_SEARCH_PROTECTED_WORDS_FILES", default) or []
        extra = getattr(settings, "NASHRA_SEARCH_PROTECTED_WORDS_EXTRA", None)
    words = set()
    for path in files:
        words.update(_protected_key(w) for w in read_word_file(path))
    if extra:
        for line in read_word_file(extra):
            if line.startswith("-"):
                words.discard(_protected_key(line[1:].strip()))
            else:
                words.add(_protected_key(line))
    return words


def reset():
    """Forget the loaded protected words (tests, or after changing the settings)."""
    global _protected
    with _lock:
        _protected = None
    known.cache_clear()  # it read the dictionary in use
