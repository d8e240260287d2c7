"""The fused tables of the store: blocks and their signatures, fused events, members, links.

A block's signature is a hash of its events' keys and digests (a digest is the hash of the
stored record). A block whose signature matches the one recorded at the last fusion has
not changed and is not clustered again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson

from ..records import FusedEvent, Link, content_hash
from ..store import BLOCK_SUMS_COUNT, EventFilter, Store, common_conditions, date_bounds
from .claims import Member
from .cluster import FIGURES, GENERIC_WEAPONS, FuseOptions, block_of, item_from_record
from .cluster import undated_homes as cluster_homes
from ..faults import failpoint
from .links import is_response, mentions_of, speaker_of


@dataclass(frozen=True, slots=True, kw_only=True)
class FusedFilter(EventFilter):
    """The filters of article-level events (but ``article_id``), and fused events' own."""

    flag: str | None = None
    min_reports: int = 1


_NO_DIGEST = "SELECT event_key, record FROM events WHERE digest IS NULL"
_UNDATED = "SELECT event_key, record FROM events WHERE date IS NULL AND type != 'threat'"


def _backfill_digests(store: Store) -> None:
    """Events stored before digests were (schema 0002) get theirs, once."""
    if store.read_only or store.db.execute(_NO_DIGEST + " LIMIT 1").fetchone() is None:
        return
    with store.write():  # read again under the lock: a writer may have replaced them
        rows = store.db.execute(_NO_DIGEST).fetchall()
        store.db.executemany("UPDATE events SET digest = ? WHERE event_key = ?",
                             [(content_hash(rec), key) for key, rec in rows])


def undated_homes(store: Store, kinds: dict[str, str], is_person=None,
                  opts: FuseOptions = FuseOptions(), is_site=None) -> dict[str, str]:
    """The dated block each undated report that strongly matches dated reports of one month
    is clustered in (:func:`veille.fuse.cluster.undated_homes`). The candidates come from
    the store's indexes by place (with a named weapon) and by figure, across all months:
    no block is scanned."""
    rows = store.db.execute(_UNDATED).fetchall()
    if not rows:
        return {}
    undated = [item_from_record(key, key.split(":", 1)[0], json.loads(rec), kinds, is_person, is_site)
               for key, rec in rows]
    found: dict[str, tuple[str, str]] = {}
    select = "SELECT e.event_key, e.date, e.record FROM events e "
    for (key, rec), it in zip(rows, undated):
        record = json.loads(rec)
        place = (record.get("location") or {}).get("place")
        named = sorted(w for w in record.get("weapons") or () if w not in GENERIC_WEAPONS)
        queries = []
        if place and named and it.site:
            queries.append((select + "JOIN event_weapons w ON w.event_key = e.event_key "
                            "WHERE e.type = ? AND e.place = ? AND e.date IS NOT NULL AND "
                            f"w.weapon IN ({','.join('?' * len(named))})",
                            (it.type, place, *named)))
        if it.claimant:
            for field in FIGURES:
                if (value := record.get(field)) is not None:
                    queries.append((select + f"WHERE e.type = ? AND json_extract(e.record, "
                                    f"'$.{field}') = ? AND e.date IS NOT NULL", (it.type, value)))
        for sql, args in queries:
            for k, date, r in store.db.execute(sql, args):
                found[k] = (date, r)
    candidates = [(block_of(json.loads(r)["type"], date),
                   item_from_record(k, k.split(":", 1)[0], json.loads(r), kinds, is_person, is_site))
                  for k, (date, r) in found.items()]
    return cluster_homes(undated, candidates, opts)


def recorded_homes(store: Store) -> dict[str, str]:
    """The homes of undated reports as the last fusion found them."""
    return dict(store.db.execute("SELECT event_key, block FROM fuse_homes"))


def record_homes(store: Store, homes: dict[str, str]) -> None:
    if homes == recorded_homes(store):
        return
    with store.write():
        store.db.execute("DELETE FROM fuse_homes")
        store.db.executemany("INSERT INTO fuse_homes VALUES (?, ?)", sorted(homes.items()))


def _parts(digest: str) -> tuple[int, int]:
    return int(digest[:7], 16), int(digest[7:14], 16)


