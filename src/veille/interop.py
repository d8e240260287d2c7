"""Exports for the analyst's tools: flat rows (CSV, Parquet, pandas), ACLED-style CSV,
PLOVER/POLECAT-style JSON and GeoJSON, for article-level events and fused events alike.

Every export starts from the same flat row (``event_row``, ``fused_row``, ``claim_row``):
one column per scalar field, lists joined with "; ", booleans true/false, and the
article's url, outlet, title and publication date on every row (for a fused event, those
of its earliest report, with the count and ids of all its articles). A place given at
country level carries no coordinates in any export: the record's country centroid is a
position to draw, not where anything fell. docs/CODEBOOK.md describes every column and
how our fields map to ACLED's and PLOVER's.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

EVENT_COLUMNS = [
    "article_id", "event_id", "type", "date", "date_precision", "place", "admin1", "country",
    "control", "site", "location_precision", "lat", "lon", "actor", "actor_side", "weapons",
    "systems", "defenses", "launched", "intercepted", "hit", "killed", "injured", "claimed_by",
    "claimed_by_side", "hedged", "claimants", "evidence", "evidence_spans", "url", "outlet",
    "title", "published"]
FUSED_COLUMNS = [
    "fused_id", "type", "date", "date_precision", "place", "admin1", "country", "control",
    "location_precision", "lat", "lon", "actor", "actor_side", "weapons", "defenses",
    "launched", "intercepted", "hit", "killed", "injured", "claimed_by", "claimed_by_side",
    "hedged", "reports", "outlets", "articles", "article_ids", "flags", "part_of", "url",
    "outlet", "title", "published"]
CLAIM_COLUMNS = [
    "fused_id", "article_id", "event_id", "claimed_by", "claimed_by_side", "date", "place",
    "precision", "launched", "intercepted", "hit", "killed", "injured", "hedged", "outlet",
    "url", "published", "evidence"]
COUNTS = ("launched", "intercepted", "hit", "killed", "injured")
# the column types of the flat rows (Parquet and pandas keep them; CSV writes text)
INT_COLUMNS = {*COUNTS, "reports", "outlets", "articles", "claimants"}
FLOAT_COLUMNS = {"lat", "lon"}
BOOL_COLUMNS = {"hedged"}

# --- ACLED ---------------------------------------------------------------------------------
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
    # ours, after ACLED's: what ACLED has no column for
    "veille_type", "launched", "intercepted", "hit", "injured", "weapons", "claimed_by",
    "claimed_by_side", "hedged", "reports", "url", "published", "evidence"]
# ISO 3166 numeric and alpha-3 codes, and ACLED's regions, for the countries the knowledge
# base knows
COUNTRY_CODES = {
    "AE": (784, "ARE", "Middle East"), "BY": (112, "BLR", "Europe"),
    "DE": (276, "DEU", "Europe"), "EE": (233, "EST", "Europe"), "FI": (246, "FIN", "Europe"),
    "FR": (250, "FRA", "Europe"), "GB": (826, "GBR", "Europe"),
    "GE": (268, "GEO", "Caucasus and Central Asia"), "HU": (348, "HUN", "Europe"),
    "IL": (376, "ISR", "Middle East"), "IQ": (368, "IRQ", "Middle East"),
    "IR": (364, "IRN", "Middle East"), "JO": (400, "JOR", "Middle East"),
    "KP": (408, "PRK", "East Asia"), "KZ": (398, "KAZ", "Caucasus and Central Asia"),
    "LB": (422, "LBN", "Middle East"), "LT": (440, "LTU", "Europe"),
    "LV": (428, "LVA", "Europe"), "MD": (498, "MDA", "Europe"), "PL": (616, "POL", "Europe"),
    "PS": (275, "PSE", "Middle East"), "QA": (634, "QAT", "Middle East"),
    "RO": (642, "ROU", "Europe"), "RU": (643, "RUS", "Europe"),
    "SA": (682, "SAU", "Middle East"), "SK": (703, "SVK", "Europe"),
    "SY": (760, "SYR", "Middle East"), "UA": (804, "UKR", "Europe"),
    "US": (840, "USA", "North America"), "YE": (887, "YEM", "Middle East"),
}
SIDE_NAMES = {"RU": "Russia", "UA": "Ukraine"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
# the generic weapon names of our records, by what ACLED's sub-event types distinguish
_AIR = {"drone", "aircraft"}
_FIRE = {"missile", "ballistic missile", "cruise missile", "artillery"}


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


def article_meta(store) -> dict[str, ArticleMeta]:
    """Every stored article's url, outlet, title and publication date, by id."""
    return {ident: ArticleMeta(url, source, title, published) for ident, url, source, title,
            published in store.db.execute(
                "SELECT id, url, source, title, published FROM articles")}


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {3: "day", 2: "month", 1: "year"}[len(date.split("-"))]


