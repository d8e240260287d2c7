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
from collections.abc import Iterable
from dataclasses import dataclass

import re

from ..kb import flat, fold
from ..records import FusedEvent, Link

MAX_PER_RELATION = 3


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
    """Every (threat, strike) pair that may be linked, with its ranking: what
    :func:`select_links` chooses from. A pair's candidacy depends on that pair alone, so the
    candidates of a union of strikes are the union of each part's (Spark finds them part by
    part)."""
    dated = sorted((f.day, f.id, f) for f in strikes if f.day is not None)
    days = [d for d, _, _ in dated]
    out = []
    for threat in threats:
        side, tday = threat.side, threat.day
        if side is None or tday is None:
            continue
        lo = bisect.bisect_left(days, tday - window_days)
        hi = bisect.bisect_right(days, tday + window_days)
        for sday, _, strike in dated[lo:hi]:
            gap = sday - tday
            if gap <= 0 and strike.country == side and strike.side != side:
                if gap < -2 and not (threat.weapons or threat.place or threat.admin1 or
                                     threat.mentions):
                    continue  # nothing but the date to go on
                reasons = _shared_reasons(threat, strike)
                if reasons or gap >= -2:
                    reasons.insert(0, f"strike on {side} territory by "
                                      f"{strike.side or 'an unnamed side'}, {-gap} "
                                      f"day{'s' * (gap != -1)} before the threat")
                    out.append((threat.id, "answers", (-len(reasons), -gap, -strike.reports,
                                                       strike.id, gap, tuple(reasons))))
            elif gap > 0 and strike.side == side and strike.country and strike.country != side:
                reasons = _shared_reasons(threat, strike)
                if strike.response:
                    reasons.append("the strike is reported as a response")
                if reasons:
                    reasons.insert(0, f"strike by {side}, {gap} day{'s' * (gap != 1)} "
                                      "after the threat")
                    out.append((threat.id, "followed_by", (-len(reasons), gap, -strike.reports,
                                                           strike.id, gap, tuple(reasons))))
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
