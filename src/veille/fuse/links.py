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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import Link

MAX_PER_RELATION = 3


def _day(date: str | None) -> int | None:
    if not date:
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

    @property
    def day(self) -> int | None:
        return _day(self.date)

    @classmethod
    def from_row(cls, row: tuple) -> "Facts":
        from .cluster import GENERIC_WEAPONS

        fid, date, side, country, place, admin1, weapons, response = row
        named = frozenset(w for w in weapons if w not in GENERIC_WEAPONS or w == "nuclear weapon")
        return cls(fid, date, side, country, place, admin1, named, response)


def _shared_reasons(threat: Facts, strike: Facts) -> list[str]:
    reasons = []
    weapons = threat.weapons & strike.weapons
    if weapons:
        reasons.append("weapon named in both: " + ", ".join(sorted(weapons)))
    if threat.place and threat.place == strike.place:
        reasons.append(f"place named in both: {threat.place}")
    elif threat.admin1 and threat.admin1 == strike.admin1:
        reasons.append(f"region named in both: {threat.admin1}")
    return reasons


def escalation_links(threats: Iterable[Facts], strikes: Iterable[Facts], *,
                     window_days: int = 14) -> list[Link]:
    """Candidate links from each threat to strikes within ``window_days`` of it."""
    dated = sorted((f.day, f.id, f) for f in strikes if f.day is not None)
    days = [d for d, _, _ in dated]
    links = []
    for threat in threats:
        side, tday = threat.side, threat.day
        if side is None or tday is None:
            continue
        lo = bisect.bisect_left(days, tday - window_days)
        hi = bisect.bisect_right(days, tday + window_days)
        before, after = [], []
        for sday, _, strike in dated[lo:hi]:
            gap = sday - tday
            if gap <= 0 and strike.country == side and strike.side != side:
                if gap < -2 and not (threat.weapons or threat.place or threat.admin1):
                    continue  # nothing but the date to go on
                reasons = _shared_reasons(threat, strike)
                if reasons or gap >= -2:
                    reasons.insert(0, f"strike on {side} territory by "
                                      f"{strike.side or 'an unnamed side'}, {-gap} "
                                      f"day{'s' * (gap != -1)} before the threat")
                    before.append((-len(reasons), -gap, strike.id, gap, reasons))
            elif gap > 0 and strike.side == side and strike.country and strike.country != side:
                reasons = _shared_reasons(threat, strike)
                if strike.response:
                    reasons.append("the strike is reported as a response")
                if reasons:
                    reasons.insert(0, f"strike by {side}, {gap} day{'s' * (gap != 1)} "
                                      "after the threat")
                    after.append((-len(reasons), gap, strike.id, gap, reasons))
        for relation, found in (("answers", before), ("followed_by", after)):
            for _, _, strike_id, gap, reasons in sorted(found)[:MAX_PER_RELATION]:
                links.append(Link(threat=threat.id, strike=strike_id, relation=relation,
                                  days=gap, reasons=tuple(reasons)))
    return links
