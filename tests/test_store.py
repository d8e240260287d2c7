"""The SQLite store: one row an article, events replaced on re-extraction, exact round trip,
filters, atomic writes, migrations."""
from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import events as event_strategy
from veille.records import Actor, Article, Event, Location, Span, content_hash
from veille.errors import VeilleError
from veille.store import MIGRATIONS, EventFilter, date_bounds, open_store, resolve_id

TEXT_A = "Huit drones ont été abattus au-dessus de Koursk dans la nuit de dimanche à lundi."
TEXT_B = "Un missile Kinjal a frappé un aérodrome près de Kyiv, selon l'armée de l'air."


def article(ident, text):
    return Article(id=ident, text=" date 2024-11-26\n" + text, published="2024-11-26",
                   origin=f"{ident}.txt")


def event(article_id, text, *, type="strike", date="2024-11-25", place=None, admin1=None,
          country=None, weapons=(), defenses=(), start=0, **more):
    loc = Location(place=place, admin1=admin1, country=country) if (place or admin1 or country) \
        else None
    return Event(article_id=article_id, type=type, date=date, location=loc, weapons=weapons,
                 defenses=defenses, evidence=(Span(start=start, end=start + len(text), text=text),),
                 **more)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "ledger.db") as s:
        yield s


# --- articles and events -----------------------------------------------------------------

def test_store_same_article_twice_keeps_one_row_and_replaces_events(store):
    art = article("a", TEXT_A)
    first = [event("a", TEXT_A, launched=8), event("a", TEXT_A, type="threat")]
    assert store.add(art, TEXT_A, first) is True
    assert store.counts() == {"articles": 1, "events": 2}
    # the same text again (even read from elsewhere): one article, the new events only
    again = Article(id="a", text=art.text, origin="copie/a.txt")
    second = [event("a", TEXT_A, launched=8, intercepted=8, hit=0, weapons=("drone",))]
    assert store.add(again, TEXT_A, second) is False
    assert store.counts() == {"articles": 1, "events": 1}
    assert [e.to_dict() for e in store.events()] == [second[0].to_dict()]
    # the weapons index follows: the old events' rows are gone
    assert store.db.execute("SELECT weapon FROM event_weapons").fetchall() == [("drone",)]


def test_store_two_texts_with_one_id_keep_both_events(store):
    # two "bilan.txt" from different folders: same article id, same evidence offsets
    store.add(article("bilan", TEXT_A), TEXT_A, [event("bilan", TEXT_A, launched=8)])
    store.add(article("bilan", TEXT_B), TEXT_B, [event("bilan", TEXT_A, launched=1)])
    assert store.counts() == {"articles": 2, "events": 2}
    assert sorted(e.launched for e in store.events()) == [1, 8]
    # ... under two ids: the folders' two "bilan" texts are told apart
    assert len({e.article_id for e in store.events()}) == 2


def test_store_same_article_with_no_events_now(store):
    store.add(article("a", TEXT_A), TEXT_A, [event("a", TEXT_A, weapons=("drone",))])
    store.add(article("a", TEXT_A), TEXT_A, [])
    assert store.counts() == {"articles": 1, "events": 0}
    assert store.db.execute("SELECT count(*) FROM event_weapons").fetchone() == (0,)


def test_store_different_texts_are_different_articles(store):
    assert store.add(article("a", TEXT_A), TEXT_A, [event("a", TEXT_A)])
    assert store.add(article("b", TEXT_B), TEXT_B, [event("b", TEXT_B)])
    assert store.counts() == {"articles": 2, "events": 2}
    assert {e.article_id for e in store.events()} == {"a", "b"}


def test_store_keeps_the_cleaned_text(store):
    art = article("a", TEXT_A)
    store.add(art, TEXT_A, [])
    assert store.cleaned_text(art.hash) is None  # keyed by the cleaned text, not the raw one
    from veille.records import content_hash
    assert store.cleaned_text(content_hash(TEXT_A)) == TEXT_A


@settings(max_examples=60, deadline=None)
@given(st.lists(event_strategy(article_id="a1"), max_size=6, unique_by=lambda e: e.event_id))
def test_store_events_round_trip(evs):
    with open_store(":memory:") as s:
        s.add(article("a1", TEXT_A), TEXT_A, evs)
        back = list(s.events(EventFilter(article_id="a1")))
    assert sorted((e.to_dict() for e in back), key=lambda d: d["event_id"]) == \
        sorted((e.to_dict() for e in evs), key=lambda d: d["event_id"])


# --- ids: one rule, whatever the order -----------------------------------------------------

def _ids(s):
    return sorted((h, i) for h, i in s.db.execute("SELECT hash, id FROM articles"))


