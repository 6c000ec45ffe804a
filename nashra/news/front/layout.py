"""What an edition's front page shows, block by block, in a fixed number of queries.

The layout (HomePage.layout) is read from its stored JSON, without loading the pages its
choosers name. Then, whatever the number of blocks and stories:

- one query checks the hand-picked and pinned stories (published, in this edition);
- one query each takes the newest stories of the edition, of every section a block names
  (a window over the sections), and of the opinion pieces, when a block needs them;
- one query ranks the most-commented stories, when a block shows them;
- blocks are filled in order, earlier blocks winning (no story twice on one front);
- one query finds related links for automatic lead packages, when there are some;
- one query (ArticlePage.objects.for_cards(), plus its prefetches) loads every card shown,
  with the writers and their photos when an opinion strip is shown;
- the template's comment_counts() counts the comments of every card in one query.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail import blocks as wagtail_blocks

from .blocks import AUTOMATIC, PICKED

# Stories an automatic block may have to pass over (shown by an earlier block) are bounded by
# the number of stories on the page; past this a front is not a front.
MAX_CANDIDATES = 80
OPINION = "opinion"
_datetime = wagtail_blocks.DateTimeBlock()


@dataclass
class Block:
    """One block of a front as its template renders it."""

    type: str
    id: str
    title: str = ""
    section: object = None  # the SectionPage an automatic or section block follows
    stories: list = field(default_factory=list)
    related: list = field(default_factory=list)  # a lead package's links
    pinned: object = None  # the story pinned on top, while its pin holds
    ids: list = field(default_factory=list)
    related_ids: list = field(default_factory=list)

    @property
    def cards(self):
        return self.stories + self.related


def _ids(raw):
    """Page ids from a chooser list's stored value (ListBlock items or bare ids)."""
    found = []
    for item in raw or []:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, int):
            found.append(value)
    return found


def _pin(value, now):
    """The pinned story's id while its pin holds, else None."""
    pinned, until = value.get("pinned"), value.get("pinned_until")
    if not pinned or not until:
        return None
    until = _datetime.to_python(until)
    if until is None:
        return None
    if timezone.is_naive(until):
        until = timezone.make_aware(until)
    return pinned if until > now else None


def pin_expiries(raw_layout):
    """Every pinned_until of a stored layout, as aware datetimes."""
    found = []
    for item in raw_layout or []:
        value = item.get("value") or {}
        if value.get("pinned") and value.get("pinned_until"):
            until = _datetime.to_python(value["pinned_until"])
            if until is not None:
                found.append(timezone.make_aware(until) if timezone.is_naive(until) else until)
    return found


def next_pin_expiry(raw_layout, now=None):
    """The first pin of a layout still to expire, or None."""
    now = now or timezone.now()
    upcoming = [until for until in pin_expiries(raw_layout) if until > now]
    return min(upcoming) if upcoming else None


def pin_state(raw_layout, now=None):
    """Which pins of a layout hold now, as a short string for a cache key: it changes when one
    expires, so a cached front never keeps showing an expired pin."""
    now = now or timezone.now()
    held = [str(i) for i, item in enumerate(raw_layout or []) if _pin(item.get("value") or {}, now)]
    return "pins-" + "-".join(held) if held else "none"


def automatic_layout(home):
    """The front of an edition whose editors laid none out (as before layouts): the lead
    story, the top stories, then a block per section of the edition, in the tree's order."""
    from nashra.news.models import SectionPage
    from nashra.news.models.querysets import children_q

    sections = SectionPage.objects.live().child_of(home).filter(children_q(home))
    return [
        {"type": "lead", "id": "lead", "value": {"related_count": 0}},
        {"type": "top_stories", "id": "top", "value": {"count": 4}},
        *(
            {"type": "section", "id": f"section-{pk}", "value": {"section": pk, "count": 4}}
            for pk in sections.values_list("pk", flat=True)
        ),
    ]


def _count(value, default, low, high):
    try:
        number = int(value.get("count", default))
    except (TypeError, ValueError):
        number = default
    return max(low, min(high, number))


_COUNTS = {
    "lead": (1, 1, 1),
    "top_stories": (4, 2, 8),
    "section": (4, 2, 8),
    "opinion": (4, 2, 6),
    "latest": (6, 3, 15),
    "most_commented": (5, 3, 10),
    "story_list": (12, 1, 12),
}


