"""Clustering article-level events into real-world events, one block at a time.

A block is one event type in one calendar month (``strike:2024-03``); nothing fuses across
blocks, so a block's clusters are a pure function of the events in it. That is what makes
fusion incremental (only blocks whose events changed are clustered again) and independent
of the order articles arrived in (a block is always clustered from its whole content, in a
canonical order).

Inside a block, reports are taken from the most precise to the coarsest:

1. *Anchors* are reports precise enough to identify a happening on their own: a day and a
   place for strikes and deployments, a day and a named speaker for threats. Compatible
   anchors are joined, best pairs first, with complete linkage (every member compatible
   with every other). Two anchors of one article may join only when they fit each other
   (an article that names the air base and its town in two records).
2. Then each coarser level in turn (a region instead of a place, then a country, then
   none; a month instead of a day): a report joins the cluster it fits best (it must be
   compatible with every member, and one record per article), and stays out when two
   clusters fit equally well: a wrong merge costs more than a missed one.
3. Reports of a level left out are joined among themselves when they fit each other, and
   the clusters they make are there for the coarser levels.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..kb import fold

GENERIC_WEAPONS = ("drone", "ballistic missile", "cruise missile", "missile", "aircraft",
                   "artillery", "nuclear weapon")


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseOptions:
    """How close two reports must be to be one happening.

    ``day_tolerance``: days two day-precision reports may differ by (0: the same day;
    raise it when sources date night attacks on either side of midnight).
    ``radius_km``: how far apart two named places may lie and still be one target.
    ``window_days``: how far before and after a threat escalation links look.
    ``conflict_share``, ``conflict_min``: two sides' figures for one field are a conflict
    when they differ by more than this share of the larger and by more than this many
    (10% and 2: 40 against 43 is no conflict, 40 against 50 is).
    """

    day_tolerance: int = 0
    radius_km: float = 25.0
    window_days: int = 14
    conflict_share: float = 0.10
    conflict_min: int = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """What clustering needs to know of one article-level event."""

    key: str  # the store's event key: article hash and event id
    article: str  # article hash: two records of one article never fuse
    type: str
    date: str | None
    place: str | None = None  # folded names
    site: bool = False  # the place is a named site (an air base, a refinery), not a town
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    side: str | None = None
    speaker: tuple[str, ...] = ()  # folded words of the actor's name (threats)
    weapons: frozenset[str] = frozenset()  # named families, generic names dropped
    kinds: frozenset[str] = frozenset()  # broad kinds: missile, drone, aircraft...
    launched: int | None = None
    killed: int | None = None
    day: int | None = None  # the date as a day number, when it is day-precise
    intercepted: int | None = None
    injured: int | None = None
    claimant: str | None = None  # folded name of who the record credits its figures to

    @property
    def is_anchor(self) -> bool:
        """Precise enough to identify a happening alone: a day and a place (a speaker for
        threats)."""
        return level(self) == (0, 0)


def day_number(date: str | None) -> int | None:
    """A day-precise date as a day number (None for coarser dates)."""
    if date and len(date) == 10:
        return dt.date.fromisoformat(date).toordinal()
    return None


def block_of(type_: str, date: str | None) -> str:
    """The block an event is clustered in: its type and month (or year, or 'undated')."""
    if not date:
        return f"{type_}:undated"
    return f"{type_}:{date[:7]}"


# the same few thousand names (places, regions, claimants) come back in every block
_fold = lru_cache(maxsize=65536)(fold)


def item_from_record(key: str, article: str, record: dict, kinds_of: dict[str, str],
                     is_person: Callable[[str], bool] | None = None,
                     is_site: Callable[[str], bool] | None = None) -> Item:
    """An :class:`Item` from an event record as ``veille extract`` writes it; ``kinds_of``
    maps weapon families and generic names to broad kinds; ``is_person`` tells whether a
    threat's actor names a person (only a person identifies a threat with the day: "Moscou"
    or "le Conseil de sécurité" speak for a side, as any of its officials may); ``is_site``
    whether a place is a named site (an air base, a refinery), not a town."""
    loc = record.get("location") or {}
    actor = record.get("actor") or {}
    weapons = [w for w in record.get("weapons") or () if w]
    named = frozenset([w for w in weapons if w not in GENERIC_WEAPONS])
    kinds = frozenset([k for w in weapons if (k := kinds_of.get(w))])
    if record.get("type") == "strike" and "air defence" in kinds:
        # an air-defence missile named as a strike's weapon is fired at the ground (S-300 on
        # Kharkiv): a missile like any other
        kinds = (kinds - {"air defence"}) | {"missile"}
    speaker = ()
    if record.get("type") == "threat" and actor.get("name") and (
            is_person is None or is_person(actor["name"])):
        speaker = tuple(w for w in _fold(actor["name"]).replace("-", " ").split() if len(w) > 2)
    return Item(
        key=key, article=article, type=record["type"], date=record.get("date"),
        place=_fold(loc["place"]) if loc.get("place") else None,
        site=bool(loc.get("place") and is_site is not None and is_site(loc["place"])),
        admin1=_fold(loc["admin1"]) if loc.get("admin1") else None,
        country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon"),
        side=actor.get("side"), speaker=speaker, weapons=named, kinds=kinds,
        launched=record.get("launched"), killed=record.get("killed"),
        day=day_number(record.get("date")), intercepted=record.get("intercepted"),
        injured=record.get("injured"),
        claimant=_fold(claimant["name"]) if (claimant := record.get("claimed_by") or {}).get("name")
        else None)


def distance_km(a: Item, b: Item) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


# -- compatibility --------------------------------------------------------------------------

def same_place(a: Item, b: Item, radius_km: float) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.place == b.place:
        return True
    if a.lat is None or b.lat is None:
        return False
    if abs(a.lat - b.lat) * _KM_PER_DEGREE > radius_km * 1.000001:
        return False  # further apart north to south alone (a great circle is no shorter)
    d = distance_km(a, b)
    return d is not None and d <= radius_km


_KM_PER_DEGREE = 2 * math.pi * 6371.0 / 360


def place_fits(coarse: Item, fine: Item, radius_km: float) -> bool:
    """Whether the coarser location of ``coarse`` contains (or is) ``fine``'s."""
    if coarse.place:
        return fine.place is not None and same_place(coarse, fine, radius_km)
    if coarse.admin1:
        return fine.admin1 == coarse.admin1 and (not coarse.country or fine.country == coarse.country)
    if coarse.country:
        return fine.country == coarse.country
    return True


