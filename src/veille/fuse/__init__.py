"""Fusion across articles: one real-world event per cluster of reports, every claim kept.

``fuse(store)`` brings the store's fused tables up to date with its article-level events:
only blocks (one type, one month) whose events changed since the last run are clustered
again, so it is incremental, and a second run on an unchanged store changes nothing. Then
escalation links are recomputed for the threats near the changed blocks.
"""
from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from .. import review
from ..faults import failpoint
from ..records import content_hash
from ..store import Store, date_bounds
from .claims import Member, fuse_members
from .cluster import FuseOptions, block_of, cluster_block, item_from_record
from .ledger import FusedFilter, replace_block, replace_links
from .links import Facts, escalation_links

__all__ = ["FuseOptions", "FuseReport", "FusedFilter", "fuse", "fuse_records", "site_test",
           "cluster_block", "block_of"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FuseReport:
    blocks: int  # blocks in the store
    changed: int  # blocks clustered in this run
    events: int  # article-level events in the changed blocks
    fused: int  # fused events made from them
    links: int  # escalation links recomputed
    seconds: float

    def __str__(self) -> str:
        if not self.changed:
            return (f"fused: nothing changed ({self.blocks} block{'s' * (self.blocks != 1)} "
                    f"up to date, {self.seconds:.1f} s)")
        return (f"fused {self.events:,} report{'s' * (self.events != 1)} into {self.fused:,} "
                f"event{'s' * (self.fused != 1)} in {self.changed} of {self.blocks} "
                f"block{'s' * (self.blocks != 1)} (type and month), {self.links} escalation "
                f"link{'s' * (self.links != 1)} ({self.seconds:.1f} s)")


def _weapon_kinds(kb) -> dict[str, str]:
    table = kb.cues.get("fusion_kinds") or {}
    kinds = {name: kind for name, kind in table.items()}
    for weapon in kb.weapons.values():
        if weapon.cls in table:
            kinds.setdefault(weapon.family, table[weapon.cls])
    return kinds


def _kb_digest(kb, kinds: dict[str, str]) -> str:
    """What fusion reads from the knowledge base, as a hash: a new knowledge base
    reclusters everything, as new options do."""
    people = sorted(a.name for a in kb.actors.values() if a.kind == "person")
    sites = sorted(p.name for p in kb.places.values() if p.kind == "site")
    return content_hash(repr((sorted(kinds.items()), kb.cues.get("response"), people, sites)))


def _response_cue(kb) -> re.Pattern | None:
    patterns = kb.cues.get("response") or []
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def person_test(kb) -> Callable[[str], bool]:
    """Whether an actor's name is a person's: a person of the knowledge base, or a name the
    knowledge base does not hold that reads like one (two or more capitalised words)."""
    from functools import lru_cache

    @lru_cache(maxsize=4096)
    def is_person(name: str) -> bool:
        hits = kb.lookup(name, ("actor", "place"))
        if hits:
            return any(h.kind == "actor" and h.entry.kind == "person" for h in hits)
        words = name.split()
        return len(words) >= 2 and all(w[:1].isupper() for w in words)

    return is_person


def site_test(kb) -> Callable[[str], bool]:
    """Whether a place's name is a named site of the knowledge base (an air base, a
    refinery, a plant), not a town."""
    sites = frozenset(p.name for p in kb.places.values() if p.kind == "site")
    return sites.__contains__


def fuse_records(block: str, members: list[Member], opts: FuseOptions, kinds: dict[str, str],
                 is_person: Callable[[str], bool] | None = None, *, split: set[str] = frozenset(),
                 moves: dict[str, str] | None = None,
                 is_site: Callable[[str], bool] | None = None):
    """The fused events of one block's members (a pure function of the set of members);
    ``split`` and ``moves``: a person's grouping decisions, which the clusters obey."""
    by_key = {m.key: m for m in members}
    items = [item_from_record(m.key, m.key.split(":", 1)[0], m.record, kinds, is_person, is_site)
             for m in members]
    groups = review.regroup(cluster_block(items, opts), set(split), moves or {})
    fused = [fuse_members(block, [by_key[it.key] for it in group],
                          tolerance=(opts.conflict_share, opts.conflict_min))
             for group in groups]
    return link_scopes(fused)


def link_scopes(fused: list) -> list:
    """A country's tally of one night (launched or intercepted, no place finer than the
    country) and the local strikes of that night in that country by the same attacker:
    each local strike is ``part_of`` the tally, which lists them as ``parts``. Only where
    one tally of that night and country exists."""
    from dataclasses import replace

    def scope(event) -> tuple | None:
        loc, actor = event.value("location") or {}, event.value("actor") or {}
        if event.type != "strike" or not event.date or len(event.date) != 10 or \
                not loc.get("country"):
            return None
        return (event.date, loc["country"], actor.get("side"),
                "tally" if not loc.get("place") and not loc.get("admin1") and (
                    event.value("launched") is not None or event.value("intercepted") is not None)
                else "local" if loc.get("place") or loc.get("admin1") else None)

    tallies: dict[tuple, list] = {}
    for event in fused:
        s = scope(event)
        if s and s[3] == "tally":
            tallies.setdefault(s[:2], []).append(event)
    if not tallies:
        return fused
    parts: dict[str, list[str]] = {}
    out = []
    for event in fused:
        s = scope(event)
        found = tallies.get(s[:2]) if s and s[3] == "local" else None
        if found and len(found) == 1 and (s[2] is None or (found[0].value("actor") or {}).get("side")
                                           in (None, s[2])):
            event = replace(event, part_of=found[0].fused_id)
            parts.setdefault(found[0].fused_id, []).append(event.fused_id)
        out.append(event)
    return [replace(e, parts=tuple(sorted(parts[e.fused_id]))) if e.fused_id in parts else e
            for e in out]


# what forked workers need to fuse a block: set by ``fuse`` before the pool starts
_JOB: dict = {}


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused: a block makes a few hundred thousand short-lived
    objects (records, items, claims), linking as many facts, and none of them in cycles, so
    reference counting frees them all, while each collection the allocations set off scanned
    every live object (the knowledge base's too): an eighth of fusion's time."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _fuse_block(block: str, store: Store, homes, found, opts, kinds, is_person, is_site,
                response=None, kb=None):
    """One changed block's number of members and the rows of its fused events (a pure
    function of the store's events and the decisions in force)."""
    with _no_cycle_collection():
        return _fuse_block_now(block, store, homes, found, opts, kinds, is_person, is_site,
                               response, kb)


def _fuse_block_now(block, store, homes, found, opts, kinds, is_person, is_site, response, kb):
    from . import ledger

    members = ledger.block_members(store, block, homes)
    split, moves = set(), {}
    if found:
        members = review.apply_members(members, found)
        split, moves = review.constraints(members, found)
    fused = fuse_records(block, members, opts, kinds, is_person, split=split, moves=moves,
                         is_site=is_site)
    if found:
        fused = review.flag_reviewed(fused, members)
    return len(members), len(fused), ledger.block_rows(block, fused, response, kb)


def _worker_block(block: str):
    job = _JOB
    if "store" not in job:  # each worker reads through its own connection
        from ..store import open_store

        job["store"] = open_store(job["path"], read_only=True)
    return block, *_fuse_block(block, job["store"], job["homes"], job["found"], job["opts"],
                               job["kinds"], job["is_person"], job["is_site"], job["response"],
                               job["kb"])


# blocks are written in transactions of about this many rows: a block's members lie all
# over the members' index, and committing each block alone wrote most of that index again
# every time (the commits were two thirds of the writer's time on a rebuild of 10^6)
COMMIT_ROWS = 200_000

# below this many reports in the changed blocks, starting worker processes costs more than
# it saves
PARALLEL_MIN_REPORTS = 20_000


def fuse(store: Store, opts: FuseOptions = FuseOptions(), *, rebuild: bool = False,
         progress: Callable[[str], None] | None = None, workers: int | None = None) -> FuseReport:
    """Bring the store's fused events up to date (``rebuild``: recluster every block).
    ``workers``: processes that cluster blocks in parallel (default: every core when the
    changed blocks hold at least ``PARALLEL_MIN_REPORTS`` reports; 1: none). The result is
    the same whatever their number: blocks are independent, and one process writes."""
    from ..kb import load_kb
    from . import ledger

    started = time.perf_counter()
    kb = load_kb()
    kinds = _weapon_kinds(kb)
    is_person, is_site = person_test(kb), site_test(kb)
    response = _response_cue(kb)
    # a month's reports lie scattered over the file (they arrive in any order): a page
    # cache that holds the store keeps reading them linear in the store's size
    store.db.execute("PRAGMA cache_size = -262144")  # KiB: at most 256 MiB, as used
    if rebuild:
        ledger.clear(store)
    # the options are part of every signature: new options recluster everything
    salt = content_hash(repr(opts) + _kb_digest(kb, kinds))[:8]
    # a person's decisions in force are part of the signature of the blocks they touch
    # undated reports that strongly match the dated reports of one month are clustered there
    homes = ledger.undated_homes(store, kinds, is_person, opts, is_site)
    ledger.record_homes(store, homes)
    decided = review.decisions(store, active_only=True)
    marks = review.block_marks(store, decided, homes) if decided else {}
    found = review.by_article(decided)
    current = {b: f"{sig}/{salt}" + (f"/{marks[b]}" if b in marks else "")
               for b, sig in ledger.block_signatures(store, homes).items()}
    done = ledger.fused_signatures(store)
    changed = sorted(b for b in set(current) | set(done) if current.get(b) != done.get(b))
    # blocks clustered by a run that stopped before its links were recomputed
    pending = ledger.pending(store)
    ledger.mark_pending(store, changed)
    n_events = n_fused = 0
    live = [b for b in changed if b in current]
    if workers is None:
        import os

        workers = len(os.sched_getaffinity(0)) if len(live) > 1 and store.db.execute(
            "SELECT count(*) FROM events").fetchone()[0] >= PARALLEL_MIN_REPORTS else 1
    workers = max(1, min(workers, len(live)))
    if workers > 1:
        import multiprocessing

        store.db.commit()  # the workers read what this run wrote (homes, pending marks)
        _JOB.clear()
        _JOB.update(path=store.path, homes=homes, found=found, opts=opts, kinds=kinds,
                    is_person=is_person, is_site=is_site, response=response, kb=kb)
        pool = multiprocessing.get_context("fork").Pool(workers)
        results = pool.imap(_worker_block, live, chunksize=1)  # in order: one writer
    else:
        pool = None
        results = ((b, *_fuse_block(b, store, homes, found, opts, kinds, is_person, is_site,
                                    response, kb)) for b in live)
    try:
        with contextlib.ExitStack() as batch:  # a failure rolls back the blocks not committed
            in_batch = 0
            for i, block in enumerate(changed, 1):
                if block in current:
                    got, n_members, n_block, rows = next(results)
                    assert got == block
                else:
                    n_members, n_block, rows = 0, 0, ([], [])
                if not in_batch:
                    batch.enter_context(store.write())
                replace_block(store, block, None, current.get(block), rows=rows)
                in_batch += 1 + len(rows[0]) + len(rows[1])
                if in_batch >= COMMIT_ROWS or i == len(changed):
                    batch.close()  # commit
                    in_batch = 0
                failpoint("fuse.block")
                n_events += n_members
                n_fused += n_block
                if progress and i % 10 == 0:
                    progress(f"… {i}/{len(changed)} blocks, {n_events:,} reports")
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            _JOB.clear()
    failpoint("fuse.links")  # blocks written, links not yet: 'pending' remembers them
    relink = sorted(set(changed) | set(pending))
    with _no_cycle_collection():
        n_links = _relink(store, relink, opts) if relink else 0
    return FuseReport(blocks=len(current), changed=len(changed), events=n_events,
                      fused=n_fused, links=n_links, seconds=time.perf_counter() - started)


def _relink(store: Store, changed: list[str], opts: FuseOptions) -> int:
    """Recompute the links of every threat whose window touches a changed block."""
    import datetime as dt

    from . import ledger
    from .links import _day

    starts, ends = [], []
    for block in changed:
        period = block.split(":", 1)[1]
        if period == "undated":
            continue
        start, end = date_bounds(period)
        starts.append(start)
        ends.append(end)
    if not starts:
        ledger.clear_pending(store, changed)
        return 0
    window = dt.timedelta(days=opts.window_days)
    lo = (dt.date.fromisoformat(min(starts)) - window).isoformat()
    hi = (dt.date.fromisoformat(max(ends)) + window).isoformat()
    threats = [Facts.from_row(row) for row in ledger.link_facts(store, "threat", lo, hi)]
    # the strikes within the window of each threat, measured from the threat's own day (a
    # month-dated threat counts from the 1st, which may lie before ``lo``)
    days = [d for d in (_day(t.date) for t in threats) if d is not None]
    first = min([dt.date.fromisoformat(lo).toordinal(), *days]) - opts.window_days
    last = max([dt.date.fromisoformat(hi).toordinal(), *days]) + opts.window_days
    strikes = [Facts.from_row(row) for row in ledger.link_facts(
        store, "strike", dt.date.fromordinal(first).isoformat(),
        dt.date.fromordinal(last).isoformat())]
    links = escalation_links(threats, strikes, window_days=opts.window_days)
    ids = [t.id for t in threats]
    # links from or to fused events that are gone
    stale = [r[0] for r in store.db.execute(
        "SELECT DISTINCT threat FROM fused_links WHERE threat NOT IN "
        "(SELECT fused_id FROM fused_events) OR strike NOT IN (SELECT fused_id FROM fused_events)")]
    replace_links(store, ids + stale, links)
    ledger.clear_pending(store, changed)
    return len(links)