def test_store_id_clash_suffixes_the_text_with_the_larger_hash(store):
    a, b = sorted([TEXT_A, TEXT_B], key=content_hash)  # a: the smaller hash
    first = store.put(article("bilan", b), b, [event("bilan", b, launched=1)])
    assert first.article_id == "bilan" and first.notices == []
    second = store.put(article("bilan", a), a, [event("bilan", a, launched=8)])
    # the smaller hash keeps the id; the text stored first becomes "bilan~<8 hex>"
    renamed = f"bilan~{content_hash(b)[:8]}"
    assert second.article_id == "bilan"
    assert [n.code for n in second.notices] == ["W003"]
    assert renamed in second.notices[0].reason and not second.notices[0].skipped
    assert {e.article_id: e.launched for e in store.events()} == {"bilan": 8, renamed: 1}
    # the renamed text's events carry their new id everywhere (event ids derive from it)
    for aid, eid, record in store.db.execute("SELECT article_id, event_id, record FROM events"):
        assert json.loads(record)["article_id"] == aid and json.loads(record)["event_id"] == eid
    # the same text arriving again under the clashing id is told its id again
    third = store.put(article("bilan", b), b, [event("bilan", b, launched=1)])
    assert third.article_id == renamed and [n.code for n in third.notices] == ["W002"]


def test_store_same_text_under_two_ids_is_one_article_with_the_smallest_id(store):
    store.put(article("zeta", TEXT_A), TEXT_A, [event("zeta", TEXT_A)])
    again = store.put(article("alpha", TEXT_A), TEXT_A, [event("alpha", TEXT_A)])
    assert again.article_id == "alpha" and not again.new
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.aliases(content_hash(TEXT_A)) == ["alpha", "zeta"]
    # arriving once more under the larger id changes nothing
    assert store.put(article("zeta", TEXT_A), TEXT_A, [event("zeta", TEXT_A)]).article_id == "alpha"
    assert [e.article_id for e in store.events()] == ["alpha"]


TEXT_C = "Deux missiles ont visé Odessa dans la nuit, selon la marine ukrainienne."


@settings(max_examples=40, deadline=None)
@given(st.permutations([("x", TEXT_A), ("x", TEXT_B), ("y", TEXT_B), ("x", TEXT_C),
                        ("w", TEXT_C), ("y", TEXT_A)]))
def test_store_ids_do_not_depend_on_arrival_order(arrivals):
    hashes = {t: content_hash(t) for t in (TEXT_A, TEXT_B, TEXT_C)}
    claims: dict[str, set[str]] = {}
    for ident, text in arrivals:
        claims.setdefault(ident, set()).add(hashes[text])
    with open_store(":memory:") as s:
        for ident, text in arrivals:
            s.put(article(ident, text), text, [event(ident, text)])
        got = dict(_ids(s))
        # one id per text, all different, each the rule's
        assert got == {h: resolve_id(h, claims) for h in hashes.values()}
        assert len(set(got.values())) == 3
        assert {e.article_id for e in s.events()} == set(got.values())


def test_resolve_id_rule():
    claims = {"x": {"0a", "0b", "0c"}, "y": {"0a", "0b"}, "w": {"0c"}}
    assert resolve_id("0a", claims) == "x"  # smallest hash: keeps its smallest id
    assert resolve_id("0b", claims) == "x~0b"  # both its ids kept by "0a"
    assert resolve_id("0c", claims) == "w"  # "x" is taken, "w" is its own


# --- filters -------------------------------------------------------------------------------

@pytest.fixture
def filled(store):
    evs = {
        "k1": event("a", TEXT_A, date="2024-11-25", place="Kursk", admin1="Kursk Oblast",
                    country="RU", weapons=("ATACMS",), defenses=("S-400",), start=1),
        "k2": event("a", TEXT_A, date="2024-11", place="Belgorod", admin1="Belgorod Oblast",
                    country="RU", weapons=("drone",), start=2),
        "k3": event("a", TEXT_A, type="threat", date="2024-11-19", weapons=("nuclear weapon",),
                    start=3, actor=Actor(name="Moscou", side="RU")),
        "k4": event("b", TEXT_B, type="deployment", date="2024-10-30", place="Moscow",
                    admin1="Moscow", country="RU", weapons=("Pantsir",), start=4),
        "k5": event("b", TEXT_B, date="2024-12-02", place="Kyiv", admin1="Kyiv City",
                    country="UA", weapons=("Kinzhal", "Kalibr"), defenses=("Patriot",), start=5),
        "k6": event("b", TEXT_B, date=None, place="Kharkiv", admin1="Kharkiv Oblast",
                    country="UA", weapons=("Shahed",), start=6),
        "k7": event("b", TEXT_B, date="2024", admin1="Kursk Oblast", country="RU", start=7),
    }
    store.add(article("a", TEXT_A), TEXT_A, [evs[k] for k in ("k1", "k2", "k3")])
    store.add(article("b", TEXT_B), TEXT_B, [evs[k] for k in ("k4", "k5", "k6", "k7")])
    names = {e.event_id: k for k, e in evs.items()}

    def query(**kwargs):
        return [names[e.event_id] for e in store.events(EventFilter(**kwargs))]
    return query


