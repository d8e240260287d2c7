"""The SQLite store: one row an article, events replaced on re-extraction, exact round trip,
filters, atomic writes, migrations."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import events as event_strategy
from veille.records import Actor, Article, Event, Location, Span
from veille.errors import VeilleError
from veille.store import MIGRATIONS, EventFilter, date_bounds, open_store

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