def date_fits(coarse: Item, fine: Item, tolerance: int) -> bool:
    if coarse.date is None or fine.date is None:
        return coarse.date == fine.date
    cd, fd = coarse.day, fine.day
    if cd is not None and fd is not None:
        return abs(cd - fd) <= tolerance
    return fine.date.startswith(coarse.date)


def same_speaker(a: Item, b: Item) -> bool:
    """Two threats' speakers are one person: one name's words hold the other's surname."""
    if not a.speaker or not b.speaker:
        return True
    return a.speaker[-1] in b.speaker or b.speaker[-1] in a.speaker


def weapons_fit(a: Item, b: Item) -> bool:
    """Reports of one attack name weapons of a shared kind (or one names none); two
    deployments must share a named system when both name one."""
    if a.type == "deployment" and a.weapons and b.weapons:
        return bool(a.weapons & b.weapons)
    if not a.kinds or not b.kinds:
        return True
    return bool(a.kinds & b.kinds)


def fits(a: Item, b: Item, opts: FuseOptions) -> bool:
    """Whether two reports can be of one happening: on each of date and place, one must
    contain the other (a month holds its days, a region its towns, a country its regions),
    and who attacked (or threatened) must not contradict."""
    if a.type != b.type:
        return False
    if a.side and b.side and a.side != b.side:
        return False
    tol = opts.day_tolerance
    if a.day is not None and b.day is not None:  # the common case, at once
        if abs(a.day - b.day) > tol:
            return False
    else:
        # a report with no date and a dated one: the date says nothing against them
        # (whether they are one happening is for strong evidence to say, see ``_attach``)
        one_undated = (a.date is None) != (b.date is None) and a.type != "threat"
        if not one_undated and not (date_fits(a, b, tol) or date_fits(b, a, tol)):
            return False
    if a.type == "threat":
        if not same_speaker(a, b):
            return False
        if a.place and b.place and not same_place(a, b, opts.radius_km):
            return False
    elif a.place and b.place:  # each contains the other or neither does
        if not same_place(a, b, opts.radius_km):
            return False
    else:
        if not (place_fits(a, b, opts.radius_km) or place_fits(b, a, opts.radius_km)):
            return False
        # (two reports that both name a place are no country's tally)
        if a.type == "strike" and (is_tally(a) and is_local(b) or is_tally(b) and is_local(a)):
            return False  # a country's tally of the night and a local strike: two scopes
    if a.date is None and b.date is None and a.type != "threat" and not strong_match(a, b):
        return False  # two undated reports of one city may be any two nights
    if a.type != "deployment" and (not a.kinds or not b.kinds):
        return True  # the common case of :func:`weapons_fit`, at once
    return weapons_fit(a, b)


