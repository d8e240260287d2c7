"""A person's decisions about the ledger, kept apart from the machine's output.

A decision (confirm or reject a report, correct one of its values, mark a fused event as
checked) attaches to what survives re-extraction: the hash of the article's cleaned text,
the event type and the span of its first evidence sentence; never to an event id. Every
decision is a row of ``review_decisions``, the audit (when, what, before, after, reason,
who); undoing one marks it undone and adds an ``undo`` row.

Fusion obeys the decisions in force: a rejected report stays out of its fused event, a
corrected value replaces the machine's in the report's claims (and the fused event carries
the ``reviewed`` flag naming who set what). The article-level records keep the machine's
values, with a ``reviewed`` marker beside them, so ``veille eval`` keeps scoring the machine.
A decision that matches no stored report any more is listed by :func:`unmatched`.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import asdict, dataclass

from .fuse.cluster import block_of

REPORT_ACTIONS = ("confirm", "reject", "correct", "split", "move")
ACTIONS = (*REPORT_ACTIONS, "check")
CORRECTABLE = ("launched", "intercepted", "hit", "killed", "injured", "date")


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    at: str
    action: str
    article_hash: str | None
    type: str | None
    span_start: int | None
    span_end: int | None
    field: str | None
    value: object
    before: object
    reason: str | None
    who: str | None
    fused_id: str | None
    undoes: int | None
    undone_at: str | None

    def to_dict(self) -> dict:
        return asdict(self)

    def matches(self, event_key: str, record: dict) -> bool:
        spans = record.get("evidence_spans") or [[None, None]]
        return (event_key.split(":", 1)[0] == self.article_hash and record.get("type") == self.type
                and list(spans[0]) == [self.span_start, self.span_end])


_COLUMNS = ("id", "at", "action", "article_hash", "type", "span_start", "span_end", "field",
            "value", "before", "reason", "who", "fused_id", "undoes", "undone_at")


def _row(row) -> Decision:
    data = dict(zip(_COLUMNS, row))
    for key in ("value", "before"):
        data[key] = json.loads(data[key]) if data[key] is not None else None
    return Decision(**data)


def decisions(store, *, active_only: bool = False) -> list[Decision]:
    sql = f"SELECT {', '.join(_COLUMNS)} FROM review_decisions"
    if active_only:
        sql += (" WHERE undone_at IS NULL AND action IN "
                "('confirm', 'reject', 'correct', 'check', 'split', 'move')")
    return [_row(r) for r in store.db.execute(sql + " ORDER BY id")]


def anchor(event_key: str, record: dict) -> tuple[str, str, int | None, int | None]:
    spans = record.get("evidence_spans") or [[None, None]]
    return event_key.split(":", 1)[0], record["type"], spans[0][0], spans[0][1]


def _record(store, event_key: str) -> dict | None:
    row = store.db.execute("SELECT record FROM events WHERE event_key = ?", (event_key,)).fetchone()
    return json.loads(row[0]) if row else None


def decide(store, action: str, *, event_key: str | None = None, fused_id: str | None = None,
           field: str | None = None, value=None, reason: str | None = None,
           who: str | None = None, target: str | None = None) -> Decision:
    """Record a decision (raises ValueError when it makes no sense) and make the blocks it
    touches stale, so that the next fusion applies it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if action == "check":
        if not fused_id:
            raise ValueError("'check' needs a fused event")
        from .fuse.ledger import find_fused

        event = find_fused(store, fused_id)
        if event is None:
            raise ValueError(f"no fused event {fused_id!r}")
        event_key = event.members[0] if event.members else None
    if not event_key:
        raise ValueError(f"{action!r} needs a report (event_key)")
    record = _record(store, event_key)
    if record is None:
        raise ValueError(f"no report {event_key!r}")
    before = None
    if action == "move":
        # the target is a fused event, anchored (like every decision) on a report of it
        from .fuse.ledger import find_fused

        goal = find_fused(store, target) if target else None
        if goal is None:
            raise ValueError(f"'move' needs the fused event to move the report to ({target!r} "
                             "is none)")
        if goal.block != block_of(record["type"], record.get("date")):
            raise ValueError(f"{target} is in block {goal.block}: a report joins an event of "
                             "its own type and month only")
        other = next((k for k in goal.members if k != event_key), None)
        if other is None:
            raise ValueError("the target event holds no other report")
        t_hash, t_type, t_start, t_end = anchor(other, _record(store, other))
        if t_type != record["type"]:
            raise ValueError(f"a {record['type']} report cannot join a {t_type}")
        value = {"article_hash": t_hash, "type": t_type, "span_start": t_start,
                 "span_end": t_end}
    if action == "correct":
        if field not in CORRECTABLE:
            raise ValueError(f"only {', '.join(CORRECTABLE)} can be corrected, not {field!r}")
        if not reason:
            raise ValueError("a correction needs a reason")
        if field != "date" and value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise ValueError(f"{field} is a count: a whole number, or null")
        if field == "date" and value is not None:
            from .ingest import parse_published

            parsed, problem = parse_published(value, "date") if isinstance(value, str) \
                else (None, True)
            if problem is not None or parsed != value:
                raise ValueError("a date is YYYY-MM-DD, YYYY-MM or YYYY, or null")
        before = record.get(field)
    h, type_, start, end = anchor(event_key, record)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.write():
        cur = store.db.execute(
            "INSERT INTO review_decisions (at, action, article_hash, type, span_start, span_end, "
            "field, value, before, reason, who, fused_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (now, action, h, type_, start, end, field,
             json.dumps(value) if action in ("correct", "move") else None,
             json.dumps(before) if action == "correct" else None, reason, who, fused_id))
        _stale(store, [record])
    return next(d for d in decisions(store) if d.id == cur.lastrowid)


