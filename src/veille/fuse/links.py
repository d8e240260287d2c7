"""Escalation links: from a threat to the strike it answers and to the strikes that follow.

A link is a candidate for a human to weigh, never established causation; it carries the
reasons it was proposed. A threat made by side S

* *answers* a strike on S's territory by another side in the window before it (the closest
  and best-matching ones: the threat names its weapon or place, or came within two days);
* is *followed by* a strike of S on another country in the window after it, when that strike
  uses the weapon the threat named, hits a place it named, or is presented as a response.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import re

from ..kb import flat, fold
from ..records import FusedEvent, Link

MAX_PER_RELATION = 3


@lru_cache(maxsize=1 << 14)  # a few thousand dates, asked for again and again
def _day(date: str | None) -> int | None:
    """A date as a day number: a month counts from its first day; a year, or no date, is
    too coarse to say what came before what."""
    if not date or len(date) < 7:
        return None
    parts = [int(p) for p in date.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts).toordinal()


@dataclass(frozen=True, slots=True)
class Facts:
    """What linking looks at in a fused event (a row of ``ledger.link_facts``)."""

    id: str
    date: str | None
    side: str | None
    country: str | None
    place: str | None
    admin1: str | None
    weapons: frozenset[str]  # named systems (and nuclear weapons), not generic classes
    response: bool = False  # a strike reported as a response
    speaker: str | None = None  # a threat's speaker, folded last word of the name
    mentions: frozenset[str] = frozenset()  # places and people its evidence names, folded
    reports: int = 1  # how many article-level records it merges

    @property
    def day(self) -> int | None:
        return _day(self.date)

    @classmethod
    def from_row(cls, row: tuple) -> "Facts":
        from .cluster import GENERIC_WEAPONS

        fid, date, side, country, place, admin1, weapons, response, speaker, mentions, reports = row
        named = frozenset(w for w in weapons if w not in GENERIC_WEAPONS or w == "nuclear weapon")
        return cls(fid, date, side, country, place, admin1, named, response, speaker, mentions,
                   reports)


def is_response(event: FusedEvent, response: re.Pattern | None) -> bool:
    """Whether a strike's evidence presents it as a response ("en représailles")."""
    return response is not None and event.type == "strike" and any(
        response.search(flat(e)) for e in event.evidence)


def mentions_of(event: FusedEvent, kb) -> frozenset[str]:
    """The places (and their regions) and people the evidence of an event names, folded."""
    out = set()
    for hit in kb.gazetteer.find(" ".join(event.evidence), ("place", "actor")):
        entry = hit.entry
        if hit.kind == "place":
            out.update(fold(n) for n in (entry.name, entry.admin1) if n)
        elif entry.kind == "person":
            out.add(fold(entry.name).split()[-1])
    return frozenset(out)


def speaker_of(event: FusedEvent) -> str | None:
    name = (event.value("actor") or {}).get("name")
    return fold(name).split()[-1] if event.type == "threat" and name and name.split() else None


def facts_of(event: FusedEvent, response: re.Pattern | None, kb=None) -> Facts:
    """The facts of one fused event (``kb``: to find what its evidence names)."""
    actor, loc = event.value("actor") or {}, event.value("location") or {}
    mentions = mentions_of(event, kb) if kb is not None else frozenset()
    return Facts.from_row((event.fused_id, event.date, actor.get("side"), loc.get("country"),
                           loc.get("place"), loc.get("admin1"), frozenset(event.value("weapons")),
                           is_response(event, response), speaker_of(event), mentions,
                           event.reports))


def _keys(facts: Facts, *, strike: bool) -> set[tuple]:
    """What a threat and a strike must share for :func:`_shared_reasons` to find a reason:
    a named weapon, the place or the region, a place or region one's report names, the
    threat's speaker named in the strike's report."""
    keys = {("weapon", w) for w in facts.weapons}
    if facts.place:
        keys.add(("place", facts.place))
    if facts.admin1:
        keys.add(("admin1", facts.admin1))
    if strike:
        keys.update(("named", fold(n)) for n in (facts.place, facts.admin1) if n)
        keys.update(("speaker", m) for m in facts.mentions)
    else:
        keys.update(("named", m) for m in facts.mentions)
        if facts.speaker:
            keys.add(("speaker", facts.speaker))
    return keys


def _shared_count(threat: Facts, strike: Facts) -> int:
    """How many reasons :func:`_shared_reasons` gives, without spelling them out."""
    named = (threat.place and threat.place == strike.place) or \
        (threat.admin1 and threat.admin1 == strike.admin1) or \
        (strike.place and fold(strike.place) in threat.mentions) or \
        (strike.admin1 and fold(strike.admin1) in threat.mentions)
    return bool(threat.weapons & strike.weapons) + bool(named) + \
        bool(threat.speaker and threat.speaker in strike.mentions)


def _shared_reasons(threat: Facts, strike: Facts) -> list[str]:
    reasons = []
    weapons = threat.weapons & strike.weapons
    if weapons:
        reasons.append("weapon named in both: " + ", ".join(sorted(weapons)))
    if threat.place and threat.place == strike.place:
        reasons.append(f"place named in both: {threat.place}")
    elif threat.admin1 and threat.admin1 == strike.admin1:
        reasons.append(f"region named in both: {threat.admin1}")
    elif strike.place and fold(strike.place) in threat.mentions:
        reasons.append(f"the threat's report names {strike.place}")
    elif strike.admin1 and fold(strike.admin1) in threat.mentions:
        reasons.append(f"the threat's report names {strike.admin1}")
    if threat.speaker and threat.speaker in strike.mentions:
        reasons.append("the strike's report names the threat's speaker")
    return reasons