def is_tally(it: Item) -> bool:
    """A country's tally: counts of weapons launched or shot down, no place finer than the
    country."""
    return bool(it.country and not it.place and not it.admin1 and
                (it.launched is not None or it.intercepted is not None))


def is_local(it: Item) -> bool:
    return bool(it.place or it.admin1)


def strong_match(a: Item, b: Item) -> bool:
    """Evidence that two reports, one of them or both with no date, are one happening: the
    same figures from the same source (every figure both give is equal, and they are two
    figures or one of at least 5: "deux drones abattus" over one city is any night), or the
    same named site (an air base, a refinery: not a town, struck on many nights) and the
    same named weapon."""
    shared = [(x, y) for x, y in ((a.launched, b.launched), (a.intercepted, b.intercepted),
                                  (a.killed, b.killed), (a.injured, b.injured))
              if x is not None and y is not None]
    if shared and a.claimant and a.claimant == b.claimant and all(x == y for x, y in shared) \
            and (len(shared) >= 2 or shared[0][0] >= 5):
        return True
    return bool(a.site and b.site and a.place == b.place and a.weapons & b.weapons)


FIGURES = ("launched", "intercepted", "killed", "injured")


def index_keys(it: Item) -> list[tuple]:
    """The keys under which a dated report is found by an undated one that may be of the
    same happening (see :func:`strong_match`): its named place, and each of its figures
    with the source that gives it."""
    keys = [("place", it.type, it.place)] if it.site else []
    if it.claimant:
        keys += [(f, it.type, v, it.claimant) for f in FIGURES
                 if (v := getattr(it, f)) is not None]
    return keys


def undated_homes(undated: Iterable[Item], candidates: Iterable[tuple[str, Item]],
                  opts: FuseOptions = FuseOptions()) -> dict[str, str]:
    """The dated block each undated report is clustered in: the block of the dated reports
    it strongly matches (:func:`strong_match`, and :func:`fits` but for the date), when they
    all lie in one block; a report that matches none, or reports of several months, stays
    in its undated block. ``candidates``: (block, item) pairs of dated reports, at least
    those sharing an :func:`index_keys` key with an undated report (more do no harm); the
    result depends on the sets given, never on their order."""
    wanted: dict[tuple, list[Item]] = {}
    todo = [u for u in undated if u.type != "threat"]
    for u in todo:
        for k in index_keys(u):
            wanted.setdefault(k, [])
    found: dict[tuple, list[tuple[str, Item]]] = defaultdict(list)
    for block, it in candidates:
        if it.date is None:
            continue
        for k in index_keys(it):
            if k in wanted:
                found[k].append((block, it))
    homes = {}
    for u in todo:
        blocks = {block for k in index_keys(u) for block, it in found.get(k, ())
                  if it.article != u.article and strong_match(u, it) and fits(u, it, opts)}
        if len(blocks) == 1:
            homes[u.key] = blocks.pop()
    return homes


def affinity(a: Item, b: Item) -> int:
    """How much two compatible reports agree beyond what compatibility asks: merges are
    made best first, and a satellite joins the cluster it agrees with most."""
    score = 0
    if a.place and a.place == b.place:
        score += 3
    elif a.admin1 and a.admin1 == b.admin1:
        score += 1
    if a.day is not None and a.day == b.day:
        score += 1
    score += len(a.weapons & b.weapons)
    if a.launched is not None and a.launched == b.launched:
        score += 2
    if a.killed is not None and a.killed == b.killed:
        score += 1
    if a.side and a.side == b.side:
        score += 1
    if a.speaker and b.speaker and a.speaker == b.speaker:
        score += 1
    return score


# -- clustering -----------------------------------------------------------------------------

