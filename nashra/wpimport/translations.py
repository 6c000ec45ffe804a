"""Which language each post is in, and which posts are translations of each other.

Two plugins carry this into a WordPress export:

- Polylang: a `language` term per language (its description is a serialized array with the
  locale), each post tagged with its language (`<category domain="language">`), and a
  `post_translations` term per group of twins, whose description is a serialized
  {language: post id} array; each post of the group is also tagged with that term.
- WPML: postmeta. "WPML Export and Import" writes `_wpml_import_language_code`,
  `_wpml_import_translation_group` (the group, WPML's trid) and
  `_wpml_import_source_language_code`; older exports carry `_icl_lang_code` (and some
  `_icl_translation_of`, the id of the original).

Categories and tags are paired the same way: Polylang's `term_translations` terms
({language: term id}), WPML's `_wpml_import_term_language_code` and
`_wpml_import_term_translation_group` term meta (`term_language_of`, `term_twins_of`).

Feed it every term and item (`add_term`, `add_item`, in any order), then ask. Language codes
are normalised to the language alone: ar, ar_SA, ar-EG -> "ar"; en_US, en_GB -> "en".
"""

from .phpdata import maybe_unserialize

POLYLANG_TAXONOMIES = frozenset(
    {"language", "post_translations", "term_language", "term_translations"}
)
WPML_LANGUAGE_KEYS = ("_wpml_import_language_code", "_icl_lang_code")
WPML_GROUP_KEY = "_wpml_import_translation_group"
WPML_SOURCE_KEY = "_wpml_import_source_language_code"
WPML_ORIGINAL_KEY = "_icl_translation_of"
WPML_TERM_LANGUAGE_KEY = "_wpml_import_term_language_code"
WPML_TERM_GROUP_KEY = "_wpml_import_term_translation_group"


def normalise_language(code):
    """'ar_SA', 'ar-EG', 'AR' -> 'ar'; '' or None -> None."""
    code = (code or "").strip().lower().replace("-", "_")
    if not code:
        return None
    return code.split("_", 1)[0] or None


