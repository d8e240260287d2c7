"""Writing events: JSON Lines (the spec's records), CSV (one row an event) and a table."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from .records import Event

FORMATS = ("table", "csv", "jsonl")
CSV_COLUMNS = ["article_id", "event_id", "type", "date", "place", "admin1", "country", "lat",
               "lon", "actor", "actor_side", "weapons", "defenses", "launched", "intercepted",
               "hit", "killed", "injured", "claimed_by", "claimed_by_side", "hedged", "evidence"]


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(event: Event) -> dict:
    loc, actor, claim = event.location, event.actor, event.claimed_by
    return {
        "article_id": event.article_id, "event_id": event.event_id, "type": event.type,
        "date": event.date, "place": loc.place if loc else None,
        "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "actor": actor.name if actor else None, "actor_side": actor.side if actor else None,
        "weapons": "; ".join(event.weapons), "defenses": "; ".join(event.defenses),
        "launched": event.launched, "intercepted": event.intercepted, "hit": event.hit,
        "killed": event.killed, "injured": event.injured,
        "claimed_by": claim.name if claim else None,
        "claimed_by_side": claim.side if claim else None, "hedged": event.hedged,
        "evidence": " | ".join(s.text for s in event.evidence),
    }


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(csv_row(event))
        n += 1
    return n


def _num(value) -> str:
    return "-" if value is None else str(value)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def write_table(events: Iterable[Event], out: TextIO) -> int:
    """A readable fixed-width table: one line an event."""
    head = (f"{'date':10}  {'type':10}  {'where':24}  {'by':4}  {'weapons':22}  "
            f"{'L/I/H':11}  {'K/W':7}  {'claimed by':22}  article")
    out.write(head + "\n" + "-" * len(head) + "\n")
    n = 0
    for e in events:
        loc = e.location
        where = ""
        if loc:
            where = ", ".join(x for x in (loc.place, loc.admin1 if loc.admin1 != loc.place else None,
                                          loc.country) if x)
        side = (e.actor.side or "?") if e.actor else ""
        lih = "/".join(_num(v) for v in (e.launched, e.intercepted, e.hit)) if e.type == "strike" else ""
        kw = "/".join(_num(v) for v in (e.killed, e.injured)) if e.type == "strike" else ""
        claim = ""
        if e.claimed_by:
            claim = e.claimed_by.name or ""
            if e.claimed_by.side:
                claim += f" ({e.claimed_by.side})"
        mark = "?" if e.hedged else ""
        out.write(f"{(e.date or '-'):10}  {e.type + mark:10}  {_cut(where, 24):24}  {side:4}  "
                  f"{_cut(', '.join(e.weapons + e.defenses), 22):22}  {lih:11}  {kw:7}  "
                  f"{_cut(claim, 22):22}  {_cut(e.article_id, 28)}\n")
        n += 1
    return n


def write(events: Iterable[Event], out: TextIO, fmt: str) -> int:
    if fmt == "jsonl":
        return write_jsonl(events, out)
    if fmt == "csv":
        return write_csv(events, out)
    return write_table(events, out)
