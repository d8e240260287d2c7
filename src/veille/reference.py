"""Reference data in the store, and veille's fused tallies set against it.

``veille reference load FILE`` reads two kinds of independent counts:

- the Ukrainian Air Force's daily figures, as the public "Massive Missile Attacks on
  Ukraine" CSV keeps them (``time_start``, ``time_end``, ``model``, ``launched``,
  ``destroyed``, ``source``...; one row per night and weapon model), into ``ref_airforce``;
- ACLED exports, as CSV (ACLED's columns) or as the JSON of ACLED's API (``{"data": [...]}``),
  into ``ref_acled``.

Loading is idempotent (a row's key replaces the row). ``veille compare`` then sets every
fused national tally on Ukraine credited to the air force against the air force's own rows
for the night that ends on the morning of its earliest report, per weapon class and in
total.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .compare import (NATIONAL_SOURCE, Check, Night, _check, _figures, dataset_class,
                      is_airforce_tally)
from .records import Notice

AIRFORCE_HEADER = {"time_start", "time_end", "model", "launched", "destroyed"}
ACLED_HEADER = {"event_id_cnty", "event_date", "event_type", "country"}
_ACLED_KEEP = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
               "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
               "location", "latitude", "longitude", "geo_precision", "source", "notes",
               "fatalities")


@dataclass(slots=True)
class Loaded:
    kind: str  # "airforce" or "acled"
    rows: int = 0
    notices: list[Notice] = field(default_factory=list)


def _int(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _acled_date(value: str | None) -> str | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _records(path: Path) -> tuple[str, Iterator[tuple[int, dict]]] | Notice:
    """The kind of file and its rows (line number, row)."""
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return Notice(origin=origin, reason=f"cannot read: {err}", code="E012")
    if text.lstrip().startswith("{") or text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            return Notice(origin=f"{origin}:{err.lineno}", reason=f"malformed JSON: {err.msg}",
                          code="E005")
        rows = data.get("data") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows) or \
                (rows and not ACLED_HEADER <= set(rows[0])):
            return Notice(origin=origin, reason="not an ACLED API export (no 'data' list of "
                                                "events)", code="E017")
        return "acled", iter(enumerate(rows, 1))
    reader = csv.DictReader(text.splitlines())
    header = set(reader.fieldnames or ())
    kind = "airforce" if AIRFORCE_HEADER <= header else "acled" if ACLED_HEADER <= header \
        else None
    if kind is None:
        return Notice(origin=origin, reason="neither the Air Force daily CSV (time_start, "
                                            "time_end, model, launched, destroyed) nor an "
                                            "ACLED export (event_id_cnty, event_date, ...)",
                      code="E017")
    return kind, ((n, row) for n, row in enumerate(reader, 2))


def load_reference(store, path: str | Path) -> Loaded:
    """Load one reference file into the store (one transaction)."""
    path = Path(path)
    found = _records(path)
    if isinstance(found, Notice):
        out = Loaded(kind="unknown")
        out.notices.append(found)
        return out
    kind, rows = found
    out = Loaded(kind=kind)
    seen: Counter = Counter()  # one night may hold two rows of one model from one post
    with store.write():
        for number, row in rows:
            where = f"{path}:{number}"
            if kind == "airforce":
                end, model = (row.get("time_end") or "").strip(), (row.get("model") or "").strip()
                if len(end) < 10 or not model or _acled_date(end[:10]) is None:
                    out.notices.append(Notice(origin=where, reason="no time_end date or model",
                                              code="E018"))
                    continue
                source = (row.get("source") or "").strip()
                seen[(end, model, source)] += 1
                store.db.execute(
                    "INSERT OR REPLACE INTO ref_airforce VALUES (?,?,?,?,?,?,?,?,?)",
                    (row.get("time_start"), end, end[:10], model, _int(row.get("launched")),
                     _int(row.get("destroyed")), source, seen[(end, model, source)], str(path)))
            else:
                date = _acled_date(row.get("event_date"))
                ident = (row.get("event_id_cnty") or "").strip()
                if not ident or date is None:
                    out.notices.append(Notice(origin=where, reason="no event_id_cnty or "
                                                                   "event_date", code="E018"))
                    continue
                values = [ident, date, _int(row.get("year")), _int(row.get("time_precision")),
                          *(row.get(k) for k in _ACLED_KEEP[4:12]),
                          _float(row.get("latitude")), _float(row.get("longitude")),
                          _int(row.get("geo_precision")), row.get("source"), row.get("notes"),
                          _int(row.get("fatalities")), str(path)]
                store.db.execute(f"INSERT OR REPLACE INTO ref_acled VALUES "
                                 f"({','.join('?' * len(values))})", values)
            out.rows += 1
    return out


def airforce_nights(store) -> dict[str, Night]:
    """The air force's national rows in the store, summed per morning and class."""
    launched: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    destroyed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, model, n_launched, n_destroyed, source in store.db.execute(
            "SELECT day, model, launched, destroyed, source FROM ref_airforce"):
        if not (source or "").startswith(NATIONAL_SOURCE + "/"):
            continue
        cls = dataset_class(model)
        if n_launched is not None:
            launched[day][cls] += n_launched
        if n_destroyed is not None:
            destroyed[day][cls] += n_destroyed
    return {day: Night(day=day, launched=dict(launched[day]), destroyed=dict(destroyed[day]))
            for day in set(launched) | set(destroyed)}