def test_store_all_events_ordered_by_date_undated_last(filled):
    assert filled() == ["k7", "k4", "k2", "k3", "k1", "k5", "k6"]


@pytest.mark.parametrize("kwargs, expected", [
    ({"type": "strike"}, {"k1", "k2", "k5", "k6", "k7"}),
    ({"type": "threat"}, {"k3"}),
    ({"type": "deployment"}, {"k4"}),
    # a month or a year overlaps a day range: "2024-11" and "2024" match since 2024-11-20
    ({"since": "2024-11-20"}, {"k1", "k2", "k5", "k7"}),
    ({"until": "2024-11-20"}, {"k2", "k3", "k4", "k7"}),
    ({"since": "2024-11-20", "until": "2024-11-30"}, {"k1", "k2", "k7"}),
    ({"since": "2024-11-26", "until": "2024-11-30"}, {"k2", "k7"}),
    ({"since": "2024-12"}, {"k5", "k7"}),
    ({"until": "2024-10"}, {"k4", "k7"}),
    ({"since": "2024", "until": "2024"}, {"k1", "k2", "k3", "k4", "k5", "k7"}),
    ({"since": "2025-01-01"}, set()),
    ({"country": "RU"}, {"k1", "k2", "k4", "k7"}),
    ({"country": "ua"}, {"k5", "k6"}),
    # a place matches the place or the region, in any case
    ({"places": ("kursk",)}, {"k1"}),
    ({"places": ("Kursk Oblast",)}, {"k1", "k7"}),
    ({"places": ("Kyiv", "MOSCOW")}, {"k4", "k5"}),
    ({"places": ("Odesa",)}, set()),
    # a weapon matches the attacker's weapons and the defences
    ({"weapons": ("kinzhal",)}, {"k5"}),
    ({"weapons": ("Patriot",)}, {"k5"}),
    ({"weapons": ("Shahed", "ATACMS")}, {"k1", "k6"}),
    ({"type": "strike", "country": "RU", "since": "2024-11-20"}, {"k1", "k2", "k7"}),
    ({"article_id": "a"}, {"k1", "k2", "k3"}),
])
def test_store_filters(filled, kwargs, expected):
    found = filled(**kwargs)
    assert len(found) == len(set(found))  # no event twice (an event with two weapons)
    assert set(found) == expected


def test_store_filter_limit(filled):
    assert filled(limit=2) == ["k7", "k4"]
    assert filled(type="strike", limit=1) == ["k7"]


@pytest.mark.parametrize("date, bounds", [
    (None, (None, None)),
    ("2024-11-25", ("2024-11-25", "2024-11-25")),
    ("2024-11", ("2024-11-01", "2024-11-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2023-02", ("2023-02-01", "2023-02-28")),
    ("2024-12", ("2024-12-01", "2024-12-31")),
    ("2024", ("2024-01-01", "2024-12-31")),
])
def test_store_date_bounds(date, bounds):
    assert date_bounds(date) == bounds


# --- failures and migrations ---------------------------------------------------------------

def test_store_failure_mid_batch_loses_nothing(tmp_path):
    path = tmp_path / "ledger.db"
    s = open_store(path)
    s.add(article("a", TEXT_A), TEXT_A, [event("a", TEXT_A, weapons=("drone",))])
    s.add(article("b", TEXT_B), TEXT_B, [event("b", TEXT_B, weapons=("Kinzhal",))])
    text_c = "Deux missiles ont visé Odessa."
    good = event("c", text_c, weapons=("Kalibr",), start=0)
    bad = event("c", text_c, date="2024-xx", start=5)  # not a date: the store cannot index it
    with pytest.raises(ValueError):
        s.add(article("c", text_c), text_c, [good, bad])
    # nothing of the third article, everything of the first two
    assert s.counts() == {"articles": 2, "events": 2}
    assert {e.article_id for e in s.events()} == {"a", "b"}
    assert s.db.execute("SELECT count(*) FROM event_weapons WHERE weapon = 'Kalibr'").fetchone() == (0,)
    # the store is still usable, and what was stored is on disk
    s.add(article("c", text_c), text_c, [good])
    s.close()
    with open_store(path) as again:
        assert again.counts() == {"articles": 3, "events": 3}


def test_store_migrations_recorded_once(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as s:
        rows = s.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
        assert [r[0] for r in rows] == [name for name, _ in MIGRATIONS]
        s.add(article("a", TEXT_A), TEXT_A, [event("a", TEXT_A)])
    with open_store(path) as s:
        assert s.migrate() == []  # nothing new to apply
        assert s.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall() == rows
        assert s.counts() == {"articles": 1, "events": 1}


def test_store_new_migration_applied_on_open(tmp_path, monkeypatch):
    path = tmp_path / "ledger.db"
    open_store(path).close()
    import veille.store as store_mod
    extra = ("9999_test_column", "ALTER TABLE articles ADD COLUMN note TEXT")
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + [extra])
    with open_store(path) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM migrations")]
        assert names[-1] == "9999_test_column"
        assert "note" in [r[1] for r in s.db.execute("PRAGMA table_info(articles)")]
        assert s.migrate() == []


def test_store_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "ledger.db"
    open_store(path).close()
    import veille.store as store_mod
    broken = ("9998_broken", "CREATE TABLE half (x INTEGER); CREATE TABLE articles (y TEXT)")
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + [broken])
    with pytest.raises(VeilleError, match="cannot open the store.*already exists"):
        open_store(path)
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    names = {r[0] for r in db.execute("SELECT name FROM migrations")}
    db.close()
    assert "half" not in tables and "9998_broken" not in names


