"""What is cached, what it depends on, and what must never be cached: declared once, by the
app that owns it, and read by everything that caches or purges.

Each app declares its part in a `caching.py` module (found in every installed app the first
time the contract is read, as Django finds `admin.py`):

- cached pieces (`piece`): a value `page_cache.versioned` keeps, its key, and whether it
  depends on one address and on one or every language edition;
- page groups (`group`): addresses purged together by one version (all feeds of an edition,
  all sitemaps);
- uncacheable addresses (`uncacheable`): path prefixes, sections under an edition
  (/en/search/) and one-off query flags (?reacted=) that neither the page cache nor the nginx
  front cache may store.

`contract()` turns the declarations into the tuples and sets a cache hit consults, once per
process; the page cache, the nginx config renderer and the purge code read it from there.
See docs/developers/caching.md.
"""

from dataclasses import dataclass, field
from functools import cache as memoize

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

NO_EDITION, ONE_EDITION, EVERY_EDITION = "none", "one", "every"

_pieces, _groups, _uncacheable, _query_keyed = {}, {}, [], {}


class ContractError(ValueError):
    """A declaration that contradicts another, or a use of something never declared."""


@dataclass(frozen=True)
class Piece:
    """A value cached until a purge of what it depends on. Calling it with the values its key
    names gives the keyword arguments of `page_cache.versioned` and `page_cache.prefetch`."""

    name: str
    key: str  # a format string over the call's keyword values, e.g. "edition:{language}"
    owner: str
    path: bool = False  # depends on one address: purging the address rebuilds it
    editions: str = NO_EDITION  # and on no edition, the given one, or every one
    about: str = ""

    def __call__(self, *, path=None, language=None, **values):
        if self.path and path is None:
            raise ContractError(f"The cached piece {self.name!r} depends on a path: give it")
        if self.editions == ONE_EDITION and language is None:
            raise ContractError(f"The cached piece {self.name!r} depends on an edition: give it")
        spec = {"key": self.key.format(path=path, language=language, **values)}
        if self.path:
            spec["paths"] = [path]
        if self.editions == ONE_EDITION:
            spec["languages"] = [language]
        elif self.editions == EVERY_EDITION:
            spec["languages"] = [code for code, _name in settings.LANGUAGES]
        return spec


@dataclass(frozen=True)
class Group:
    """Addresses whose cached copies are made unreachable together, by one version: either a
    section of every edition (/<language>/feeds/..., one group per edition) or addresses
    outside the editions (prefixes such as /sitemap, exact paths such as /robots.txt)."""

    name: str
    owner: str
    section: str = ""  # "/<edition>/<section>/...": one group per edition, "<edition>:<section>"
    prefixes: tuple = ()
    exact: tuple = ()
    about: str = ""

    def __call__(self, language=None):
        """The name `page_cache.purge(groups=...)` takes for this group (of this edition)."""
        if self.section:
            if language is None:
                raise ContractError(f"The page group {self.name!r} is per edition: give one")
            return f"{language}:{self.section}"
        return self.name


@dataclass(frozen=True)
class Uncacheable:
    owner: str
    prefixes: tuple = ()  # paths starting so: /admin, /api/
    sections: tuple = ()  # /<edition>/<section>/...: answers for one reader (search, engagement)
    flags: tuple = ()  # ?<flag>=...: a one-off page for one reader (a thank-you)
    from_disk: bool = False  # files the web server serves itself (static, media)
    about: str = ""


@dataclass(frozen=True)
class QueryKeyed:
    """A section of every edition that the nginx front cache keeps out of (it is declared
    `uncacheable`) but whose page at `/<edition>/<section>/` the app's page cache keeps,
    under `key(query string)`: a canonical form of everything the page shows that depends on
    the query, or None when this request's page must be neither served from the cache nor
    stored (search: nashra/search/caching.py)."""

    name: str  # the section
    owner: str
    key: object
    about: str = ""


def keyed_by_query(section, *, owner, key, about=""):
    return _declare(_query_keyed, QueryKeyed(section, owner, key, about))


def piece(name, key, *, owner, path=False, editions=NO_EDITION, about=""):
    if editions not in (NO_EDITION, ONE_EDITION, EVERY_EDITION):
        raise ContractError(f"Unknown editions {editions!r} for the cached piece {name!r}")
    return _declare(_pieces, Piece(name, key, owner, path, editions, about))