def block_signatures(store: Store, homes: dict[str, str] | None = None) -> dict[str, str]:
    """Every block of the store's events, with its current signature; ``homes``: the dated
    blocks undated reports are clustered in (:func:`undated_homes`)."""
    _backfill_digests(store)
    homes = homes or {}
    if store.db.execute(_NO_DIGEST + " LIMIT 1").fetchone() is not None:
        # a read-only store's events from before digests: each record hashed here
        rows = [(block_of(t, d), k, content_hash(r)) for t, d, k, r in store.db.execute(
            "SELECT type, date, event_key, record FROM events")]
        sums: dict[str, list[int]] = {}
        for block, key, digest in rows:
            acc = sums.setdefault(homes.get(key) or block, [0, 0, 0])
            a, b = _parts(digest)
            acc[0], acc[1], acc[2] = acc[0] + 1, acc[1] + a, acc[2] + b
    else:
        kept = store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'block_sums'").fetchone()
        # kept by triggers since schema 0008; a read-only store from before, summed here
        sums = {block: [n, a, b] for block, n, a, b in store.db.execute(
            "SELECT block, n, a, b FROM block_sums" if kept else BLOCK_SUMS_COUNT)}
        if homes:  # undated reports clustered in a month count in that month's block
            keys = sorted(homes)
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                for key, type_, date, digest in store.db.execute(
                        f"SELECT event_key, type, date, digest FROM events WHERE event_key IN "
                        f"({','.join('?' * len(chunk))})", chunk):
                    a, b = _parts(digest)
                    old = sums[block_of(type_, date)]
                    old[0], old[1], old[2] = old[0] - 1, old[1] - a, old[2] - b
                    new = sums.setdefault(homes[key], [0, 0, 0])
                    new[0], new[1], new[2] = new[0] + 1, new[1] + a, new[2] + b
    return {block: f"{n}-{a:x}-{b:x}" for block, (n, a, b) in sums.items() if n}


def fused_signatures(store: Store) -> dict[str, str]:
    return dict(store.db.execute("SELECT block, signature FROM fuse_blocks"))


def stale_blocks(store: Store) -> list[str]:
    """Blocks whose events changed since they were last fused (whatever the options)."""
    done = {b: sig.split("/", 1)[0] for b, sig in fused_signatures(store).items()}
    current = block_signatures(store, recorded_homes(store))
    return sorted(b for b in set(done) | set(current) if done.get(b) != current.get(b))


def block_members(store: Store, block: str, homes: dict[str, str] | None = None) -> list[Member]:
    """The article-level records of one block, with their articles' metadata; ``homes``:
    the dated blocks undated reports are clustered in (:func:`undated_homes`)."""
    homes = homes or {}
    type_, period = block.split(":", 1)
    sql = ("SELECT e.event_key, e.record, a.id, a.published, a.source, a.url "
           "FROM events e JOIN articles a ON a.hash = e.article_hash WHERE e.type = ? AND ")
    if period == "undated":
        rows = [r for r in store.db.execute(sql + "e.date IS NULL", (type_,))
                if r[0] not in homes]
    elif len(period) == 4:
        rows = list(store.db.execute(sql + "e.date = ?", (type_, period)))
    else:
        start, end = date_bounds(period)
        rows = list(store.db.execute(sql + "e.date_start BETWEEN ? AND ? AND length(e.date) >= 7",
                                     (type_, start, end)))
    if guests := sorted(k for k, b in homes.items() if b == block):
        rows += store.db.execute(sql + f"e.event_key IN ({','.join('?' * len(guests))})",
                                 (type_, *guests)).fetchall()
    return [Member(key=key, record=orjson.loads(rec), article_id=aid, published=pub,
                   source=src, url=url) for key, rec, aid, pub, src, url in rows]


def block_rows(block: str, fused: Iterable[FusedEvent], response: re.Pattern | None = None,
               kb=None) -> tuple[list[tuple], list[tuple]]:
    """The ``fused_events`` and ``fused_members`` rows of a block's fused events (a pure
    function: worker processes make them, the one writer only inserts them). ``response``:
    the cue of a strike reported as a response, and ``kb`` to find the places and people a
    threat or strike names: both noted for escalation links."""
    rows, members = [], []
    for event in fused:
        loc = event.value("location") or {}
        start, end = date_bounds(event.date)
        record = event.to_dict()
        actor = event.value("actor") or {}
        answers = is_response(event, response)
        mentions = mentions_of(event, kb) if kb is not None and event.type != "deployment" \
            else frozenset()
        rows.append((event.fused_id, block, event.type, event.date, start, end,
                     loc.get("place"), loc.get("admin1"), loc.get("country"),
                     actor.get("side"), "|".join(event.value("weapons")), int(answers),
                     speaker_of(event), "|".join(sorted(mentions)),
                     event.reports, len(event.outlets), ",".join(event.flags),
                     orjson.dumps(record).decode()))
        members += [(key, event.fused_id) for key in event.members]
    return rows, members