class TranslationIndex:
    def __init__(self):
        self._language_locales = {}  # Polylang language term slug -> its locale
        self._item_language = {}  # wp id -> (source, raw code)
        self._groups = {}  # group key -> {wp id: None} (ordered set of members)
        self._member_of = {}  # wp id -> {group key: None}
        self._declared_code = {}  # wp id -> raw language code named by a Polylang group
        self._items = set()
        self.polylang_seen = False
        self.wpml_seen = False
        # (language, kept wp id, dropped wp id): two posts of one group in one language.
        self.conflicts = set()
        # Terms (categories, tags): Polylang's term_translations, WPML's term meta.
        self._terms = set()
        self._term_language = {}  # term id -> raw language code
        self._term_groups = {}  # group key -> {term id: None}
        self._term_member_of = {}  # term id -> {group key: None}

    def add_term(self, term):
        if term.taxonomy in POLYLANG_TAXONOMIES:
            self.polylang_seen = True
        if term.id is not None:
            self._terms.add(term.id)
            code = (term.meta.get(WPML_TERM_LANGUAGE_KEY) or [""])[0].strip()
            group = (term.meta.get(WPML_TERM_GROUP_KEY) or [""])[0].strip()
            if code:
                self.wpml_seen = True
                self._term_language.setdefault(term.id, code)
            if group:
                self.wpml_seen = True
                self._join_terms(("wpml", group), term.id)
        if term.taxonomy == "language":
            details = maybe_unserialize(term.description)
            locale = details.get("locale") if isinstance(details, dict) else None
            self._language_locales[term.slug] = locale if isinstance(locale, str) else term.slug
        elif term.taxonomy == "post_translations":
            group = ("polylang", term.slug)
            declared = maybe_unserialize(term.description)
            if isinstance(declared, dict):
                for language, wp_id in declared.items():
                    wp_id = _as_int(wp_id)
                    if isinstance(language, str) and wp_id:
                        self._declared_code.setdefault(wp_id, language)
                        self._join(group, wp_id)
        elif term.taxonomy == "term_translations":
            declared = maybe_unserialize(term.description)
            if isinstance(declared, dict):
                for language, term_id in declared.items():
                    term_id = _as_int(term_id)
                    if isinstance(language, str) and term_id:
                        self._term_language.setdefault(term_id, language)
                        self._join_terms(("polylang", term.slug), term_id)

    def _join_terms(self, group, term_id):
        self._term_groups.setdefault(group, {})[term_id] = None
        self._term_member_of.setdefault(term_id, {})[group] = None

    def term_language_of(self, term_id):
        """A category's or tag's language, from Polylang's term_translations groups or
        WPML's term meta; None if the file does not say."""
        code = self._term_language.get(term_id)
        return normalise_language(self._language_locales.get(code, code)) if code else None

    def term_twins_of(self, term_id):
        """{language: term id} for the term's translation group, the term included, counting
        only terms that are in the file; {} if it has no twin in the file."""
        if term_id not in self._terms:
            return {}
        found = {}
        language = self.term_language_of(term_id)
        if language:
            found[language] = term_id
        for group in self._term_member_of.get(term_id, ()):
            for member in self._term_groups[group]:
                language = self.term_language_of(member)
                if member in self._terms and language:
                    found.setdefault(language, member)
        return found if term_id in found.values() and len(found) > 1 else {}

    def add_item(self, item):
        self._items.add(item.id)
        for term in item.terms:
            if term.domain == "language" and term.slug:
                self.polylang_seen = True
                self._item_language[item.id] = ("polylang", term.slug)
            elif term.domain == "post_translations" and term.slug:
                self.polylang_seen = True
                self._join(("polylang", term.slug), item.id)
        for key in WPML_LANGUAGE_KEYS:
            code = item.meta_value(key).strip()
            if code:
                self.wpml_seen = True
                self._item_language.setdefault(item.id, ("wpml", code))
        group = item.meta_value(WPML_GROUP_KEY).strip()
        if group:
            self.wpml_seen = True
            self._join(("wpml", group), item.id)
        original = _as_int(item.meta_value(WPML_ORIGINAL_KEY))
        if original:
            self.wpml_seen = True
            self._join(("wpml-original", original), original)
            self._join(("wpml-original", original), item.id)

    def _join(self, group, wp_id):
        self._groups.setdefault(group, {})[wp_id] = None
        self._member_of.setdefault(wp_id, {})[group] = None

    @property
    def plugin(self):
        """'polylang', 'wpml' or None: which plugin's translation data the file carries."""
        if self.polylang_seen:
            return "polylang"
        if self.wpml_seen:
            return "wpml"
        return None

    def language_of(self, wp_id):
        """The post's language ('en', 'ar', ...), or None if the file does not say."""
        found = self._item_language.get(wp_id)
        if found:
            source, code = found
            if source == "polylang":
                code = self._language_locales.get(code, code)
            return normalise_language(code)
        code = self._declared_code.get(wp_id)
        if code:
            return normalise_language(self._language_locales.get(code, code))
        return None

    def twins_of(self, wp_id):
        """{language: wp id} for the post's translation group, the post itself included,
        counting only posts that are in the file; {} if it has no twin in the file."""
        if wp_id not in self._items:
            return {}
        found = {}
        language = self.language_of(wp_id)
        if language:
            found[language] = wp_id  # the post itself wins its own language
        for group in self._member_of.get(wp_id, ()):
            for member in self._groups[group]:
                if member not in self._items:
                    continue
                language = self.language_of(member)
                if not language:
                    continue
                kept = found.setdefault(language, member)
                if kept != member:
                    self.conflicts.add((language, kept, member))
        return found if wp_id in found.values() and len(found) > 1 else {}

    def groups(self):
        """Every translation group with at least two posts in the file, as {language: wp id}."""
        seen, result = set(), []
        for wp_id in sorted(self._member_of):
            if wp_id in seen:
                continue
            twins = self.twins_of(wp_id)
            if twins:
                seen.update(twins.values())
                result.append(twins)
        return result


def _as_int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
