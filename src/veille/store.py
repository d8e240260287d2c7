"""The SQLite store: articles (once each, by content hash) and their events.

Schema changes are small named migrations, applied in order and recorded in the
``migrations`` table. Each article and its events are written in one transaction, so a
failure never leaves half an article, and nothing stored earlier is lost.

Any number of processes may write one store at once (``veille extract`` runs, ``veille
fuse``, the desk): the journal is WAL, every write is one ``BEGIN IMMEDIATE`` transaction
(waiting, then retrying a bounded number of times, while another process writes), inserts
are idempotent, and migrations run once, under the write lock.

Ids follow one rule whatever the order texts arrive in: a text (its content hash) is one
article, every id it arrived under is kept as an alias (``article_ids``) and the smallest
is its id; when different texts claim one id, the text with the smallest hash keeps it and
each other one is ``ID~`` plus 8 hex digits of its own hash.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import VeilleError, warn_message
from .faults import failpoint
from .records import Event, Notice, content_hash

def digest_part_sql(row: str, first: int) -> str:
    """SQL: hex digits first .. first + 6 of a row's digest, as an integer (28 bits)."""
    return " + ".join(f"((instr('0123456789abcdef', substr({row}.digest, {i}, 1)) - 1) "
                      f"<< {4 * (first + 6 - i)})" for i in range(first, first + 7))


def block_sql(row: str) -> str:
    """SQL: the fusion block of an events row (veille.fuse.cluster.block_of)."""
    return (f"{row}.type || ':' || CASE WHEN {row}.date IS NULL OR {row}.date = '' "
            f"THEN 'undated' ELSE substr({row}.date, 1, 7) END")


def _sums(row: str, template: str) -> str:
    return template.format(block=block_sql(row), a=digest_part_sql(row, 1),
                           b=digest_part_sql(row, 8))


# the same sums counted over every event (a read-only store from before 0008 has no table)
BLOCK_SUMS_COUNT = (f"SELECT {block_sql('e')} AS block, count(*), sum({digest_part_sql('e', 1)}), "
                    f"sum({digest_part_sql('e', 8)}) FROM events e GROUP BY block")
_ADD = ("INSERT INTO block_sums VALUES ({block}, 1, {a}, {b}) ON CONFLICT(block) DO UPDATE "
        "SET n = n + 1, a = a + excluded.a, b = b + excluded.b")
_SUB = "UPDATE block_sums SET n = n - 1, a = a - ({a}), b = b - ({b}) WHERE block = {block}"
# per block (type and month): how many events and two sums of slices of their digests, kept
# up to date by triggers, so that fusion tells which blocks changed without reading every
# event (veille.fuse.ledger.block_signatures)
_BLOCK_SUMS = (
    "CREATE TABLE block_sums (block TEXT PRIMARY KEY, n INTEGER NOT NULL, a INTEGER NOT NULL, "
    "b INTEGER NOT NULL)",
    f"INSERT INTO block_sums SELECT {block_sql('e')}, count(*), sum({digest_part_sql('e', 1)}), "
    f"sum({digest_part_sql('e', 8)}) FROM events e WHERE e.digest IS NOT NULL GROUP BY 1",
    f"CREATE TRIGGER events_sums_insert AFTER INSERT ON events WHEN NEW.digest IS NOT NULL "
    f"BEGIN {_sums('NEW', _ADD)}; END",
    f"CREATE TRIGGER events_sums_delete AFTER DELETE ON events WHEN OLD.digest IS NOT NULL "
    f"BEGIN {_sums('OLD', _SUB)}; END",
    f"CREATE TRIGGER events_sums_update_old AFTER UPDATE OF digest, type, date ON events "
    f"WHEN OLD.digest IS NOT NULL BEGIN {_sums('OLD', _SUB)}; END",
    f"CREATE TRIGGER events_sums_update_new AFTER UPDATE OF digest, type, date ON events "
    f"WHEN NEW.digest IS NOT NULL BEGIN {_sums('NEW', _ADD)}; END",
)


