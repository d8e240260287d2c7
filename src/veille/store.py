"""The SQLite store: articles (once each, by content hash) and their events.

Schema changes are small named migrations, applied in order and recorded in the
``migrations`` table. Each article and its events are written in one transaction, so a
failure never leaves half an article, and nothing stored earlier is lost.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .records import Event, content_hash

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_articles_events", """
        CREATE TABLE articles (
            hash TEXT PRIMARY KEY,
            id TEXT NOT NULL,
            published TEXT,
            url TEXT,
            source TEXT,
            title TEXT,
            lang TEXT,
            origin TEXT,
            text TEXT NOT NULL,
            cleaned TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_id ON articles(id);
        CREATE TABLE events (
            event_key TEXT PRIMARY KEY,
            event_id TEXT NOT NULL,
            article_hash TEXT NOT NULL REFERENCES articles(hash) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            date_start TEXT,
            date_end TEXT,
            place TEXT,
            admin1 TEXT,
            country TEXT,
            lat REAL,
            lon REAL,
            actor_side TEXT,
            record TEXT NOT NULL
        );
        CREATE INDEX events_article ON events(article_hash);
        CREATE INDEX events_type_date ON events(type, date_start);
        CREATE INDEX events_country ON events(country);
        CREATE TABLE event_weapons (
            event_key TEXT NOT NULL REFERENCES events(event_key) ON DELETE CASCADE,
            weapon TEXT NOT NULL,
            role TEXT NOT NULL
        );
        CREATE INDEX event_weapons_weapon ON event_weapons(weapon);
    """),
    ("0002_fusion", """
        ALTER TABLE events ADD COLUMN digest TEXT;
        CREATE TABLE fuse_blocks (
            block TEXT PRIMARY KEY,
            signature TEXT NOT NULL,
            fused_at TEXT NOT NULL
        );
        CREATE TABLE fused_events (
            fused_id TEXT PRIMARY KEY,
            block TEXT NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            date_start TEXT,
            date_end TEXT,
            place TEXT,
            admin1 TEXT,
            country TEXT,
            side TEXT,
            weapons TEXT NOT NULL,
            response INTEGER NOT NULL,
            speaker TEXT,
            mentions TEXT NOT NULL,
            reports INTEGER NOT NULL,
            outlets INTEGER NOT NULL,
            flags TEXT NOT NULL,
            record TEXT NOT NULL
        );
        CREATE INDEX fused_events_block ON fused_events(block);
        CREATE INDEX fused_events_date ON fused_events(date_start);
        CREATE TABLE fused_members (
            event_key TEXT PRIMARY KEY,
            fused_id TEXT NOT NULL
        );
        CREATE INDEX fused_members_fused ON fused_members(fused_id);
        CREATE TABLE fused_links (
            threat TEXT NOT NULL,
            strike TEXT NOT NULL,
            relation TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (threat, strike, relation)
        );
        CREATE INDEX fused_links_strike ON fused_links(strike);
        CREATE TABLE fuse_pending (
            block TEXT PRIMARY KEY
        );
    """),
]


def date_bounds(date: str | None) -> tuple[str | None, str | None]:
    """The first and last day a date of any precision covers."""
    if not date:
        return None, None
    parts = date.split("-")
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return f"{date}-01", (nxt - dt.timedelta(days=1)).isoformat()
    return f"{date}-01-01", f"{date}-12-31"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    type: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    places: tuple[str, ...] = ()  # any of these names (place or admin1)
    weapons: tuple[str, ...] = ()  # any of these canonical names
    article_id: str | None = None
    limit: int | None = None


def common_conditions(flt, prefix: str = "") -> tuple[list[str], list]:
    """SQL conditions on type, dates (overlap of date ranges), country and place (or
    region) shared by the events and fused-events tables; ``flt`` has those fields."""
    where, args = [], []
    if flt.type:
        where.append(f"{prefix}type = ?")
        args.append(flt.type)
    if flt.since:
        where.append(f"{prefix}date_end >= ?")
        args.append(date_bounds(flt.since)[0])
    if flt.until:
        where.append(f"{prefix}date_start <= ?")
        args.append(date_bounds(flt.until)[1])
    if flt.country:
        where.append(f"{prefix}country = ?")
        args.append(flt.country.upper())
    if flt.places:
        marks = ",".join("?" * len(flt.places))
        where.append(f"(lower({prefix}place) IN ({marks}) OR lower({prefix}admin1) IN ({marks}))")
        lowered = [p.lower() for p in flt.places]
        args += lowered + lowered
    return where, args


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> list[str]:
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations "
                            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN")
            try:
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)",
                                (name, dt.datetime.now(dt.timezone.utc).isoformat()))
            except sqlite3.Error:
                self.db.rollback()
                raise
            self.db.commit()
            applied.append(name)
        return applied

    def add(self, article, cleaned: str, events: tuple[Event, ...] | list[Event]) -> bool:
        """Store an article and its events; True if the article was new. Storing the same
        text again keeps one article and replaces its events with the new extraction."""
        key = content_hash(cleaned)
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        with self.db:
            new = self.db.execute("SELECT 1 FROM articles WHERE hash = ?", (key,)).fetchone() is None
            if new:
                self.db.execute(
                    "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (key, article.id, article.published, article.url, article.source,
                     article.title, article.lang, article.origin, article.text, cleaned, now))
            self.db.execute("DELETE FROM events WHERE article_hash = ?", (key,))
            for event in events:
                self._insert_event(key, event)
        return new

    def _insert_event(self, article_hash: str, event: Event) -> None:
        record = event.to_dict()
        start, end = date_bounds(event.date)
        loc = event.location
        key = f"{article_hash}:{record['event_id']}"  # two articles may share an id
        text = json.dumps(record, ensure_ascii=False)
        self.db.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, record["event_id"], article_hash, event.article_id, event.type, event.date, start,
             end, loc.place if loc else None, loc.admin1 if loc else None,
             loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
             event.actor.side if event.actor else None, text, content_hash(text)))
        rows = [(key, w, "weapon") for w in event.weapons]
        rows += [(key, w, "defense") for w in event.defenses]
        self.db.executemany("INSERT INTO event_weapons VALUES (?,?,?)", rows)

    def events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        flt = flt or EventFilter()
        where, args = common_conditions(flt, "e.")
        if flt.weapons:
            marks = ",".join("?" * len(flt.weapons))
            where.append(f"e.event_key IN (SELECT event_key FROM event_weapons "
                         f"WHERE lower(weapon) IN ({marks}))")
            args += [w.lower() for w in flt.weapons]
        if flt.article_id:
            where.append("e.article_id = ?")
            args.append(flt.article_id)
        sql = "SELECT e.record FROM events e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date_start IS NULL, e.date_start, e.article_id, e.event_id"
        if flt.limit:
            sql += f" LIMIT {int(flt.limit)}"
        for (record,) in self.db.execute(sql, args):
            yield Event.from_dict(json.loads(record))

    def counts(self) -> dict[str, int]:
        arts = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        evs = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        return {"articles": arts, "events": evs}

    def cleaned_text(self, article_hash: str) -> str | None:
        row = self.db.execute("SELECT cleaned FROM articles WHERE hash = ?",
                              (article_hash,)).fetchone()
        return row[0] if row else None


def open_store(path: str | Path = "veille.db") -> Store:
    """Open (and create or migrate) the store at ``path``."""
    return Store(path)