def _join(values) -> str | None:
    values = [str(v) for v in values or () if v not in (None, "")]
    return "; ".join(values) if values else None


def _where(rec: dict) -> dict:
    loc = rec.get("location") or {}
    precision = loc.get("precision") or ("place" if loc.get("place") else "admin1"
                                         if loc.get("admin1") else "country"
                                         if loc.get("country") else None)
    point = precision in ("place", "admin1")  # a country's centroid is no point
    return {"place": loc.get("place"), "admin1": loc.get("admin1"),
            "country": loc.get("country"), "control": loc.get("control"),
            "site": loc.get("site"), "location_precision": precision,
            "lat": loc.get("lat") if point else None, "lon": loc.get("lon") if point else None}


def _who(rec: dict, key: str) -> tuple[str | None, str | None]:
    who = rec.get(key) or {}
    return who.get("name"), who.get("side")


def event_row(rec: dict, meta: ArticleMeta | None = None) -> dict[str, Any]:
    """One article-level record (as ``veille extract`` writes it) as a flat row."""
    meta = meta or ArticleMeta()
    actor, actor_side = _who(rec, "actor")
    claimant, claimant_side = _who(rec, "claimed_by")
    row = {"article_id": rec.get("article_id"), "event_id": rec.get("event_id"),
           "type": rec.get("type"), "date": rec.get("date"),
           "date_precision": _precision(rec.get("date")), **_where(rec),
           "actor": actor, "actor_side": actor_side, "weapons": _join(rec.get("weapons")),
           "systems": _join(rec.get("systems")), "defenses": _join(rec.get("defenses")),
           **{k: rec.get(k) for k in COUNTS},
           "claimed_by": claimant, "claimed_by_side": claimant_side,
           "hedged": bool(rec.get("hedged")),
           "claimants": len(rec.get("claims") or ()) or (1 if claimant else 0),
           "evidence": " | ".join(rec.get("evidence") or ()) or None,
           "evidence_spans": _join(f"{a}-{b}" for a, b in rec.get("evidence_spans") or ()),
           "url": meta.url, "outlet": meta.outlet, "title": meta.title,
           "published": meta.published}
    return {c: row.get(c) for c in EVENT_COLUMNS}


def _earliest(claims: list[dict]) -> dict:
    return min(claims, key=lambda c: (c.get("published") is None, c.get("published") or "",
                                      c.get("article_id") or ""), default={})


def fused_row(rec: dict, meta: dict[str, ArticleMeta] | None = None) -> dict[str, Any]:
    """One fused event (as ``veille events --fused --format jsonl`` writes it) as a flat
    row: the consensus values, and the article metadata of its earliest report."""
    actor, actor_side = _who(rec, "actor")
    claimant, claimant_side = _who(rec, "claimed_by")
    claims = rec.get("claims") or []
    first = _earliest(claims)
    first_meta = (meta or {}).get(first.get("article_id")) or ArticleMeta()
    ids = rec.get("article_ids") or sorted({c["article_id"] for c in claims})
    row = {"fused_id": rec.get("fused_id"), "type": rec.get("type"), "date": rec.get("date"),
           "date_precision": _precision(rec.get("date")), **_where(rec),
           "actor": actor, "actor_side": actor_side, "weapons": _join(rec.get("weapons")),
           "defenses": _join(rec.get("defenses")), **{k: rec.get(k) for k in COUNTS},
           "claimed_by": claimant, "claimed_by_side": claimant_side,
           "hedged": bool(rec.get("hedged")), "reports": rec.get("reports"),
           "outlets": rec.get("outlets"), "articles": len(ids), "article_ids": _join(ids),
           "flags": _join(rec.get("flags")), "part_of": rec.get("part_of"),
           "url": first.get("url") or first_meta.url,
           "outlet": first.get("outlet") or first_meta.outlet, "title": first_meta.title,
           "published": first.get("published") or first_meta.published}
    return {c: row.get(c) for c in FUSED_COLUMNS}


