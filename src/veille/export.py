"""Writing events: JSON Lines (the spec's records), CSV (one row an event) and a table."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from .records import Event

from .interop import EVENT_COLUMNS, event_row
from .interop import write_csv as _write_rows

FORMATS = ("table", "csv", "jsonl")
CSV_COLUMNS = EVENT_COLUMNS  # the flat row of veille.interop (docs/CODEBOOK.md)


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(event: Event, meta=None) -> dict:
    return event_row(event.to_dict(), meta)


def write_csv(events: Iterable[Event], out: TextIO, meta: dict | None = None) -> int:
    meta = meta or {}
    return _write_rows((csv_row(e, meta.get(e.article_id)) for e in events), CSV_COLUMNS, out)


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


# -- fused events ---------------------------------------------------------------------------

FUSED_CSV_COLUMNS = ["fused_id", "type", "date", "place", "admin1", "country", "actor",
                     "actor_side", "weapons", "defenses", "launched", "intercepted", "hit",
                     "killed", "injured", "reports", "outlets", "flags", "article_ids"]


def fused_dict(event, members: list[dict], links: list) -> dict:
    """A fused event as one JSON object: the spec's fields as consensus values, then
    ``members`` (the article-level records exactly as extracted), claims, flags, links."""
    from .fuse.claims import by_side

    out = event.to_dict()
    out["by_side"] = by_side(event.claims)
    out["members"] = members
    out["links"] = [ln.to_dict() for ln in links]
    return out


def fused_row(event) -> dict:
    loc, actor = event.value("location") or {}, event.value("actor") or {}
    row = {"fused_id": event.fused_id, "type": event.type, "date": event.date,
           "place": loc.get("place"), "admin1": loc.get("admin1"), "country": loc.get("country"),
           "actor": actor.get("name"), "actor_side": actor.get("side"),
           "weapons": "; ".join(event.value("weapons")),
           "defenses": "; ".join(event.value("defenses")),
           "reports": event.reports, "outlets": len(event.outlets),
           "flags": "; ".join(event.flags),
           "article_ids": "; ".join(sorted({c.article_id for c in event.claims}))}
    for name in ("launched", "intercepted", "hit", "killed", "injured"):
        row[name] = event.value(name)
    return row


def _where(loc: dict | None) -> str:
    if not loc:
        return ""
    return ", ".join(x for x in (loc.get("place"), loc.get("admin1") if loc.get("admin1") !=
                                 loc.get("place") else None, loc.get("country")) if x)


def write_fused_table(events: Iterable, out: TextIO) -> int:
    head = (f"{'date':10}  {'type':10}  {'where':24}  {'by':4}  {'weapons':20}  {'L/I/H':11}  "
            f"{'K/W':7}  {'reports':7}  {'flags':22}  fused id")
    out.write(head + "\n" + "-" * len(head) + "\n")
    n = 0
    for e in events:
        actor = e.value("actor") or {}
        side = (actor.get("side") or "?") if actor else ""
        strike = e.type == "strike"
        lih = "/".join(_num(e.value(v)) for v in ("launched", "intercepted", "hit")) if strike else ""
        kw = "/".join(_num(e.value(v)) for v in ("killed", "injured")) if strike else ""
        reports = f"{e.reports}/{len(e.outlets)}"
        out.write(f"{(e.date or '-'):10}  {e.type:10}  {_cut(_where(e.value('location')), 24):24}  "
                  f"{side:4}  {_cut(', '.join(e.value('weapons')), 20):20}  {lih:11}  {kw:7}  "
                  f"{reports:7}  {_cut(', '.join(e.flags), 22):22}  {e.fused_id}\n")
        n += 1
    return n


def write_claims_table(event, links: list, out: TextIO, *, evidence: bool = False) -> None:
    """The claims of one fused event side by side, then the consensus and its rules."""
    loc = _where(event.value("location"))
    out.write(f"{event.fused_id}  {event.type}  {event.date or '-'}  {loc or '-'}  "
              f"({event.reports} report{'s' * (event.reports != 1)}, "
              f"{len(event.outlets)} outlet{'s' * (len(event.outlets) != 1)})\n\n")
    head = (f"{'published':10}  {'outlet':18}  {'claimed by':26}  {'date':10}  {'place':14}  "
            f"{'launched':>8} {'intcptd':>7} {'hit':>4} {'killed':>6} {'injured':>7}  article")
    out.write(head + "\n" + "-" * len(head) + "\n")
    for c in event.claims:
        who = (c.claimant or "-") + (f" ({c.claimant_side})" if c.claimant_side else "")
        if c.hedged:
            who += " ?"
        out.write(f"{(c.published or '-'):10}  {_cut(c.outlet or '-', 18):18}  {_cut(who, 26):26}  "
                  f"{(c.date or '-'):10}  {_cut(c.place or '-', 14):14}  "
                  f"{_num(c.count('launched')):>8} {_num(c.count('intercepted')):>7} "
                  f"{_num(c.count('hit')):>4} {_num(c.count('killed')):>6} "
                  f"{_num(c.count('injured')):>7}  {c.article_id}\n")
        if evidence:
            for sentence in c.evidence:
                out.write(f"{'':12}» {sentence}\n")
    out.write("-" * len(head) + "\n")
    from .fuse.claims import by_side

    for side, told in by_side(event.claims).items():
        label = {"UA": "UA sources", "RU": "RU sources", "third": "third parties",
                 "unknown": "no claimant"}[side]
        out.write(f"{label:10}  {'':18}  {_cut(', '.join(told['claimants']) or '-', 26):26}  "
                  f"{'':10}  {'':14}  " + " ".join(
                      f"{'/'.join(str(v) for v in told.get(f, [])) or '-':>{w}}"
                      for f, w in (("launched", 8), ("intercepted", 7), ("hit", 4),
                                   ("killed", 6), ("injured", 7))) + "\n")
    out.write("-" * len(head) + "\n")
    out.write(f"{'consensus':10}  {'':18}  {'':26}  {(event.date or '-'):10}  "
              f"{_cut((event.value('location') or {}).get('place') or '-', 14):14}  "
              f"{_num(event.value('launched')):>8} {_num(event.value('intercepted')):>7} "
              f"{_num(event.value('hit')):>4} {_num(event.value('killed')):>6} "
              f"{_num(event.value('injured')):>7}\n\n")
    for name, cons in event.consensus:
        if name in ("date", "location", "actor", "launched", "intercepted", "hit", "killed",
                    "injured", "weapons"):
            value = cons.value
            if isinstance(value, dict):
                value = _where(value) if name == "location" else \
                    f"{value.get('name')} ({value.get('side') or '-'})"
            elif isinstance(value, list):
                value = ", ".join(value)
            out.write(f"  {name:12} {value}: {cons.rule}\n")
    if event.part_of:
        out.write(f"\npart of: {event.part_of} (the country's tally of that night)\n")
    if event.parts:
        out.write(f"\nparts: {', '.join(event.parts)} (the local strikes of that night)\n")
    out.write(f"\nflags: {', '.join(event.flags) or 'none'}\n")
    for flag, details in event.flag_details.items():
        for d in details if isinstance(details, list) else [details]:
            out.write(f"  {flag}: {d}\n")
    if links:
        out.write("links (candidates, not established causation):\n")
        for ln in links:
            out.write(f"  {ln.threat} {ln.relation} {ln.strike} ({ln.days:+d} days): "
                      f"{'; '.join(ln.reasons)}\n")


def timeline(events: Iterable) -> list[dict]:
    """Fused events by day (month-precision ones under their month), with counts."""
    days: dict[str, dict] = {}
    for e in events:
        key = e.date or "undated"
        day = days.setdefault(key, {"date": key, "strike": 0, "deployment": 0, "threat": 0,
                                    "reports": 0, "events": []})
        day[e.type] += 1
        day["reports"] += e.reports
        loc, actor = e.value("location") or {}, e.value("actor") or {}
        day["events"].append({
            "fused_id": e.fused_id, "type": e.type, "where": _where(loc) or None,
            "who": actor.get("name"),
            "side": actor.get("side"), "weapons": e.value("weapons"),
            **{k: e.value(k) for k in ("launched", "intercepted", "hit", "killed", "injured")},
            "reports": e.reports, "flags": list(e.flags), "part_of": e.part_of})
    return [days[k] for k in sorted(days, key=lambda d: (d == "undated", d))]


def write_timeline_table(days: list[dict], out: TextIO) -> None:
    for day in days:
        parts = [f"{day[t]} {t}{'s' * (day[t] != 1)}" for t in ("strike", "deployment", "threat")
                 if day[t]]
        out.write(f"{day['date']:10}  {', '.join(parts)}  ({day['reports']} "
                  f"report{'s' * (day['reports'] != 1)})\n")
        for e in day["events"]:
            lih = ""
            if e["type"] == "strike":
                lih = "/".join(_num(e[k]) for k in ("launched", "intercepted", "hit"))
                lih += "  " + "/".join(_num(e[k]) for k in ("killed", "injured"))
            place = e["where"] or (f"({e['who']})" if e["who"] else "-")
            out.write(f"    {e['type']:10}  {_cut(place, 26):26}  "
                      f"{(e['side'] or '-'):3}  {lih:18}  {e['reports']:>3} rep.  "
                      f"{_cut(', '.join(e['flags']), 24):24}  {e['fused_id']}\n")


TIMELINE_COLUMNS = ["date", "strike", "deployment", "threat", "reports", "launched",
                    "intercepted", "hit", "killed", "injured"]


def timeline_rows(days: list[dict]) -> list[dict]:
    """One row a day: events by type, reports, and the figures summed over the day's fused
    strikes that are not a part of a national tally of the same night (that tally counts
    them); a figure no strike of the day gives stays empty."""
    rows = []
    for day in days:
        row = {k: day[k] for k in ("date", "strike", "deployment", "threat", "reports")}
        for name in ("launched", "intercepted", "hit", "killed", "injured"):
            told = [e[name] for e in day["events"]
                    if e["type"] == "strike" and not e.get("part_of") and e.get(name) is not None]
            row[name] = sum(told) if told else None
        rows.append(row)
    return rows