MIGRATIONS: list[tuple[str, str | tuple[str, ...]]] = [
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
    ("0003_article_ids", """
        CREATE TABLE article_ids (
            id TEXT NOT NULL,
            hash TEXT NOT NULL REFERENCES articles(hash) ON DELETE CASCADE,
            PRIMARY KEY (id, hash)
        );
        CREATE INDEX article_ids_hash ON article_ids(hash);
        INSERT OR IGNORE INTO article_ids SELECT id, hash FROM articles;
    """),
    # flat views for sqlite3 and datasette users: one column per scalar field, one row per
    # list item in the child views, no json_extract to write (docs/CODEBOOK.md); a tuple of
    # statements, as "; " joins lists inside them
    ("0004_flat_views", (
        """CREATE VIEW flat_events AS SELECT
            e.article_id, e.event_id, e.type, e.date,
            CASE length(e.date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END
                AS date_precision,
            e.place, e.admin1, e.country,
            json_extract(e.record, '$.location.control') AS control,
            json_extract(e.record, '$.location.site') AS site,
            CASE WHEN e.place IS NOT NULL THEN 'place' WHEN e.admin1 IS NOT NULL THEN 'admin1'
                 WHEN e.country IS NOT NULL THEN 'country' END AS location_precision,
            CASE WHEN e.place IS NOT NULL OR e.admin1 IS NOT NULL THEN e.lat END AS lat,
            CASE WHEN e.place IS NOT NULL OR e.admin1 IS NOT NULL THEN e.lon END AS lon,
            json_extract(e.record, '$.actor.name') AS actor, e.actor_side,
            (SELECT group_concat(value, '; ') FROM json_each(e.record, '$.weapons')) AS weapons,
            (SELECT group_concat(value, '; ') FROM json_each(e.record, '$.systems')) AS systems,
            (SELECT group_concat(value, '; ') FROM json_each(e.record, '$.defenses')) AS defenses,
            json_extract(e.record, '$.launched') AS launched,
            json_extract(e.record, '$.intercepted') AS intercepted,
            json_extract(e.record, '$.hit') AS hit,
            json_extract(e.record, '$.killed') AS killed,
            json_extract(e.record, '$.injured') AS injured,
            json_extract(e.record, '$.claimed_by.name') AS claimed_by,
            json_extract(e.record, '$.claimed_by.side') AS claimed_by_side,
            CASE json_extract(e.record, '$.hedged') WHEN 1 THEN 'true' ELSE 'false' END AS hedged,
            (SELECT group_concat(value, ' | ') FROM json_each(e.record, '$.evidence')) AS evidence,
            a.url, a.source AS outlet, a.title, a.published, e.event_key
        FROM events e JOIN articles a ON a.hash = e.article_hash""",
        """CREATE VIEW flat_weapons AS SELECT
            e.article_id, e.event_id, w.weapon, w.role, e.type, e.date, e.country, e.event_key
        FROM event_weapons w JOIN events e ON e.event_key = w.event_key""",
        """CREATE VIEW flat_munitions AS SELECT
            e.article_id, e.event_id, json_extract(m.value, '$.weapon') AS weapon,
            json_extract(m.value, '$.launched') AS launched,
            json_extract(m.value, '$.intercepted') AS intercepted,
            json_extract(m.value, '$.hit') AS hit, e.type, e.date, e.country, e.event_key
        FROM events e, json_each(e.record, '$.munitions') m""",
        """CREATE VIEW flat_event_claims AS SELECT
            e.article_id, e.event_id, json_extract(c.value, '$.claimed_by.name') AS claimed_by,
            json_extract(c.value, '$.claimed_by.side') AS claimed_by_side,
            json_extract(c.value, '$.launched') AS launched,
            json_extract(c.value, '$.intercepted') AS intercepted,
            json_extract(c.value, '$.hit') AS hit, json_extract(c.value, '$.killed') AS killed,
            json_extract(c.value, '$.injured') AS injured, e.type, e.date, e.place, e.admin1,
            e.country, e.event_key
        FROM events e, json_each(e.record, '$.claims') c""",
        """CREATE VIEW flat_fused_events AS SELECT
            f.fused_id, f.type, f.date,
            CASE length(f.date) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END
                AS date_precision,
            f.place, f.admin1, f.country,
            json_extract(f.record, '$.location.control') AS control,
            CASE WHEN f.place IS NOT NULL THEN 'place' WHEN f.admin1 IS NOT NULL THEN 'admin1'
                 WHEN f.country IS NOT NULL THEN 'country' END AS location_precision,
            CASE WHEN f.place IS NOT NULL OR f.admin1 IS NOT NULL
                 THEN json_extract(f.record, '$.location.lat') END AS lat,
            CASE WHEN f.place IS NOT NULL OR f.admin1 IS NOT NULL
                 THEN json_extract(f.record, '$.location.lon') END AS lon,
            json_extract(f.record, '$.actor.name') AS actor, f.side AS actor_side,
            replace(f.weapons, '|', '; ') AS weapons,
            json_extract(f.record, '$.launched') AS launched,
            json_extract(f.record, '$.intercepted') AS intercepted,
            json_extract(f.record, '$.hit') AS hit,
            json_extract(f.record, '$.killed') AS killed,
            json_extract(f.record, '$.injured') AS injured,
            json_extract(f.record, '$.claimed_by.name') AS claimed_by,
            json_extract(f.record, '$.claimed_by.side') AS claimed_by_side,
            f.reports, f.outlets,
            (SELECT count(*) FROM json_each(f.record, '$.article_ids')) AS articles,
            (SELECT group_concat(value, '; ') FROM json_each(f.record, '$.article_ids'))
                AS article_ids,
            replace(f.flags, ',', '; ') AS flags,
            json_extract(f.record, '$.part_of') AS part_of
        FROM fused_events f""",
        """CREATE VIEW flat_claims AS SELECT
            f.fused_id, json_extract(c.value, '$.article_id') AS article_id,
            json_extract(c.value, '$.event_id') AS event_id,
            json_extract(c.value, '$.claimed_by.name') AS claimed_by,
            json_extract(c.value, '$.claimed_by.side') AS claimed_by_side,
            json_extract(c.value, '$.date') AS date, json_extract(c.value, '$.place') AS place,
            json_extract(c.value, '$.precision') AS precision,
            json_extract(c.value, '$.launched') AS launched,
            json_extract(c.value, '$.intercepted') AS intercepted,
            json_extract(c.value, '$.hit') AS hit, json_extract(c.value, '$.killed') AS killed,
            json_extract(c.value, '$.injured') AS injured,
            CASE json_extract(c.value, '$.hedged') WHEN 1 THEN 'true' ELSE 'false' END AS hedged,
            json_extract(c.value, '$.outlet') AS outlet, json_extract(c.value, '$.url') AS url,
            json_extract(c.value, '$.published') AS published, f.type
        FROM fused_events f, json_each(f.record, '$.claims') c""",
        """CREATE VIEW flat_fused_weapons AS SELECT
            f.fused_id, w.value AS weapon, f.type, f.date, f.country
        FROM fused_events f, json_each(f.record, '$.weapons') w""",
    )),
    # independent counts loaded by 'veille reference load' (veille.reference)
    ("0005_reference", """
        CREATE TABLE ref_airforce (
            time_start TEXT,
            time_end TEXT NOT NULL,
            day TEXT NOT NULL,
            model TEXT NOT NULL,
            launched INTEGER,
            destroyed INTEGER,
            source TEXT NOT NULL,
            seq INTEGER NOT NULL,
            file TEXT,
            PRIMARY KEY (time_end, model, source, seq)
        );
        CREATE INDEX ref_airforce_day ON ref_airforce(day);
        CREATE TABLE ref_acled (
            event_id_cnty TEXT PRIMARY KEY,
            event_date TEXT NOT NULL,
            year INTEGER,
            time_precision INTEGER,
            disorder_type TEXT,
            event_type TEXT,
            sub_event_type TEXT,
            actor1 TEXT,
            actor2 TEXT,
            country TEXT,
            admin1 TEXT,
            location TEXT,
            latitude REAL,
            longitude REAL,
            geo_precision INTEGER,
            source TEXT,
            notes TEXT,
            fatalities INTEGER,
            file TEXT
        );
        CREATE INDEX ref_acled_date ON ref_acled(event_date)
    """),
    # the desk's review decisions and their audit (veille.desk.review): a decision attaches
    # to what survives re-extraction (the text's hash, the type, the evidence span)
    ("0006_review", """
        CREATE TABLE review_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            article_hash TEXT,
            type TEXT,
            span_start INTEGER,
            span_end INTEGER,
            field TEXT,
            value TEXT,
            before TEXT,
            reason TEXT,
            who TEXT,
            fused_id TEXT,
            undoes INTEGER REFERENCES review_decisions(id),
            undone_at TEXT
        );
        CREATE INDEX review_decisions_anchor ON review_decisions(article_hash, type)
    """),
    # fusion finds the dated reports an undated one may belong to by place and by figure
    ("0007_undated_index", """
        CREATE INDEX events_type_place ON events(type, place);
        CREATE INDEX events_launched ON events(type, json_extract(record, '$.launched'));
        CREATE INDEX events_intercepted ON events(type, json_extract(record, '$.intercepted'));
        CREATE INDEX events_killed ON events(type, json_extract(record, '$.killed'));
        CREATE INDEX events_injured ON events(type, json_extract(record, '$.injured'));
        CREATE TABLE fuse_homes (
            event_key TEXT PRIMARY KEY,
            block TEXT NOT NULL
        )
    """),
    ("0008_block_sums", _BLOCK_SUMS),
    # what every fusion run asks first ("any events without a digest?", "which reports have
    # no date?") answered from a partial index instead of a scan of every event
    ("0009_partial_indexes", """
        CREATE INDEX events_no_digest ON events(event_key) WHERE digest IS NULL;
        CREATE INDEX events_undated ON events(type) WHERE date IS NULL
    """),
    # the fused events of a type that end on or after a day: escalation links read the
    # strikes and threats around the blocks fused again, most of them the latest months
    # (by date_start alone, SQLite walked every older event up to the window's end)
    ("0010_fused_type_end", """
        CREATE INDEX fused_events_type_end ON fused_events(type, date_end)
    """),
]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15.0  # how long one attempt waits for another writer's lock
BUSY_RETRIES = 8  # attempts before a write gives up (the last error is raised)


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