def undo(store, decision_id: int, *, who: str | None = None, reason: str | None = None) -> Decision:
    """Undo a decision: it is marked undone (never deleted) and an ``undo`` row is added."""
    found = next((d for d in decisions(store) if d.id == decision_id), None)
    if found is None or found.action == "undo":
        raise ValueError(f"no decision {decision_id} to undo")
    if found.undone_at:
        raise ValueError(f"decision {decision_id} is already undone")
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with store.write():
        store.db.execute("UPDATE review_decisions SET undone_at = ? WHERE id = ?",
                         (now, decision_id))
        store.db.execute(
            "INSERT INTO review_decisions (at, action, article_hash, type, span_start, span_end, "
            "reason, who, fused_id, undoes) VALUES (?, 'undo', ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, found.article_hash, found.type, found.span_start, found.span_end, reason, who,
             found.fused_id, decision_id))
        _stale(store, [r for _, r in _matching_records(store, found)])
    return next(d for d in decisions(store) if d.id == decision_id)


def _matching_records(store, decision: Decision) -> list[tuple[str, dict]]:
    rows = store.db.execute("SELECT event_key, record FROM events WHERE article_hash = ? AND "
                            "type = ?", (decision.article_hash, decision.type))
    out = []
    for key, rec in rows:
        record = json.loads(rec)
        if decision.matches(key, record):
            out.append((key, record))
    return out


def _stale(store, records: list[dict]) -> None:
    """Forget the fused state of the blocks of these records (inside a write)."""
    for record in records:
        store.db.execute("DELETE FROM fuse_blocks WHERE block = ?",
                         (block_of(record["type"], record.get("date")),))