# --- versions, read-only opening, paths that cannot be stores -------------------------------

def test_store_written_by_a_newer_veille_is_refused(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as s:
        with s.write() as db:
            db.execute("INSERT INTO migrations VALUES ('9999_from_the_future', 'x')")
    with pytest.raises(VeilleError, match=r"E105.*newer veille.*9999_from_the_future"):
        open_store(path)
    with pytest.raises(VeilleError, match="E105"):
        open_store(path, read_only=True)


def test_store_read_only_reads_and_never_writes(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as s:
        s.add(article("a", TEXT_A), TEXT_A, [event("a", TEXT_A, launched=8)])
    before = path.read_bytes()
    with open_store(path, read_only=True) as ro:
        assert [e.launched for e in ro.events()] == [8]
        with pytest.raises(VeilleError, match="E104"):
            ro.add(article("b", TEXT_B), TEXT_B, [])
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.db.execute("DELETE FROM events")
    assert path.read_bytes() == before
    missing = tmp_path / "none.db"
    with pytest.raises(VeilleError, match="E103"):
        open_store(missing, read_only=True)
    assert not missing.exists()  # nothing created


def test_store_read_only_refuses_a_store_to_migrate(tmp_path, monkeypatch):
    path = tmp_path / "ledger.db"
    open_store(path).close()
    import veille.store as store_mod
    monkeypatch.setattr(store_mod, "MIGRATIONS",
                        store_mod.MIGRATIONS + [("9000_next", "CREATE TABLE t (x)")])
    with pytest.raises(VeilleError, match=r"E106.*9000_next"):
        open_store(path, read_only=True)


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing" / "ledger.db", "does not exist"),
    (lambda d: d, "not a regular file"),
    (lambda d: (d / "notes.db").write_text("ce n'est pas une base\n") and d / "notes.db",
     "not a SQLite database"),
])
def test_store_path_that_cannot_be_a_store(tmp_path, make, message):
    with pytest.raises(VeilleError, match=message):
        open_store(make(tmp_path))


def test_store_dev_null_is_not_a_store():
    with pytest.raises(VeilleError, match="not a regular file"):
        open_store("/dev/null")


@pytest.mark.parametrize("query, index", [
    ("_NO_DIGEST", "events_no_digest"),
    ("_UNDATED", "events_undated"),
])
def test_store_fusions_first_questions_read_a_partial_index_not_every_event(store, query, index):
    # every fusion run asks these; on a million events a scan costs a second each
    from veille.fuse import ledger

    sql = getattr(ledger, query)
    plan = [row[-1] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plan and all(f"INDEX {index}" in step for step in plan), plan


def test_store_write_inside_a_write_joins_it(tmp_path):
    # fusion writes several blocks in one transaction, each block through its own write():
    # the inner ones commit nothing, and a failure rolls every block of the batch back
    with open_store(tmp_path / "v.db") as store:
        with pytest.raises(RuntimeError):
            with store.write():
                with store.write():
                    store.db.execute("INSERT INTO fuse_blocks VALUES ('a', 's', 't')")
                assert store.db.in_transaction
                raise RuntimeError("the batch fails")
        assert store.db.execute("SELECT count(*) FROM fuse_blocks").fetchone()[0] == 0
        with store.write():
            with store.write():
                store.db.execute("INSERT INTO fuse_blocks VALUES ('b', 's', 't')")
        assert not store.db.in_transaction
        assert store.db.execute("SELECT block FROM fuse_blocks").fetchall() == [("b",)]