class _Clusters:
    """Union-find over items with complete linkage. ``same_article``: whether two records
    of one article may join (for anchors only: an article that split one strike into a
    site and its town gives two records that fit each other)."""

    def __init__(self, items: Sequence[Item]):
        self.parent = {it.key: it.key for it in items}
        self.members = {it.key: [it] for it in items}
        self.articles = {it.key: {it.article} for it in items}

    def root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def try_join(self, a: str, b: str, opts: FuseOptions, same_article: bool = False) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return False
        ma, mb = self.members[ra], self.members[rb]
        if not same_article and not self.articles[ra].isdisjoint(self.articles[rb]):
            return False
        if not all(fits(x, y, opts) for x in ma for y in mb):
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] = ma + mb
        self.articles[ra] |= self.articles.pop(rb)
        del self.members[rb]
        return True

    def groups(self) -> list[list[Item]]:
        return [sorted(m, key=lambda it: it.key) for m in self.members.values()]


def _buckets(it: Item, opts: FuseOptions) -> list[tuple]:
    """The buckets an anchor is filed under: a threat under its speaker; a place under its
    name and, with coordinates, under a grid cell at least ``radius_km`` wide (at any
    latitude up to 70°N), so two reports within the radius share a cell or a neighbour."""
    if it.type == "threat":
        return [("speaker", it.speaker[-1] if it.speaker else "")]
    out = [("name", it.place)]
    if it.lat is not None and it.lon is not None:
        out.append(_cell(it, opts))
    return out


def _cell(it: Item, opts: FuseOptions) -> tuple:
    """The grid cell of a report with coordinates, at least ``radius_km`` wide."""
    return _cell_at(it.lat, it.lon, opts.radius_km)


@lru_cache(maxsize=65536)  # reports name the same few thousand places
def _cell_at(lat: float, lon: float, radius_km: float) -> tuple:
    lat_cell = max(radius_km, 1.0) / 111.0
    lon_cell = lat_cell / math.cos(math.radians(70))
    return ("cell", math.floor(lat / lat_cell), math.floor(lon / lon_cell))


def _neighbours(bucket: tuple) -> Iterable[tuple]:
    if bucket[0] == "cell":
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                yield ("cell", bucket[1] + dy, bucket[2] + dx)
    else:
        yield bucket


def _anchor_edges(anchors: Sequence[Item], opts: FuseOptions) -> list[tuple[int, str, str]]:
    """Compatible anchor pairs, found through buckets of days and places (no all-pairs
    comparison: a report is only compared with reports of nearby days and places)."""
    grid: dict[tuple, list[Item]] = defaultdict(list)
    for it in anchors:
        for bucket in _buckets(it, opts):
            grid[(it.day, bucket)].append(it)
    # each pair is met once: on its own day (delta 0) only from the lower key; in a grid
    # cell only when the names differ (one name's reports meet in the name's bucket)
    edges = []
    for (day, bucket), group in grid.items():
        in_cell = bucket[0] == "cell"
        for delta in range(0, opts.day_tolerance + 1):
            for other in _neighbours(bucket):
                found = grid.get((day + delta, other))
                if not found:
                    continue
                for a in group:
                    for b in found:
                        if (delta == 0 and a.key >= b.key) or (in_cell and a.place == b.place):
                            continue
                        if fits(a, b, opts):
                            edges.append((-affinity(a, b), a.key, b.key) if a.key < b.key
                                         else (-affinity(a, b), b.key, a.key))
    edges.sort()
    return edges


def level(it: Item) -> tuple[int, int]:
    """How coarse a report is: (date, place) ranks, (0, 0) for an anchor."""
    date_rank = 0 if it.day is not None else 1 if it.date and len(it.date) == 7 else 2
    if it.type == "threat":
        return date_rank, 0 if it.speaker else 1 if it.side else 2
    return date_rank, 0 if it.place else 1 if it.admin1 else 2 if it.country else 3


