"""Nothing lost: several processes writing one store, SIGKILL at chosen moments, and
reruns that end with the store a clean run gives.

These run the real command line in subprocesses (each loads the French model: a few
seconds each). The feeds are generated (tests/samples.py, our own wording).
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import pytest

from samples import write_feed
from veille.store import MIGRATIONS

pytestmark = pytest.mark.model

# what a store holds, less what depends on when or from which file it arrived
_TABLES = {
    "articles": "SELECT hash, id, published, url, source, title, lang, text, cleaned "
                "FROM articles ORDER BY hash",
    "article_ids": "SELECT id, hash FROM article_ids ORDER BY id, hash",
    "events": "SELECT event_key, event_id, article_hash, article_id, type, date, place, "
              "country, record, digest FROM events ORDER BY event_key",
    "event_weapons": "SELECT event_key, weapon, role FROM event_weapons "
                     "ORDER BY event_key, weapon, role",
    "fused_events": "SELECT fused_id, block, record FROM fused_events ORDER BY fused_id",
    "fused_members": "SELECT event_key, fused_id FROM fused_members ORDER BY event_key",
    "fused_links": "SELECT threat, strike, relation, record FROM fused_links "
                   "ORDER BY threat, strike, relation",
    "fuse_blocks": "SELECT block, signature FROM fuse_blocks ORDER BY block",
    "fuse_pending": "SELECT block FROM fuse_pending ORDER BY block",
    "migrations": "SELECT name FROM migrations ORDER BY name",
}


def veille(*args, env: dict | None = None, wait: bool = True):
    cmd = [sys.executable, "-m", "veille.cli", *map(str, args)]
    full_env = {**os.environ, **(env or {})}
    if not wait:
        return subprocess.Popen(cmd, env=full_env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(cmd, env=full_env, capture_output=True, text=True, timeout=600)


def dump(path) -> dict[str, list]:
    db = sqlite3.connect(path)
    try:
        return {name: db.execute(sql).fetchall() for name, sql in _TABLES.items()}
    finally:
        db.close()


def _has_articles(path) -> bool:
    if not os.path.exists(path):
        return False
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
        finally:
            db.close()
    except sqlite3.Error:
        return False


def integrity(path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    """Three overlapping feeds and their union, and the store one clean run gives."""
    d = tmp_path_factory.mktemp("feeds")
    parts = {"a": write_feed(d / "a.jsonl", range(0, 40)),
             "b": write_feed(d / "b.jsonl", range(20, 60)),
             "c": write_feed(d / "c.jsonl", list(range(50, 60)) + list(range(0, 10))),
             "all": write_feed(d / "all.jsonl", range(0, 60))}
    ref = d / "reference.db"
    done = veille("extract", parts["all"], "--db", ref, "--no-progress")
    assert done.returncode == 0, done.stderr
    unfused = d / "unfused.db"
    shutil.copyfile(ref, unfused)  # the store closed cleanly: no WAL file to copy along
    assert veille("fuse", "--db", ref).returncode == 0
    return parts, unfused, dump(ref)


def test_fresh_store_opened_by_many_processes_at_once_migrates_once():
    # before: 'duplicate column name' or 'table articles already exists' in some runs
    code = "import sys; from veille.store import open_store; open_store(sys.argv[1]).close()"
    for _ in range(3):
        path = os.path.join(tempfile.mkdtemp(), "ledger.db")
        procs = [subprocess.Popen([sys.executable, "-c", code, path], stderr=subprocess.PIPE,
                                  text=True) for _ in range(8)]
        errors = [p.communicate()[1] for p in procs if p.wait() != 0]
        assert errors == []
        assert [r[0] for r in dump(path)["migrations"]] == [name for name, _ in MIGRATIONS]


def test_concurrent_writers_and_a_fuser_leave_what_one_run_leaves(feeds, tmp_path):
    parts, _, reference = feeds
    db = tmp_path / "shared.db"
    procs = [veille("extract", parts[k], "--db", db, "--no-progress", "--format", "jsonl",
                    wait=False) for k in ("a", "b", "c", "b")]
    # a fuse while they write: once the first articles are in
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not _has_articles(db):
        time.sleep(0.2)
    procs.append(veille("fuse", "--db", db, wait=False))
    for p in procs:
        err = p.communicate()[1]
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert veille("fuse", "--db", db).returncode == 0  # once the writers are done
    assert integrity(db) == "ok"
    got = dump(db)
    for table in _TABLES:
        assert got[table] == reference[table], table


@pytest.mark.parametrize("point", ["extract.article:7", "store.put:12"])
def test_extract_killed_then_rerun_gives_the_clean_store(feeds, tmp_path, point):
    parts, _, reference = feeds
    db = tmp_path / "ledger.db"
    out = tmp_path / "events.jsonl"
    out.write_text("earlier run\n", encoding="utf-8")
    killed = veille("extract", parts["all"], "--db", db, "-o", out, "--no-progress",
                    env={"VEILLE_FAILPOINT": point})
    assert killed.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"
    stored = dump(db)
    # the articles committed before the kill are there, whole; the one in flight is not
    n = int(point.rsplit(":", 1)[1])
    expected = n if point.startswith("extract.") else n - 1
    assert len(stored["articles"]) == expected
    assert len(stored["events"]) == len({e[2] for e in stored["events"]}) == expected
    # the -o file is the earlier run's, never half of this one
    assert out.read_text(encoding="utf-8") == "earlier run\n"
    again = veille("extract", parts["all"], "--db", db, "-o", out, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert veille("fuse", "--db", db).returncode == 0
    got = dump(db)
    for table in _TABLES:
        assert got[table] == reference[table], table
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(reference["events"])


@pytest.mark.parametrize("point", ["fuse.replace:2", "fuse.block:3", "fuse.links:1"])
def test_fuse_killed_then_rerun_gives_the_clean_store(feeds, tmp_path, point):
    _, unfused, reference = feeds
    db = tmp_path / "ledger.db"
    shutil.copyfile(unfused, db)  # the reference store before fusion
    killed = veille("fuse", "--db", db, env={"VEILLE_FAILPOINT": point})
    assert killed.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"
    half = dump(db)
    assert half["articles"] == reference["articles"] and half["events"] == reference["events"]
    assert half["fuse_blocks"] != reference["fuse_blocks"] or half["fuse_pending"]
    again = veille("fuse", "--db", db)
    assert again.returncode == 0, again.stderr
    got = dump(db)
    for table in _TABLES:
        assert got[table] == reference[table], table