def escalation_links(threats: Iterable[Facts], strikes: Iterable[Facts], *,
                     window_days: int = 14) -> list[Link]:
    """Candidate links from each threat to strikes within ``window_days`` of it."""
    threats = list(threats)
    return select_links(threats, link_candidates(threats, strikes, window_days=window_days))


def link_candidates(threats: Iterable[Facts], strikes: Iterable[Facts], *,
                    window_days: int = 14) -> list[tuple]:
    """The (threat, strike) pairs that may be linked, with their ranking: what
    :func:`select_links` chooses from. Each threat keeps, per relation, its best
    ``MAX_PER_RELATION`` strikes only, so the candidates of a union of strikes select the
    same links as the union of each part's (Spark finds them part by part)."""
    # a threat of side S looks at the strikes on S's territory in the window before it and
    # at S's strikes in the window after it. Beyond two days before it, and after it, only a
    # strike that shares something with it (a weapon, a place, a name: ``_keys``) or is
    # reported as a response can be linked: strikes are filed by what they may share, so a
    # threat meets those only, not every strike of a busy fortnight
    on: dict[tuple, list] = defaultdict(list)  # (country,) and (country, key)
    by: dict[tuple, list] = defaultdict(list)  # (side, key) and (side, "response")
    # filed in (day, id) order, so that every list is sorted as it is built
    for entry in sorted((f.day, f.id, f) for f in strikes if f.day is not None):
        f = entry[2]
        on[(f.country,)].append(entry)
        for key in _keys(f, strike=True):
            on[(f.country, key)].append(entry)
            by[(f.side, key)].append(entry)
        if f.response:
            by[(f.side, "response")].append(entry)
    # each list's days apart, for bisecting without a key function
    days_of = {id(dated): [d[0] for d in dated] for dated in (*on.values(), *by.values())}

    def within(dated: list, first: int, last: int) -> list:
        if not dated:
            return dated
        days = days_of[id(dated)]
        return dated[bisect.bisect_left(days, first):bisect.bisect_right(days, last)]

    out = []
    for threat in threats:
        side, tday = threat.side, threat.day
        if side is None or tday is None:
            continue
        keys = _keys(threat, strike=False)
        found = {e[1]: e for e in within(on.get((side,), []), tday - 2, tday)}
        for key in keys:
            found.update((e[1], e) for e in within(on.get((side, key), []),
                                                   tday - window_days, tday - 3))
        for key in (*keys, "response"):
            found.update((e[1], e) for e in within(by.get((side, key), []),
                                                   tday + 1, tday + window_days))
        best: dict[str, list] = {"answers": [], "followed_by": []}
        for sday, _, strike in found.values():
            gap = sday - tday
            if gap <= 0 and strike.country == side and strike.side != side:
                if gap < -2 and not (threat.weapons or threat.place or threat.admin1 or
                                     threat.mentions):
                    continue  # nothing but the date to go on
                shared = _shared_count(threat, strike)
                if shared or gap >= -2:
                    best["answers"].append((-1 - shared, -gap, -strike.reports, strike.id,
                                            gap, strike))
            elif gap > 0 and strike.side == side and strike.country and strike.country != side:
                shared = _shared_count(threat, strike) + strike.response
                if shared:
                    best["followed_by"].append((-1 - shared, gap, -strike.reports, strike.id,
                                                gap, strike))
        # only the best few of each relation can be chosen (``select_links``): their reasons
        # are spelt out, the rest dropped (a part of the strikes keeps what the whole would)
        for relation, entries in best.items():
            for *rank, gap, strike in heapq.nsmallest(MAX_PER_RELATION, entries,
                                                      key=lambda e: e[:4]):
                reasons = _shared_reasons(threat, strike)
                if relation == "answers":
                    reasons.insert(0, f"strike on {side} territory by "
                                      f"{strike.side or 'an unnamed side'}, {-gap} "
                                      f"day{'s' * (gap != -1)} before the threat")
                else:
                    if strike.response:
                        reasons.append("the strike is reported as a response")
                    reasons.insert(0, f"strike by {side}, {gap} day{'s' * (gap != 1)} "
                                      "after the threat")
                out.append((threat.id, relation, (*rank, gap, tuple(reasons))))
    return out


def select_links(threats: Iterable[Facts], candidates: Iterable[tuple]) -> list[Link]:
    """The links kept from the candidates, threat by threat in the order of ``threats``: for
    each relation, only the best-supported strikes (a strike the threat names beats one that
    merely came the same day), and with the date as the only reason, the most reported one."""
    found: dict[tuple[str, str], list] = {}
    for threat_id, relation, entry in candidates:
        found.setdefault((threat_id, relation), []).append(entry)
    links = []
    for threat in threats:
        for relation in ("answers", "followed_by"):
            entries = sorted(found.get((threat.id, relation), ()))
            entries = [f for f in entries if f[0] == entries[0][0]] if entries else entries
            limit = 1 if entries and entries[0][0] == -1 else MAX_PER_RELATION
            for _, _, _, strike_id, gap, reasons in entries[:limit]:
                links.append(Link(threat=threat.id, strike=strike_id, relation=relation,
                                  days=gap, reasons=tuple(reasons)))
    return links