def _attach(level_items: list[Item], groups: list[list[Item]], opts: FuseOptions) -> list[Item]:
    """Add each report to the one group it fits best (it must fit every member, and beat
    the runner-up); return those left out. One record per article in a group."""
    index: dict[tuple, set[int]] = defaultdict(set)
    for n, group in enumerate(groups):
        for m in group:
            index[("day", m.day)].add(n)
            index[("day", m.day, m.country, m.admin1)].add(n)
            index[("day", m.day, m.country)].add(n)
            index[("admin1", m.country, m.admin1)].add(n)
            index[("country", m.country)].add(n)
            if m.lat is not None and m.lon is not None:
                index[_cell(m, opts)].add(n)
        if not any(m.lat is not None for m in group):
            for m in group:  # a group told at the region's level only
                index[("uncoord", m.country, m.admin1)].add(n)
    choices, left = [], []
    for sat in level_items:
        if sat.day is not None:
            # the narrowest index the report allows: day and region, day and country, day
            where = () if sat.type == "threat" or not sat.country else \
                (sat.country, sat.admin1) if sat.admin1 else (sat.country,)
            candidates = set().union(*(index.get(("day", sat.day + d, *where), ()) for d in
                                       range(-opts.day_tolerance, opts.day_tolerance + 1)))
        elif sat.type != "threat" and sat.place and sat.lat is not None and sat.lon is not None:
            # a town with no day: the groups within reach of it (a town fits only a town
            # within the radius), not every group of its region that month
            candidates = set().union(index.get(("uncoord", sat.country, sat.admin1), set()),
                                     *(index.get(c, ()) for c in _neighbours(_cell(sat, opts))))
        elif sat.type != "threat" and sat.admin1:
            candidates = index.get(("admin1", sat.country, sat.admin1), set())
        elif sat.type != "threat" and sat.country:
            candidates = index.get(("country", sat.country), set())
        else:
            candidates = range(len(groups))
        scored = []
        for n in sorted(candidates):
            group = groups[n]
            if sat.date is None and any(m.date for m in group) and \
                    not any(strong_match(sat, m) for m in group):
                continue  # an undated report joins a dated event on strong evidence only
            best_affinity = -1
            for m in group:
                if not fits(sat, m, opts):
                    break
                best_affinity = max(best_affinity, affinity(sat, m))
            else:
                scored.append((best_affinity, n))
        scored.sort(key=lambda sc: (-sc[0], sc[1]))
        best = _best(scored, groups)
        if best is not None:
            choices.append((-scored[0][0], sat.key, best, sat))
        else:
            left.append(sat)
    taken = {n: {m.article for m in g} for n, g in enumerate(groups)}
    scored_with = [len(g) for g in groups]  # the members each choice was made against
    for _, _, n, sat in sorted(choices, key=lambda c: c[:2]):
        # complete linkage holds with the reports that joined before it, too
        if sat.article in taken[n] or not all(fits(sat, m, opts)
                                               for m in groups[n][scored_with[n]:]):
            left.append(sat)
            continue
        taken[n].add(sat.article)
        groups[n].append(sat)
    return sorted(left, key=lambda it: it.key)


def _best(scored: list[tuple[int, int]], groups: list[list[Item]]) -> int | None:
    """The group a coarse report joins: the one it agrees with most; on a tie, the story
    told by at least twice as many articles as any other tied one (a report that gives no
    place on the night of a widely reported strike is most likely about it); else none."""
    if not scored:
        return None
    tied = [n for score, n in scored if score == scored[0][0]]
    if len(tied) == 1:
        return tied[0]
    sizes = sorted(((len({m.article for m in groups[n]}), n) for n in tied), reverse=True)
    if sizes[0][0] >= 2 * sizes[1][0]:
        return sizes[0][1]
    return None


def _join_level(items: list[Item], opts: FuseOptions) -> list[list[Item]]:
    """Reports of one coarseness left out of every group, joined among themselves."""
    rest = _Clusters(items)
    buckets: dict[tuple, list[Item]] = defaultdict(list)
    for it in items:
        where = (it.speaker[-1] if it.speaker else it.side) if it.type == "threat" else \
            (it.country, it.admin1)
        buckets[(it.date, where)].append(it)
    edges = []
    for group in buckets.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.article != b.article and fits(a, b, opts):
                    edges.append((-affinity(a, b), a.key, b.key))
    for _, a, b in sorted(edges):
        rest.try_join(a, b, opts)
    return rest.groups()


def cluster_block(items: Iterable[Item], opts: FuseOptions = FuseOptions()) -> list[list[Item]]:
    """The clusters of one block's items, each sorted by key, the list sorted by first key.
    The result depends on the set of items only, never on their order."""
    by_level: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for it in sorted(items, key=lambda it: it.key):
        by_level[level(it)].append(it)
    groups: list[list[Item]] = []
    for lvl in sorted(by_level):
        level_items = by_level[lvl]
        if lvl == (0, 0):
            clusters = _Clusters(level_items)
            for _, a, b in _anchor_edges(level_items, opts):
                clusters.try_join(a, b, opts, same_article=True)
            groups = clusters.groups()
            continue
        left = _attach(level_items, groups, opts)
        groups.extend(_join_level(left, opts))
    out = [sorted(g, key=lambda it: it.key) for g in groups]
    return sorted(out, key=lambda g: g[0].key)