def check_store_path(path: str | Path, *, must_exist: bool = False) -> None:
    """Raise :class:`VeilleError` (exit 2, one line) when ``path`` cannot be a store: a
    folder that does not exist, something that is not a regular file, a file that is not
    SQLite. Cheap: the CLI calls it before the model loads."""
    text = str(path)
    if text == ":memory:":
        return
    p = Path(text)
    if p.exists():
        if not p.is_file():
            raise VeilleError("E102", f"{text}: not a regular file, cannot hold a store")
        try:
            with open(p, "rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as err:
            raise VeilleError("E102", f"{text}: cannot read ({err.strerror})") from None
        if head and head != SQLITE_HEADER:
            raise VeilleError("E102", f"{text}: not a SQLite database (a veille store is one)")
        return
    if must_exist:
        raise VeilleError("E103", f"no store at {text}: run 'veille extract ... --db {text}' first")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise VeilleError("E102", f"{text}: folder {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise VeilleError("E102", f"{text}: folder {str(parent)!r} is not writable")


@dataclass(slots=True)
class Stored:
    """What :meth:`Store.put` did with one article."""

    new: bool  # the text was not in the store
    article_id: str  # the id the store gives the text (its events carry it)
    events: tuple[Event, ...]  # as stored: under that id
    notices: list[Notice] = field(default_factory=list)  # ids that clashed, renamed articles
    renamed: dict[str, tuple[str, str]] = field(default_factory=dict)  # hash -> (old, new id)


def resolve_id(key: str, claims: dict[str, set[str]]) -> str:
    """The id of the text with hash ``key``: the smallest of the ids it arrived under that no
    text with a smaller hash claims; if every one is claimed, the smallest with ``~`` and 8
    hex digits of its hash. ``claims`` maps each of its ids to every hash claiming it."""
    mine = sorted(i for i, hashes in claims.items() if key in hashes)
    for ident in mine:
        if min(claims[ident]) == key:
            return ident
    return f"{mine[0]}~{key[:8]}"


class IdBook:
    """The store's id rule in memory, for a run that stores nothing (``--no-db``)."""

    def __init__(self):
        self._claims: dict[str, set[str]] = {}  # id -> hashes of the texts claiming it
        self._ids: dict[str, set[str]] = {}  # hash -> ids it arrived under
        self._given: dict[str, str] = {}  # hash -> its id now

    def give(self, ident: str, key: str) -> tuple[str, dict[str, tuple[str, str]]]:
        """The id of text ``key`` arriving as ``ident``, and the texts seen earlier whose id
        this arrival changed (hash -> (old id, new id))."""
        self._claims.setdefault(ident, set()).add(key)
        self._ids.setdefault(key, set()).add(ident)
        affected = {h for i in self._ids[key] for h in self._claims[i]}
        changed = {}
        for h in sorted(affected):
            claims = {i: self._claims[i] for i in self._ids[h]}
            resolved = resolve_id(h, claims)
            old = self._given.get(h)
            self._given[h] = resolved
            if h != key and old is not None and old != resolved:
                changed[h] = (old, resolved)
        return self._given[key], changed


def with_article_id(events: Iterable[Event], ident: str) -> tuple[Event, ...]:
    return tuple(e if e.article_id == ident else dataclasses.replace(e, article_id=ident)
                 for e in events)


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        check_store_path(self.path, must_exist=read_only)
        try:
            if read_only:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                                          isolation_level=None, check_same_thread=False)
            else:
                # isolation_level None: transactions are begun by hand (BEGIN IMMEDIATE);
                # a Store is used by one thread at a time, not always the one that opened
                # it (a web server's thread pool)
                self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S,
                                          isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            # a row replaced (INSERT OR REPLACE) fires its delete trigger too: block_sums
            self.db.execute("PRAGMA recursive_triggers = ON")
            if not read_only:
                self._retry(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self._check_version()
            if read_only:
                self._check_migrated()
            else:
                self.migrate()
        except sqlite3.DatabaseError as err:
            self._close_quietly()
            raise VeilleError("E102", f"{self.path}: cannot open the store ({err})") from None
        except VeilleError:
            self._close_quietly()
            raise

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def _retry(action):
        for attempt in range(BUSY_RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                if attempt == BUSY_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with the write lock at once (``BEGIN IMMEDIATE``):
        committed when the block ends, rolled back if it raises. Inside a transaction of
        this store already, it joins that one (the outer block commits or rolls back)."""
        if self.read_only:
            raise VeilleError("E104", f"{self.path} is open read-only")
        if self.db.in_transaction:
            yield self.db
            return
        self._retry(lambda: self.db.execute("BEGIN IMMEDIATE"))
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def _applied(self) -> set[str]:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'migrations'").fetchone()
        if not exists:
            return set()
        return {row[0] for row in self.db.execute("SELECT name FROM migrations")}

    def _check_version(self) -> None:
        known = {name for name, _ in MIGRATIONS}
        newer = sorted(self._applied() - known)
        if newer:
            raise VeilleError("E105", f"{self.path} was written by a newer veille (schema "
                              f"{newer[-1]}, this veille knows up to {MIGRATIONS[-1][0]}): "
                              "upgrade veille to use it")

    def _check_migrated(self) -> None:
        missing = [name for name, _ in MIGRATIONS if name not in self._applied()]
        if missing:
            raise VeilleError("E106", f"{self.path} needs its schema brought up to date "
                              f"({missing[0]}...): open it once for writing (e.g. 'veille "
                              "fuse --db ...') before reading it read-only")

    def migrate(self) -> list[str]:
        """Apply the migrations this store lacks, once, under the write lock (two processes
        opening a fresh store together apply them once)."""
        known = {name for name, _ in MIGRATIONS}
        if known <= self._applied():
            return []
        applied = []
        with self.write():
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations "
                            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = self._applied()  # again, under the lock: another process may have run them
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                statements = sql if isinstance(sql, tuple) else sql.split(";")
                for statement in filter(str.strip, statements):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)",
                                (name, dt.datetime.now(dt.timezone.utc).isoformat()))
                applied.append(name)
        return applied

    def add(self, article, cleaned: str, events: tuple[Event, ...] | list[Event]) -> bool:
        """Store an article and its events; True if the article was new (see :meth:`put`)."""
        return self.put(article, cleaned, events).new

    def put(self, article, cleaned: str, events: Iterable[Event]) -> Stored:
        """Store an article and its events in one transaction. Storing the same text again
        keeps one article (its new id an alias) and replaces its events with the new
        extraction; the events are stored under the id the store's rule gives the text."""
        key = content_hash(cleaned)
        now = dt.datetime.now(dt.timezone.utc).isoformat()
        ident = str(article.id)
        notices: list[Notice] = []
        renamed: dict[str, tuple[str, str]] = {}
        with self.write():
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (key, ident, article.published, article.url, article.source,
                 article.title, article.lang, article.origin, article.text, cleaned, now))
            new = cur.rowcount == 1
            self.db.execute("INSERT OR IGNORE INTO article_ids VALUES (?, ?)", (ident, key))
            # every text that shares an id with this one may change id (order-free rule)
            affected = {key} | {h for (h,) in self.db.execute(
                "SELECT hash FROM article_ids WHERE id IN "
                "(SELECT id FROM article_ids WHERE hash = ?)", (key,))}
            mine = None
            for h in sorted(affected):
                claims: dict[str, set[str]] = {}
                for i, claimant in self.db.execute(
                        "SELECT id, hash FROM article_ids WHERE id IN "
                        "(SELECT id FROM article_ids WHERE hash = ?)", (h,)):
                    claims.setdefault(i, set()).add(claimant)
                resolved = resolve_id(h, claims)
                old = self.db.execute("SELECT id FROM articles WHERE hash = ?", (h,)).fetchone()[0]
                if h == key:
                    mine = resolved
                    if resolved.startswith(f"{ident}~"):
                        notices.append(id_notice(article, "W002", id=ident, new=resolved))
                if resolved != old:
                    self.db.execute("UPDATE articles SET id = ? WHERE hash = ?", (resolved, h))
                    if h != key:
                        self._rename_events(h, resolved)
                        renamed[h] = (old, resolved)
                        notices.append(id_notice(article, "W003", id=old, new=resolved))
            stored = with_article_id(events, mine)
            self.db.execute("DELETE FROM events WHERE article_hash = ?", (key,))
            for event in stored:
                self._insert_event(key, event)
            failpoint("store.put")  # a crash before the commit: none of this is kept
        return Stored(new=new, article_id=mine, events=stored, notices=notices, renamed=renamed)

    def _rename_events(self, article_hash: str, ident: str) -> None:
        rows = self.db.execute("SELECT record FROM events WHERE article_hash = ?",
                               (article_hash,)).fetchall()
        events = with_article_id((Event.from_dict(json.loads(r)) for (r,) in rows), ident)
        self.db.execute("DELETE FROM events WHERE article_hash = ?", (article_hash,))
        for event in events:
            self._insert_event(article_hash, event)

    def aliases(self, article_hash: str) -> list[str]:
        """Every id the text with this hash arrived under."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM article_ids WHERE hash = ? ORDER BY id", (article_hash,))]

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


def id_notice(article, code: str, **kwargs) -> Notice:
    where = article.origin or str(article.id)
    return Notice(origin=where, reason=warn_message(code, **kwargs), code=code, skipped=False)


def open_store(path: str | Path = "veille.db", *, read_only: bool = False) -> Store:
    """Open (and create or migrate) the store at ``path``; ``read_only``: an existing
    store, opened for reading only (nothing is created, migrated or written)."""
    return Store(path, read_only=read_only)