def compare_fused(store, since: str | None = None, until: str | None = None) -> list[Check]:
    """Every fused national tally credited to the air force, per figure and class, against
    the air force's night. A fused event's figure is the one most of its air-force reports
    give (the earliest such report on a tie); its night ends on the morning of its earliest
    report (the day the air force posts)."""
    from .fuse.ledger import FusedFilter, fused_events, member_records

    nights = airforce_nights(store)
    checks: list[Check] = []
    flt = FusedFilter(type="strike", country="UA", since=since, until=until)
    for event in fused_events(store, flt):
        loc = event.value("location") or {}
        if loc.get("place") or loc.get("admin1"):
            continue
        published = {c.article_id: c.published for c in event.claims}
        members = [m for m in member_records(store, event.members) if is_airforce_tally(m)]
        if not members:
            continue
        members.sort(key=lambda m: (published.get(m["article_id"]) is None,
                                    published.get(m["article_id"]) or "", m["article_id"]))
        first = members[0]
        day = published.get(first["article_id"]) or event.date
        if not day or len(day) != 10:
            continue
        told: dict[tuple[str, str], list[tuple[int, dict]]] = defaultdict(list)
        for m in members:
            for key, value in _figures(m).items():
                told[key].append((value, m))
        for (figure, cls), values in sorted(told.items()):
            counts = Counter(v for v, _ in values)
            best = max(counts.values())
            value, member = next((v, m) for v, m in values if counts[v] == best)
            spans = tuple(tuple(s) for s in member.get("evidence_spans") or ())
            check = _check({"article_id": member["article_id"], "event_id": event.fused_id},
                           day, nights.get(day), figure, cls, value, spans)
            checks.append(check)
    return checks


def format_nights(checks: list[Check]) -> str:
    """Night by night and class by class: veille's figure, the air force's, and whether they
    agree; then the agreement rates."""
    from .compare import agreement

    lines = [f"{'night':10}  {'class':7}  {'figure':11}  {'veille':>6}  {'air force':>9}  "
             f"{'':5}  {'fused event':13}  article (evidence)"]
    for c in sorted(checks, key=lambda c: (c.night, c.weapon_class, c.figure)):
        ref = "-" if c.dataset is None else str(c.dataset)
        spans = " ".join(f"{s}-{e}" for s, e in c.evidence)
        mark = "ok" if c.agrees else "DIFF"
        lines.append(f"{c.night:10}  {c.weapon_class:7}  {c.figure:11}  {c.veille:>6}  "
                     f"{ref:>9}  {mark:5}  {c.event_id or '-':13}  {c.article_id} ({spans})"
                     + (f"  [{c.note}]" if c.note and not c.agrees else ""))
    lines.append("")
    for name, figures in agreement(checks).items():
        lines.append(f"{name:12} {figures['agreed']}/{figures['checked']} agree "
                     f"({figures['rate']:.1%})")
    return "\n".join(lines)