@dataclass
class _Spec:
    block: Block
    count: int
    source: str  # AUTOMATIC or PICKED
    pool: str = ""  # "all", "section:<id>", "opinion", "comments:<days>"
    picked: list = field(default_factory=list)
    pin: int = None
    related_picked: list = field(default_factory=list)
    related_count: int = 0


def _specs(raw_layout, now):
    specs = []
    for item in raw_layout or []:
        kind, value = item.get("type"), item.get("value") or {}
        if kind not in _COUNTS:
            continue
        block = Block(type=kind, id=str(item.get("id", "")), title=value.get("title") or "")
        count = _count(value, *_COUNTS[kind])
        source = value.get("source", AUTOMATIC)
        section = value.get("section") or None
        spec = _Spec(block, count, PICKED if kind == "story_list" else source)
        if kind == "story_list":
            spec.picked = _ids(value.get("stories"))[:count]
        elif kind == "most_commented":
            spec.source = AUTOMATIC
            spec.pool = f"comments:{_count({'count': value.get('days', 7)}, 7, 1, 30)}"
        else:
            if kind in ("latest",):
                spec.source = AUTOMATIC
            if spec.source == PICKED:
                spec.picked = _ids(value.get("stories"))
            if kind == "opinion":
                spec.pool = OPINION
            elif section:
                spec.pool = f"section:{section}"
            else:
                spec.pool = "all"
            block.section = section
            spec.pin = _pin(value, now)
            if kind == "lead":
                spec.related_picked = _ids(value.get("related"))[:4]
                spec.related_count = _count({"count": value.get("related_count", 3)}, 3, 0, 4)
        specs.append(spec)
    return specs


def build(home, raw_layout, now=None):
    """The blocks of `home`'s front for a stored layout, stories loaded for their cards."""
    from nashra.engagement.models import Comment, CommentStatus
    from nashra.images.models import NashraImage
    from nashra.news.models import ArticleAuthor, ArticlePage, SectionPage

    now = now or timezone.now()
    specs = _specs(raw_layout, now)
    # A block naming a section shows only while that section is live and of this edition
    # (the admin form refuses another edition's; one unpublished later drops its block).
    section_ids = {_int(s.block.section) for s in specs if s.block.section}
    named = SectionPage.objects.live().descendant_of(home).filter(pk__in=section_ids)
    named = {s.pk: s for s in named.select_related("locale")} if section_ids else {}
    specs = [s for s in specs if not s.block.section or _int(s.block.section) in named]
    if not specs:
        return []
    # The page's lead story (HomePage.lead_article) leads its first automatic lead package,
    # unless a pin of the block holds.
    lead = next((s for s in specs if s.block.type == "lead"), None)
    if lead and lead.source == AUTOMATIC and not lead.pin and home.lead_article_id:
        lead.pin = home.lead_article_id
    published = ArticlePage.objects.published().descendant_of(home)
    need = min(MAX_CANDIDATES, sum(s.count + s.related_count for s in specs))

    chosen = {i for s in specs for i in (*s.picked, *s.related_picked)}
    chosen |= {s.pin for s in specs if s.pin}
    valid = {}  # id -> section id, of the chosen stories a reader may see
    if chosen:
        valid = dict(published.filter(pk__in=chosen).values_list("pk", "section_id"))

    pools = {}  # pool -> [(id, section id)], newest first
    wanted = {s.pool for s in specs if s.source == AUTOMATIC}
    if "all" in wanted:
        pools["all"] = list(published.values_list("pk", "section_id")[:need])
    sections = sorted({int(p.split(":")[1]) for p in wanted if p.startswith("section:")})
    if sections:
        pools.update(_newest_per_section(published, sections, need))
    if OPINION in wanted:
        opinion = published.filter(article_type=OPINION)
        pools[OPINION] = list(opinion.values_list("pk", "section_id")[:need])
    windows = sorted({int(p.split(":")[1]) for p in wanted if p.startswith("comments:")})
    if windows:
        pools.update(_most_commented(Comment, CommentStatus, home, windows, now))

    section_of = dict(valid)
    for pool in pools.values():
        section_of.update(pool)
    # The lead packages' links belong to them: they come before any later block's stories.
    # Their automatic links follow the lead story's section, known once the blocks are
    # filled: fill them, fetch those sections' newest (one query), and fill them again.
    _fill(specs, pools, valid, {})
    related_pools = _related_pools(published, specs, section_of, need)
    _fill(specs, pools, valid, related_pools, section_of)

    every = {i for s in specs for i in (*s.block.ids, *s.block.related_ids)}
    cards = published.filter(pk__in=every).for_cards() if every else ArticlePage.objects.none()
    if any(s.block.type == "opinion" for s in specs):
        photos = NashraImage.objects.prefetch_renditions()
        bylines = ArticleAuthor.objects.order_by("sort_order").select_related("author")
        bylines = bylines.prefetch_related(Prefetch("author__photo", queryset=photos))
        cards = cards.prefetch_related(Prefetch("article_authors", queryset=bylines))
    loaded = {a.pk: a for a in cards}
    for spec in specs:
        block = spec.block
        block.stories = [loaded[i] for i in block.ids if i in loaded]
        block.related = [loaded[i] for i in block.related_ids if i in loaded]
        block.pinned = loaded.get(block.pinned) if block.pinned else None
        block.section = named.get(_int(block.section)) if block.section else None
    return [spec.block for spec in specs]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _newest_per_section(published, sections, need):
    """The newest `need` stories of each section, in one query (a window per section)."""
    rank = Window(
        RowNumber(),
        partition_by=[F("section_id")],
        order_by=[F("first_published_at").desc(), F("id").desc()],
    )
    rows = (
        published.filter(section_id__in=sections)
        .annotate(rank=rank)
        .filter(rank__lte=need)
        .values_list("pk", "section_id")
    )
    pools = {f"section:{s}": [] for s in sections}
    for pk, section_id in rows:  # ordered newest first by published()
        pools[f"section:{section_id}"].append((pk, section_id))
    return pools


