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
import re
from collections.abc import Iterable, Sequence

from ..kb import flat
from ..records import FusedEvent, Link

MAX_PER_RELATION = 3


def _day(date: str | None) -> int | None:
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts).toordinal()


def _side(event: FusedEvent) -> str | None:
    actor = event.value("actor")
    return actor.get("side") if actor else None


def _where(event: FusedEvent) -> dict:
    return event.value("location") or {}


def _named_weapons(event: FusedEvent) -> set[str]:
    from .cluster import GENERIC_WEAPONS

    return {w for w in event.value("weapons") if w not in GENERIC_WEAPONS or w == "nuclear weapon"}


def _shared_reasons(threat: FusedEvent, strike: FusedEvent) -> list[str]:
    reasons = []
    weapons = _named_weapons(threat) & _named_weapons(strike)
    if weapons:
        reasons.append("weapon named in both: " + ", ".join(sorted(weapons)))
    tloc, sloc = _where(threat), _where(strike)
    for level in ("place", "admin1"):
        if tloc.get(level) and tloc.get(level) == sloc.get(level):
            reasons.append(f"{level} named in both: {tloc[level]}")
            break
    return reasons


def escalation_links(threats: Iterable[FusedEvent], strikes: Sequence[FusedEvent], *,
                     window_days: int = 14, response: re.Pattern | None = None) -> list[Link]:
    """Candidate links from each threat to strikes within ``window_days`` of it."""
    dated = sorted(((_day(s.date), s.fused_id, s) for s in strikes if _day(s.date) is not None))
    days = [d for d, _, _ in dated]
    links = []
    for threat in threats:
        side, tday = _side(threat), _day(threat.date)
        if side is None or tday is None:
            continue
        lo = bisect.bisect_left(days, tday - window_days)
        hi = bisect.bisect_right(days, tday + window_days)
        before, after = [], []
        for sday, _, strike in dated[lo:hi]:
            gap = sday - tday
            sside, scountry = _side(strike), _where(strike).get("country")
            reasons = _shared_reasons(threat, strike)
            if gap <= 0 and scountry == side and sside != side:
                reasons.insert(0, f"strike on {side} territory by {sside or 'an unnamed side'}, "
                                  f"{-gap} day{'s' * (gap != -1)} before the threat")
                if len(reasons) > 1 or gap >= -2:
                    before.append((-(len(reasons)), -gap, strike.fused_id, reasons))
            elif gap > 0 and sside == side and scountry and scountry != side:
                if response is not None and any(response.search(flat(e)) for e in strike.evidence):
                    reasons.append("the strike is reported as a response")
                if reasons:
                    reasons.insert(0, f"strike by {side}, {gap} day{'s' * (gap != 1)} "
                                      "after the threat")
                    after.append((-(len(reasons)), gap, strike.fused_id, reasons))
        for relation, found in (("answers", before), ("followed_by", after)):
            for _, _, strike_id, reasons in sorted(found)[:MAX_PER_RELATION]:
                strike = next(s for _, sid, s in dated[lo:hi] if sid == strike_id)
                links.append(Link(threat=threat.fused_id, strike=strike_id, relation=relation,
                                  days=_day(strike.date) - tday, reasons=tuple(reasons)))
    return links