def replace_block(store: Store, block: str, fused: Iterable[FusedEvent] | None,
                  signature: str | None, response: re.Pattern | None = None, kb=None, *,
                  rows: tuple[list[tuple], list[tuple]] | None = None) -> None:
    """Swap a block's fused events for new ones in one transaction (signature None: the
    block has no events anymore and is forgotten); ``rows``: the events' rows made already
    (:func:`block_rows`), instead of ``fused``."""
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    events, members = rows if rows is not None else block_rows(block, fused or (), response, kb)
    with store.write():
        # only the rows that differ are written: a block clustered again after a few new
        # reports keeps most of its events as they were, and rewriting them (and their
        # index entries) was most of the cost of an incremental run
        old = {r[0]: tuple(r) for r in store.db.execute(
            "SELECT * FROM fused_events WHERE block = ?", (block,))}
        # an undated report that moved between its undated block and a month takes its
        # event's id along: the block it left changed too and is fused again in this run
        ids = [row[0] for row in events]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            old.update((r[0], tuple(r)) for r in store.db.execute(
                f"SELECT * FROM fused_events WHERE block != ? AND fused_id IN "
                f"({','.join('?' * len(chunk))})", (block, *chunk)))
        new = {row[0]: tuple(row) for row in events}
        gone = [f for f in old if f not in new]
        written = [row for f, row in new.items() if old.get(f) != row]
        old_members = dict(store.db.execute(
            "SELECT m.event_key, m.fused_id FROM fused_members m JOIN fused_events e "
            "ON e.fused_id = m.fused_id WHERE e.block = ?", (block,))) if old else {}
        kept_members = {key: fid for key, fid in members}
        store.db.executemany("DELETE FROM fused_members WHERE fused_id = ?", [(f,) for f in gone])
        store.db.executemany("DELETE FROM fused_members WHERE event_key = ?",
                             [(k,) for k, f in old_members.items() if kept_members.get(k) != f])
        store.db.executemany("DELETE FROM fused_events WHERE fused_id = ?",
                             [(f,) for f in gone] + [(row[0],) for row in written if row[0] in old])
        store.db.executemany("INSERT INTO fused_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             written)
        store.db.executemany("INSERT OR REPLACE INTO fused_members VALUES (?,?)",
                             [(k, f) for k, f in members if old_members.get(k) != f])
        if signature is None:
            store.db.execute("DELETE FROM fuse_blocks WHERE block = ?", (block,))
        else:
            store.db.execute("INSERT OR REPLACE INTO fuse_blocks VALUES (?,?,?)",
                             (block, signature, now))
        failpoint("fuse.replace")  # a crash before the commit: the block's old state stays


def clear(store: Store) -> None:
    with store.write():
        for table in ("fuse_blocks", "fused_events", "fused_members", "fused_links",
                      "fuse_pending", "fuse_homes"):
            store.db.execute(f"DELETE FROM {table}")


def pending(store: Store) -> list[str]:
    """Blocks clustered again whose escalation links are still to recompute."""
    return [r[0] for r in store.db.execute("SELECT block FROM fuse_pending ORDER BY block")]


def mark_pending(store: Store, blocks: Iterable[str]) -> None:
    with store.write():
        store.db.executemany("INSERT OR IGNORE INTO fuse_pending VALUES (?)",
                             [(b,) for b in blocks])


def clear_pending(store: Store, blocks: Iterable[str]) -> None:
    """Forget the blocks whose links this run recomputed (only those: another run may have
    marked others meanwhile)."""
    with store.write():
        store.db.executemany("DELETE FROM fuse_pending WHERE block = ?", [(b,) for b in blocks])


def _fused_where(flt: FusedFilter) -> tuple[list[str], list]:
    where, args = common_conditions(flt)
    where.append("reports >= ?")
    args.append(flt.min_reports)
    if flt.weapons:
        where.append("(" + " OR ".join("('|' || lower(weapons) || '|') LIKE ?"
                                       for _ in flt.weapons) + ")")
        args += [f"%|{w.lower()}|%" for w in flt.weapons]
    if flt.flag:
        where.append("(',' || flags || ',') LIKE ?")
        args.append(f"%,{flt.flag},%")
    return where, args


_ORDER = " ORDER BY date_start IS NULL, date_start, type, fused_id"


def fused_events(store: Store, flt: FusedFilter | None = None) -> Iterator[FusedEvent]:
    flt = flt or FusedFilter()
    where, args = _fused_where(flt)
    sql = "SELECT record FROM fused_events WHERE " + " AND ".join(where) + _ORDER
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    for (record,) in store.db.execute(sql, args):
        yield FusedEvent.from_dict(json.loads(record))


MAP_FIELDS = ("fused_id", "type", "date", "place", "admin1", "country", "actor_side", "weapons",
              "reports", "outlets", "flags", "lat", "lon", "launched", "intercepted", "hit",
              "killed", "injured", "actor", "part_of")


def map_rows(store: Store, flt: FusedFilter | None = None, side: str | None = None) -> list[dict]:
    """The fused events' fields a map needs, read by SQLite itself (no record is decoded
    in Python): fast enough for tens of thousands of events."""
    flt = flt or FusedFilter()
    where, args = _fused_where(flt)
    if side:
        where.append("side = ?")
        args.append(side)
    sql = ("SELECT fused_id, type, date, place, admin1, country, side, weapons, reports, "
           "outlets, flags, json_extract(record, '$.location.lat'), "
           "json_extract(record, '$.location.lon'), json_extract(record, '$.launched'), "
           "json_extract(record, '$.intercepted'), json_extract(record, '$.hit'), "
           "json_extract(record, '$.killed'), json_extract(record, '$.injured'), "
           "json_extract(record, '$.actor.name'), json_extract(record, '$.part_of') "
           "FROM fused_events WHERE " + " AND ".join(where) + _ORDER)
    if flt.limit:
        sql += f" LIMIT {int(flt.limit)}"
    return [dict(zip(MAP_FIELDS, row)) for row in store.db.execute(sql, args)]


def link_facts(store: Store, type_: str, since: str, until: str) -> list[tuple]:
    """Light rows for escalation links (the fields of ``links.Facts``) of one type's fused
    events between two days."""
    rows = store.db.execute(
        "SELECT fused_id, date, side, country, place, admin1, weapons, response, speaker, "
        "mentions, reports FROM fused_events WHERE type = ? AND date_end >= ? AND date_start <= ?",
        (type_, since, until))

    def split(text: str) -> frozenset[str]:
        return frozenset(text.split("|")) if text else frozenset()

    return [(fid, date, side, country, place, admin1, split(weapons), bool(response), speaker,
             split(mentions), reports)
            for fid, date, side, country, place, admin1, weapons, response, speaker, mentions,
            reports in rows]


def find_fused(store: Store, ident: str) -> FusedEvent | None:
    """A fused event by its id, or the one holding an article-level event (by event id or
    store key)."""
    row = store.db.execute("SELECT record FROM fused_events WHERE fused_id = ?", (ident,)).fetchone()
    if row is None:
        row = store.db.execute(
            "SELECT f.record FROM fused_members m JOIN fused_events f ON f.fused_id = m.fused_id "
            "WHERE m.event_key = ? OR substr(m.event_key, instr(m.event_key, ':') + 1) = ? "
            "ORDER BY m.event_key LIMIT 1", (ident, ident)).fetchone()
    return FusedEvent.from_dict(json.loads(row[0])) if row else None


def member_records(store: Store, keys: Iterable[str]) -> list[dict]:
    """The article-level records, exactly as ``veille extract`` wrote them."""
    out = []
    for key in keys:
        row = store.db.execute("SELECT record FROM events WHERE event_key = ?", (key,)).fetchone()
        if row:
            out.append(json.loads(row[0]))
    return out


def replace_links(store: Store, threat_ids: Iterable[str], links: Iterable[Link]) -> None:
    with store.write():
        store.db.executemany("DELETE FROM fused_links WHERE threat = ?", [(t,) for t in threat_ids])
        store.db.executemany(
            "INSERT OR REPLACE INTO fused_links VALUES (?,?,?,?)",
            [(ln.threat, ln.strike, ln.relation, json.dumps(ln.to_dict(), ensure_ascii=False))
             for ln in links])


def links_of(store: Store, fused_id: str) -> list[Link]:
    rows = store.db.execute("SELECT record FROM fused_links WHERE threat = ? OR strike = ?",
                            (fused_id, fused_id))
    links = [Link.from_dict(json.loads(r)) for (r,) in rows]
    return sorted(links, key=lambda ln: (ln.threat, ln.relation, abs(ln.days), ln.strike))


def counts(store: Store) -> dict[str, int]:
    q = store.db.execute
    return {"fused": q("SELECT count(*) FROM fused_events").fetchone()[0],
            "members": q("SELECT count(*) FROM fused_members").fetchone()[0],
            "links": q("SELECT count(*) FROM fused_links").fetchone()[0],
            "multi": q("SELECT count(*) FROM fused_events WHERE reports > 1").fetchone()[0]}