def by_article(found: list[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = defaultdict(list)
    for d in found:
        if d.article_hash:
            out[d.article_hash].append(d)
    return out


def block_marks(store, found: list[Decision], homes: dict[str, str] | None = None) -> dict[str, str]:
    """For each block holding a decided report, a mark of the decisions in force (part of
    the block's fusion signature, so that a decision or its undoing re-fuses the block);
    ``homes``: the dated blocks undated reports are clustered in."""
    marks: dict[str, list[int]] = defaultdict(list)
    for d in found:
        for key, record in _matching_records(store, d):
            marks[(homes or {}).get(key) or block_of(record["type"], record.get("date"))].append(d.id)
    return {b: "r" + ",".join(map(str, sorted(set(ids)))) for b, ids in marks.items()}


def apply(key: str, record: dict, found: dict[str, list[Decision]]) -> dict | None:
    """The record as fusion should see it: None when rejected, corrected values in place
    (with ``reviewed`` saying who set what), else unchanged."""
    mine = [d for d in found.get(key.split(":", 1)[0], ()) if d.matches(key, record)]
    if not mine:
        return record
    if any(d.action == "reject" for d in mine):
        return None
    out = json.loads(json.dumps(record))  # nested claims are changed below
    reviewed = {}
    for d in mine:
        if d.action == "correct":
            out[d.field] = d.value
            for claim in out.get("claims") or ():
                if claim.get(d.field) == d.before:
                    claim[d.field] = d.value
            reviewed[d.field] = {"value": d.value, "machine": d.before, "who": d.who,
                                 "reason": d.reason, "at": d.at, "decision": d.id}
        elif d.action in ("confirm", "check"):
            reviewed[d.action + "ed"] = {"who": d.who, "at": d.at, "decision": d.id}
    out["reviewed"] = reviewed
    return out


def mark(key: str, record: dict, found: dict[str, list[Decision]]) -> dict:
    """The machine's record with a ``reviewed`` marker of the person's decisions (the
    values stay the machine's)."""
    decided = apply(key, dict(record), found)
    if decided is None:
        return {**record, "reviewed": {"rejected": True}}
    if "reviewed" in decided:
        return {**record, "reviewed": decided["reviewed"]}
    return record


def unmatched(store) -> list[Decision]:
    """Decisions in force that match no stored report any more (the article was re-read
    and the sentence is gone, or the article was removed)."""
    return [d for d in decisions(store, active_only=True) if not _matching_records(store, d)]


def apply_members(members: list, found: dict[str, list[Decision]]) -> list:
    """A block's members as fusion should see them (``Member`` records, see :func:`apply`)."""
    import dataclasses

    out = []
    for m in members:
        record = apply(m.key, m.record, found)
        if record is None:
            continue
        out.append(m if record is m.record else dataclasses.replace(m, record=record))
    return out


def flag_reviewed(fused: list, members: list) -> list:
    """Fused events holding a reviewed report carry the ``reviewed`` flag, and in
    ``flag_details`` what a person set (value, the machine's, who, why)."""
    import dataclasses

    reviewed = {m.key: (m.article_id, m.record["reviewed"]) for m in members
                if m.record.get("reviewed")}
    if not reviewed:
        return fused
    out = []
    for event in fused:
        told = [{"article_id": reviewed[k][0], "event_key": k, **reviewed[k][1]}
                for k in event.members if k in reviewed]
        if told:
            details = dict(event.flag_details)
            details["reviewed"] = told
            event = dataclasses.replace(event, flags=tuple(sorted({*event.flags, "reviewed"})),
                                        flag_details=details)
        out.append(event)
    return out


def constraints(members: list, found: dict[str, list[Decision]]) -> tuple[set[str], dict[str, str]]:
    """The grouping a person imposed on a block's members: reports split out (alone), and
    reports moved to the event of another report (member key -> that report's key)."""
    split: set[str] = set()
    moves: dict[str, str] = {}
    for m in members:
        for d in found.get(m.key.split(":", 1)[0], ()):
            if not d.matches(m.key, m.record):
                continue
            if d.action == "split":
                split.add(m.key)
            elif d.action == "move" and isinstance(d.value, dict):
                target = Decision(**{**d.to_dict(), "article_hash": d.value["article_hash"],
                                     "type": d.value["type"], "span_start": d.value["span_start"],
                                     "span_end": d.value["span_end"]})
                goal = next((o.key for o in members if o.key != m.key and
                             target.matches(o.key, o.record)), None)
                if goal is not None:
                    moves[m.key] = goal
    return split, moves


def regroup(groups: list[list], split: set[str], moves: dict[str, str]) -> list[list]:
    """Clusters (lists of items with a ``key``) with the person's splits and moves
    applied: fusion obeys them whatever the clustering found."""
    if not split and not moves:
        return groups
    groups = [list(g) for g in groups]
    where = {it.key: i for i, g in enumerate(groups) for it in g}
    for key in sorted(split | set(moves)):
        i = where[key]
        item = next(it for it in groups[i] if it.key == key)
        if key in moves and moves[key] in where and where[moves[key]] == i and len(groups[i]) > 1:
            continue  # already together
        groups[i].remove(item)
        if key in moves and moves[key] in where:
            j = where[moves[key]]
            groups[j].append(item)
            where[key] = j
        else:
            groups.append([item])
            where[key] = len(groups) - 1
    return [g for g in groups if g]