def group(name, *, owner, section="", prefixes=(), exact=(), about=""):
    if bool(section) == bool(prefixes or exact):
        raise ContractError(f"The page group {name!r} needs a section or paths, not both")
    return _declare(_groups, Group(name, owner, section, tuple(prefixes), tuple(exact), about))


def uncacheable(*, owner, prefixes=(), sections=(), flags=(), from_disk=False, about=""):
    """Declare addresses no cache may store. Returns the flags, for the code that adds them."""
    declared = Uncacheable(owner, tuple(prefixes), tuple(sections), tuple(flags), from_disk, about)
    if declared not in _uncacheable:
        for other in _uncacheable:
            taken = set(other.flags) & set(declared.flags)
            if taken and other.owner != owner:
                raise ContractError(f"The flags {sorted(taken)} are declared by {other.owner}")
        _uncacheable.append(declared)
        _forget()
    return declared.flags


def _declare(registry, declared):
    known = registry.get(declared.name)
    if known is not None and known != declared:
        raise ContractError(
            f"{declared.name!r} is declared twice: by {known.owner} and {declared.owner}"
        )
    registry[declared.name] = declared
    _forget()
    return declared


@dataclass(frozen=True)
class Contract:
    """Everything declared, in the shapes its readers need (computed once)."""

    pieces: dict
    groups: dict
    uncacheable: tuple
    never_prefixes: tuple = field(default=())  # for str.startswith
    per_reader_parts: tuple = field(default=())  # "/search/": anywhere in the path
    flag_markers: tuple = field(default=())  # "reacted=": anywhere in the query string
    flags: tuple = field(default=())
    group_sections: frozenset = field(default=frozenset())
    group_prefixes: tuple = field(default=())  # (prefix, group name)
    group_starts: tuple = field(default=())  # the prefixes alone, for one str.startswith
    group_exact: dict = field(default_factory=dict)  # path -> group name
    query_keys: dict = field(default_factory=dict)  # section -> key(query string)

    def piece(self, name):
        try:
            return self.pieces[name]
        except KeyError:
            raise ContractError(f"No cached piece {name!r} is declared") from None

    def group(self, name, language=None):
        try:
            return self.groups[name](language)
        except KeyError:
            raise ContractError(f"No page group {name!r} is declared") from None

    def group_of(self, path):
        """The group an address belongs to (its version's name without `pcv:group:`), if any."""
        if path in self.group_exact:
            return self.group_exact[path]
        if path.startswith(self.group_starts):
            return next(name for prefix, name in self.group_prefixes if path.startswith(prefix))
        parts = [p for p in path.split("/") if p]
        if len(parts) >= 2 and parts[1] in self.group_sections:
            return f"{parts[0]}:{parts[1]}"
        return None

    def groups_outside_editions(self):
        """The groups a purge of every edition does not reach (their addresses have none)."""
        return [g.name for g in self.groups.values() if not g.section]

    def app_prefixes(self):
        """Uncacheable prefixes the app answers (not the files a web server serves itself)."""
        return tuple(p for u in self.uncacheable if not u.from_disk for p in u.prefixes)

    def sections(self):
        return tuple(s for u in self.uncacheable for s in u.sections)


@memoize
def contract():
    """The declarations of every installed app, read once per process."""
    autodiscover_modules("caching")
    return _build()


def _build():
    uncacheable = tuple(_uncacheable)
    keyed = {q.name: q.key for q in _query_keyed.values()}
    flags = tuple(dict.fromkeys(f for u in uncacheable for f in u.flags))
    return Contract(
        pieces=dict(_pieces),
        groups=dict(_groups),
        uncacheable=uncacheable,
        never_prefixes=tuple(p for u in uncacheable for p in u.prefixes),
        # A section keyed by query is refused by the page cache unless its key says otherwise.
        per_reader_parts=tuple(f"/{s}/" for u in uncacheable for s in u.sections if s not in keyed),
        flag_markers=tuple(f"{flag}=" for flag in flags),
        flags=flags,
        group_sections=frozenset(g.section for g in _groups.values() if g.section),
        group_prefixes=tuple((p, g.name) for g in _groups.values() for p in g.prefixes),
        group_starts=tuple(p for g in _groups.values() for p in g.prefixes),
        group_exact={p: g.name for g in _groups.values() for p in g.exact},
        query_keys=keyed,
    )


def _forget():
    """A declaration after the contract was read (a module imported late, a test): read it
    again. Readers that precomputed from it (page_cache's settings) are told too."""
    contract.cache_clear()
    for listener in _listeners:
        listener()


_listeners = []


def on_change(listener):
    _listeners.append(listener)
    return listener