def claim_rows(rec: dict) -> Iterator[dict[str, Any]]:
    """The claims ledger of one fused event: one flat row per report and source."""
    for c in rec.get("claims") or []:
        who = c.get("claimed_by") or {}
        row = {"fused_id": rec.get("fused_id"), "article_id": c.get("article_id"),
               "event_id": c.get("event_id"), "claimed_by": who.get("name"),
               "claimed_by_side": who.get("side"), "date": c.get("date"),
               "place": c.get("place"), "precision": c.get("precision"),
               **{k: c.get(k) for k in COUNTS}, "hedged": bool(c.get("hedged")),
               "outlet": c.get("outlet"), "url": c.get("url"), "published": c.get("published"),
               "evidence": " | ".join(c.get("evidence") or ()) or None}
        yield {k: row.get(k) for k in CLAIM_COLUMNS}


# --- writers -------------------------------------------------------------------------------

def _cell(value) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(rows: Iterable[dict], columns: list[str], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        n += 1
    return n


def arrow_table(rows: Iterable[dict], columns: list[str]):
    """The rows as a pyarrow Table with typed columns (integers nullable)."""
    import pyarrow as pa

    def kind(name: str):
        if name in INT_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        if name in BOOL_COLUMNS:
            return pa.bool_()
        if name in ("year", "time_precision", "geo_precision", "iso", "fatalities"):
            return pa.int64()
        if name in ("latitude", "longitude"):
            return pa.float64()
        return pa.string()

    rows = list(rows)
    schema = pa.schema([(c, kind(c)) for c in columns])
    data = {c: [r.get(c) for r in rows] for c in columns}
    for c in columns:
        if kind(c) == pa.string():
            data[c] = [None if v is None or v == "" else str(v) for v in data[c]]
        elif kind(c) != pa.bool_():
            data[c] = [None if v in (None, "") else v for v in data[c]]
    return pa.table(data, schema=schema)


def write_parquet(rows: Iterable[dict], columns: list[str], path: str) -> int:
    import pyarrow.parquet as pq

    table = arrow_table(rows, columns)
    pq.write_table(table, path)
    return table.num_rows


# --- ACLED ---------------------------------------------------------------------------------

def weapon_kinds(names: Iterable[str], kb) -> set[str]:
    """The generic kinds (drone, missile, artillery, aircraft ...) of weapon names."""
    from .extract.weapons import GENERIC_OF_CLASS

    generics = set(GENERIC_OF_CLASS.values()) | {"missile"}
    out = set()
    for name in names:
        if name in generics:
            out.add(name)
            continue
        for hit in kb.lookup(name, ("weapon",)) if kb is not None else ():
            cls = getattr(hit.entry, "cls", None)
            if cls in GENERIC_OF_CLASS:
                out.add(GENERIC_OF_CLASS[cls])
                break
    return out


def acled_sub_event(type_: str, kinds: set[str]) -> tuple[str, str, str]:
    """ACLED's disorder type, event type and sub-event type for one of our events."""
    if type_ == "strike":
        sub = "Shelling/artillery/missile attack" if kinds & _FIRE else \
            "Air/drone strike" if kinds & _AIR else ""
        return "Political violence", "Explosions/Remote violence", sub
    sub = "Change to group/activity" if type_ == "deployment" else "Other"
    return "Strategic developments", "Strategic developments", sub


def _acled_date(date: str | None) -> tuple[str, int | None, int | None]:
    if not date:
        return "", None, None
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
    precision = 1 if len(parts) == 3 else 3  # ACLED: 1 the day, 2 within a week, 3 the month
    return f"{day} {_MONTHS[month - 1]} {year}", year, precision


def _summary(row: dict, type_: str, country_name: str | None) -> str:
    where = ", ".join(x for x in (row.get("place") or row.get("site"), row.get("admin1"),
                                  country_name) if x) or "an unknown place"
    who = SIDE_NAMES.get(row.get("actor_side") or "", row.get("actor") or "an unknown actor")
    verb = {"strike": "struck", "deployment": "deployed forces or systems in",
            "threat": "threatened retaliation (told in"}.get(type_, "acted in")
    text = f"{who} {verb} {where}" + (")" if type_ == "threat" else "")
    figures = [f"{row[k]} {k}" for k in COUNTS if row.get(k) is not None]
    if row.get("weapons"):
        text += f" with {row['weapons'].replace('; ', ', ')}"
    if figures:
        text += ": " + ", ".join(figures)
    if row.get("claimed_by"):
        text += f"; claimed by {row['claimed_by']}" + \
            (f" ({row['claimed_by_side']})" if row.get("claimed_by_side") else "")
    return text + "."


def acled_row(row: dict, type_: str, kb, country_names: dict[str, str]) -> dict[str, Any]:
    """A flat row (event or fused) in ACLED's columns and codes, then ours."""
    iso2 = row.get("country")
    iso, _, region = COUNTRY_CODES.get(iso2 or "", (None, None, None))
    weapons = (row.get("weapons") or "").split("; ") if row.get("weapons") else []
    disorder, event_type, sub = acled_sub_event(type_, weapon_kinds(weapons, kb))
    event_date, year, time_precision = _acled_date(row.get("date"))
    precision = row.get("location_precision")
    name = country_names.get(iso2 or "", iso2)
    out = {
        "event_id_cnty": row.get("fused_id") or row.get("event_id"),
        "event_date": event_date, "year": year, "time_precision": time_precision,
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub,
        "actor1": row.get("actor") or SIDE_NAMES.get(row.get("actor_side") or ""),
        "iso": iso, "region": region, "country": name, "admin1": row.get("admin1"),
        "location": row.get("place") or row.get("admin1") or name,
        "latitude": row.get("lat"), "longitude": row.get("lon"),
        # ACLED: 1 the town itself, 2 near it or a part of a region, 3 the region
        "geo_precision": {"place": 1, "admin1": 3, "country": 3}.get(precision or ""),
        "source": row.get("outlet") or row.get("outlets_names"),
        "notes": _summary(row, type_, name),
        "fatalities": row.get("killed"),  # unknown stays empty: never 0 for "not told"
        "tags": "hedged by the source" if row.get("hedged") else None,
        "veille_type": type_, "weapons": row.get("weapons"),
        **{k: row.get(k) for k in ("launched", "intercepted", "hit", "injured", "claimed_by",
                                   "claimed_by_side", "hedged", "reports", "url", "published",
                                   "evidence")}}
    return {c: out.get(c) for c in ACLED_COLUMNS}


# --- GeoJSON -------------------------------------------------------------------------------

def geojson_feature(row: dict) -> dict:
    """A feature with the flat row as properties; a point only where the text names a place
    or a region (``location_precision``), else no geometry (null)."""
    point = row.get("lat") is not None and row.get("lon") is not None
    return {"type": "Feature",
            "id": row.get("fused_id") or row.get("event_id"),
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if point
            else None,
            "properties": {k: v for k, v in row.items()}}


def write_geojson(rows: Iterable[dict], out: TextIO) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        out.write((",\n" if n else "") + json.dumps(geojson_feature(row), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


# --- PLOVER --------------------------------------------------------------------------------
# our types as PLOVER event types, with a mode, the quad code and the event scale PLOVER gives
PLOVER_TYPES = {"strike": ("ASSAULT", "heavy-weapons", 4, -9.3),
                "deployment": ("MOBILIZE", "weapons", 4, -5.3),
                "threat": ("THREATEN", "violence", 3, -5.1)}


def _plover_actor(name: str | None, side: str | None, *, sector: str | None = "MIL") -> dict | None:
    if not name and not side:
        return None
    code = COUNTRY_CODES.get(side or "", (None, None, None))[1]
    return {"code": code, "sector": sector if code else None,
            "actor_text": name or SIDE_NAMES.get(side or "")}


def plover_record(row: dict, type_: str) -> dict[str, Any]:
    """A flat row (event or fused) as a PLOVER record: ``event`` and ``mode`` from our type,
    ``context`` military (and cbrn for a nuclear threat), the attacker as ``source``, the
    side that held the place struck as ``recipient``, the place as ``event_loc`` with
    GeoNames-style keys and our ``precision``; fields PLOVER lacks keep our names."""
    event, mode, quad, scale = PLOVER_TYPES[type_]
    weapons = row.get("weapons") or ""
    context = ["military"] + (["cbrn"] if "nuclear" in weapons.lower() else [])
    date = row.get("date")
    day = date if date and len(date) == 10 else \
        (date + "-01" if date and len(date) == 7 else (date + "-01-01" if date else None))
    held = row.get("control") or row.get("country")
    iso2 = row.get("country")
    loc = None
    if iso2 or row.get("place") or row.get("admin1"):
        codes = COUNTRY_CODES.get(iso2 or "", (None, None, None))
        loc = {"name": row.get("place") or row.get("admin1") or iso2,
               "latitude": row.get("lat"), "longitude": row.get("lon"),
               "country code": iso2, "cc3": codes[1], "admin1": row.get("admin1"),
               "precision": row.get("location_precision")}
    record = {
        "id": row.get("fused_id") or row.get("event_id"), "date": day,
        "date_precision": row.get("date_precision"),
        "event": [event], "mode": [mode], "context": context, "quad_code": quad,
        "event_scale": scale,
        "source": [a for a in [_plover_actor(row.get("actor"), row.get("actor_side"))] if a],
        "recipient": [a for a in [_plover_actor(None, held, sector=None)] if a]
        if type_ == "strike" else [],
        "event_loc": loc,
        "event_text": row.get("evidence"),
        "link": row.get("url"),
        "cite_info": {"url": row.get("url"), "title": row.get("title"),
                      "publication": row.get("outlet"), "language": "fr"},
        "coder": "veille",
    }
    if type_ == "strike":
        record["dead"] = row.get("killed")
        record["injured"] = row.get("injured")
    record.update({k: row.get(k) for k in ("launched", "intercepted", "hit", "weapons",
                                           "claimed_by", "claimed_by_side", "hedged")})
    if row.get("reports") is not None:
        record["reports"] = row.get("reports")
        record["article_ids"] = row.get("article_ids")
    return record


# --- one entry point for every format ------------------------------------------------------

FORMATS = ("table", "csv", "jsonl", "json", "acled", "plover", "geojson", "parquet")
BINARY = {"parquet"}
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
              ".geojson": "geojson", ".parquet": "parquet", ".txt": "table"}
COLUMNS = {"event": EVENT_COLUMNS, "fused": FUSED_COLUMNS, "claim": CLAIM_COLUMNS}


def format_of(path: str | None) -> str | None:
    """The format a file name's extension asks for (None when it says nothing)."""
    if not path:
        return None
    from pathlib import PurePath

    return EXTENSIONS.get(PurePath(path).suffix.lower())


def flat_rows(kind: str, records: Iterable[dict], meta: dict[str, ArticleMeta] | None = None
              ) -> Iterator[dict]:
    meta = meta or {}
    for rec in records:
        if kind == "event":
            yield event_row(rec, meta.get(rec.get("article_id")))
        elif kind == "fused":
            yield fused_row(rec, meta)
        else:
            yield rec  # claim rows are flat already


def write_records(kind: str, records: Iterable[dict], fmt: str, out, *,
                  meta: dict[str, ArticleMeta] | None = None, kb=None) -> int:
    """Write ``records`` (article-level or fused records as dicts, or claim rows) in
    ``fmt`` to ``out``: a text stream, or for parquet a path or binary stream."""
    if fmt == "jsonl":
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        items = list(records)
        out.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
        return len(items)
    rows = flat_rows(kind, records, meta)
    if fmt == "csv":
        return write_csv(rows, COLUMNS[kind], out)
    if fmt == "parquet":
        return write_parquet(rows, COLUMNS[kind], out)
    if fmt == "geojson":
        return write_geojson(rows, out)
    if kind == "claim":
        raise ValueError(f"claims have no {fmt} form (csv, jsonl, json or parquet)")
    if kb is None:
        from .kb import load_kb

        kb = load_kb()
    if fmt == "acled":
        names = {e.country: e.name for e in kb.places.values() if e.kind == "country"}
        type_key = "type"
        return write_csv((acled_row(r, r[type_key], kb, names) for r in rows), ACLED_COLUMNS, out)
    if fmt == "plover":
        n = 0
        for r in rows:
            out.write(json.dumps(plover_record(r, r["type"]), ensure_ascii=False) + "\n")
            n += 1
        return n
    raise ValueError(f"unknown format {fmt!r}")