def _most_commented(comment_model, statuses, home, windows, now):
    """Per window of days: the stories of the edition with the most approved comments in it,
    most first (ties: the newer story first). One query for every window."""
    counts = {
        f"n{days}": Count("pk", filter=Q(created_at__gte=now - timedelta(days=days)))
        for days in windows
    }
    rows = (
        comment_model.objects.filter(
            status=statuses.APPROVED,
            created_at__gte=now - timedelta(days=max(windows)),
            article__live=True,
            article__path__startswith=home.path,
        )
        .values("article_id", "article__section_id", "article__first_published_at")
        .annotate(**counts)
    )
    rows = list(rows)
    pools = {}
    for days in windows:
        ranked = sorted(
            (r for r in rows if r[f"n{days}"]),
            key=lambda r: (r[f"n{days}"], r["article__first_published_at"]),
            reverse=True,
        )
        pools[f"comments:{days}"] = [(r["article_id"], r["article__section_id"]) for r in ranked]
    return pools


def _fill(specs, pools, valid, related_pools, section_of=None):
    """Give each block its stories, in order, no story twice (earlier blocks win)."""
    shown = set()
    for spec in specs:
        ids = []
        spec.block.pinned = None
        if spec.pin in valid and spec.pin not in shown:
            ids.append(spec.pin)
            spec.block.pinned = spec.pin
        if spec.source == PICKED:
            candidates = [i for i in spec.picked if i in valid]
        else:
            candidates = [i for i, _section in pools.get(spec.pool, [])]
        for i in candidates:
            if len(ids) >= spec.count:
                break
            if i not in shown and i not in ids:
                ids.append(i)
        shown.update(ids)
        spec.block.ids = ids
        spec.block.related_ids = []
        if spec.block.type == "lead" and ids and spec.related_count:
            if spec.related_picked:
                related = [i for i in spec.related_picked if i in valid]
            else:
                section = (section_of or {}).get(ids[0])
                related = [i for i, _s in related_pools.get(f"section:{section}", [])]
            related = [i for i in related if i not in shown][: spec.related_count]
            spec.block.related_ids = related
            shown.update(related)


def _related_pools(published, specs, section_of, need):
    """The newest stories of the sections of the lead stories with automatic links, in one
    query for every lead package."""
    sections = {
        section_of.get(s.block.ids[0])
        for s in specs
        if s.block.type == "lead" and s.block.ids and s.related_count and not s.related_picked
    }
    sections = sorted(sections - {None})
    return _newest_per_section(published, sections, need) if sections else {}
