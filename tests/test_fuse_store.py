"""Fusion in the store: incremental, idempotent, independent of arrival order; links."""
from __future__ import annotations

import json
import random

import pytest

from fusion_records import record
from veille.fuse import FuseOptions, fuse
from veille.fuse.ledger import (FusedFilter, find_fused, fused_events, links_of,
                                member_records)
from veille.records import Article, Event
from veille.store import open_store


def add(store, article_id, *recs, published="2024-03-16", source=None):
    article = Article(id=article_id, text=f"Texte de {article_id}.", published=published,
                      source=source or f"outlet {article_id}")
    events = [Event.from_dict(r) for r in recs]
    store.add(article, article.text, events)


def fused_of(store, article_id):
    """The fused event holding the (first) record of an article."""
    for event in fused_events(store):
        if article_id in {c.article_id for c in event.claims}:
            return event
    return None


def snapshot(store):
    """The fused state: each fused event's id, members and record; links."""
    rows = store.db.execute("SELECT fused_id, record FROM fused_events ORDER BY fused_id")
    fused = {fid: json.loads(rec) for fid, rec in rows}
    members = sorted(store.db.execute("SELECT * FROM fused_members"))
    links = sorted(store.db.execute("SELECT threat, strike, relation FROM fused_links"))
    return fused, members, links


ARTICLES = [
    ("a", [record("a", place="Odesa", launched=8, intercepted=7, side="RU")]),
    ("b", [record("b", place="Odesa", launched=8, intercepted=8, side="RU"),
           record("b", 1, place="Mykolaiv", side="RU")]),
    ("c", [record("c", admin1="Odesa Oblast", country="UA", killed=3)]),
    ("d", [record("d", place="Odesa", date="2024-04-02", side="RU")]),
    ("e", [record("e", type="threat", date="2024-03-16", actor="Volodymyr Zelensky",
                  side="UA")]),
    ("f", [record("f", place="Belgorod", date="2024-03-20", side="UA", weapons=["drone"],
                  evidence="En représailles, des drones ukrainiens ont visé Belgorod.")]),
]


def build(path, order):
    with open_store(path) as store:
        for article_id, recs in order:
            add(store, article_id, *recs)
        fuse(store)
        return snapshot(store)


def test_fuse_store_merges_reports_of_one_strike(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        report = fuse(store)
        assert report.events == 7
        odesa = [e for e in fused_events(store, FusedFilter(type="strike"))
                 if e.value("location")["place"] == "Odesa" and e.date == "2024-03-15"]
        assert len(odesa) == 1
        assert sorted(c.article_id for c in odesa[0].claims) == ["a", "b", "c"]
        assert "conflict" not in odesa[0].flags  # no claimant sides given
        # members are the records exactly as stored by extract
        records = member_records(store, odesa[0].members)
        assert [r["article_id"] for r in records] == [c.article_id for c in odesa[0].claims]


def test_fuse_store_second_run_changes_nothing(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        fuse(store)
        before = snapshot(store)
        report = fuse(store)
        assert report.changed == 0 and report.events == 0
        assert snapshot(store) == before


def test_fuse_store_result_does_not_depend_on_arrival_order(tmp_path):
    reference = build(tmp_path / "ref.db", ARTICLES)
    for seed in range(4):
        order = ARTICLES[:]
        random.Random(seed).shuffle(order)
        assert build(tmp_path / f"s{seed}.db", order) == reference


def test_fuse_store_incremental_equals_batch(tmp_path):
    reference = build(tmp_path / "ref.db", ARTICLES)
    with open_store(tmp_path / "inc.db") as store:
        for article_id, recs in ARTICLES:  # fuse after every article
            add(store, article_id, *recs)
            fuse(store)
        assert snapshot(store) == reference


def test_fuse_store_new_article_reclusters_only_its_block(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        fuse(store)
        april = [e.to_dict() for e in fused_events(store, FusedFilter(since="2024-04"))]
        add(store, "g", record("g", place="Odesa", killed=4))
        report = fuse(store)
        assert report.changed == 1  # strike:2024-03 only
        assert [e.to_dict() for e in fused_events(store, FusedFilter(since="2024-04"))] == april
        g_event = Event.from_dict(record("g", place="Odesa", killed=4)).event_id
        odesa = find_fused(store, g_event)  # found by an article-level event id
        assert "g" in {c.article_id for c in odesa.claims}


def test_fuse_store_a_block_fused_again_rewrites_only_the_events_that_changed(tmp_path):
    # a new report of Odesa's strike changes that fused event; Mykolaiv's, in the same block,
    # keeps its stored row as it was (same rowid: not deleted and inserted again)
    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        fuse(store)

        def rows():
            return {fid: (rowid, rec) for rowid, fid, rec in store.db.execute(
                "SELECT rowid, fused_id, record FROM fused_events WHERE block = 'strike:2024-03'")}

        before = rows()
        mykolaiv = next(fid for fid, (_, rec) in before.items()
                        if json.loads(rec)["location"]["place"] == "Mykolaiv")
        add(store, "g", record("g", place="Odesa", killed=4))
        fuse(store)
        after = rows()
        assert after[mykolaiv] == before[mykolaiv]
        changed = [fid for fid in after if after[fid] != before.get(fid)]
        assert changed and mykolaiv not in changed
        assert snapshot(store) == build(tmp_path / "ref.db", ARTICLES + [
            ("g", [record("g", place="Odesa", killed=4)])])


def test_fuse_store_reextraction_replaces_members(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "a", record("a", place="Odesa"))
        add(store, "b", record("b", place="Odesa"))
        fuse(store)
        # b is extracted again and now reads the strike as Mykolaiv's
        add(store, "b", record("b", 5, place="Mykolaiv"))
        fuse(store)
        found = list(fused_events(store))
        assert sorted(len(e.claims) for e in found) == [1, 1]
        keys = [k for (k,) in store.db.execute("SELECT event_key FROM fused_members")]
        assert sorted(keys) == sorted(k for (k,) in store.db.execute("SELECT event_key FROM events"))


def test_fuse_store_new_options_recluster(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "a", record("a", place="Odesa", date="2024-03-15"))
        add(store, "b", record("b", place="Odesa", date="2024-03-16"))
        fuse(store)
        assert len(list(fused_events(store))) == 2
        report = fuse(store, FuseOptions(day_tolerance=1))
        assert report.changed == 1
        assert len(list(fused_events(store))) == 1


def test_fuse_store_links_threat_to_strikes(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "s", record("s", place="Belgorod", date="2024-03-10", side="UA",
                               weapons=["drone"]))
        add(store, "t", record("t", type="threat", date="2024-03-11", actor="Dmitri Peskov",
                               side="RU"))
        add(store, "r", record("r", place="Kyiv", date="2024-03-14", side="RU",
                               evidence="En riposte, Moscou a frappé Kyiv."))
        add(store, "late", record("late", place="Kyiv", date="2024-03-30", side="RU",
                                  evidence="En riposte, Moscou a frappé Kyiv."))
        add(store, "plain", record("plain", place="Odesa", date="2024-03-13", side="RU"))
        fuse(store)
        threat = fused_of(store, "t")
        links = {(ln.relation, find_fused(store, ln.strike).claims[0].article_id): ln
                 for ln in links_of(store, threat.fused_id)}
        assert set(links) == {("answers", "s"), ("followed_by", "r")}
        assert links[("answers", "s")].days == -1
        assert any("response" in reason for reason in links[("followed_by", "r")].reasons)
        # the link is seen from the strike too, and is always a candidate
        strike = fused_of(store, "r")
        assert [ln.to_dict()["status"] for ln in links_of(store, strike.fused_id)] == ["candidate"]


def test_fuse_store_links_window_option(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "t", record("t", type="threat", date="2024-03-11", actor="Dmitri Peskov",
                               side="RU"))
        add(store, "late", record("late", place="Kyiv", date="2024-03-30", side="RU",
                                  evidence="En riposte, Moscou a frappé Kyiv."))
        fuse(store)
        threat = fused_of(store, "t")
        assert links_of(store, threat.fused_id) == []
        fuse(store, FuseOptions(window_days=30))
        threat = fused_of(store, "t")
        assert [ln.relation for ln in links_of(store, threat.fused_id)] == ["followed_by"]


def _facts(fid, date, side, country=None, place=None, reports=1, mentions=(), speaker=None,
           response=False):
    from veille.fuse.links import Facts

    return Facts.from_row((fid, date, side, country, place, None, frozenset(), response,
                           speaker, frozenset(mentions), reports))


def test_fuse_links_a_named_place_beats_the_same_day():
    from veille.fuse.links import escalation_links

    threat = _facts("T", "2024-05-14", "UA", speaker="zelensky", mentions={"odesa"})
    strikes = [_facts("odesa", "2024-05-14", "RU", "UA", "Odesa"),
               _facts("mykolaiv", "2024-05-14", "RU", "UA", "Mykolaiv", reports=5)]
    links = escalation_links([threat], strikes)
    assert [(ln.strike, ln.relation) for ln in links] == [("odesa", "answers")]
    assert "the threat's report names Odesa" in links[0].reasons


def test_fuse_links_date_only_keeps_the_most_reported_strike():
    from veille.fuse.links import escalation_links

    threat = _facts("T", "2024-05-14", "RU")
    strikes = [_facts("small", "2024-05-14", "UA", "RU", "Anapa", reports=1),
               _facts("big", "2024-05-14", "UA", "RU", "Novorossiysk", reports=4)]
    assert [ln.strike for ln in escalation_links([threat], strikes)] == ["big"]


def test_fuse_links_later_strike_needs_a_reason():
    from veille.fuse.links import escalation_links

    threat = _facts("T", "2024-05-14", "UA", speaker="zelensky")
    plain = _facts("plain", "2024-05-18", "UA", "RU", "Anapa")
    named = _facts("named", "2024-05-20", "UA", "RU", "Novorossiysk", mentions={"zelensky"})
    links = escalation_links([threat], [plain, named])
    assert [(ln.strike, ln.relation, ln.days) for ln in links] == [("named", "followed_by", 6)]


def test_fuse_store_from_before_fusion_gets_digests(tmp_path):
    # a store written before the fusion tables existed has no record digests
    with open_store(tmp_path / "s.db") as store:
        add(store, "a", record("a", place="Odesa"))
        add(store, "b", record("b", place="Odesa"))
        store.db.execute("UPDATE events SET digest = NULL")
        store.db.commit()
        report = fuse(store)
        assert report.events == 2 and report.fused == 1
        assert store.db.execute("SELECT count(*) FROM events WHERE digest IS NULL").fetchone()[0] == 0
        assert fuse(store).changed == 0


def _links(store):
    return sorted(store.db.execute("SELECT threat, strike, relation FROM fused_links"))


def test_fuse_store_incremental_links_equal_a_rebuild(tmp_path):
    # a month-dated threat measures its window from the 1st: the strike it answers lies
    # before the changed block's window, and must still be found
    with open_store(tmp_path / "s.db") as store:
        add(store, "s", record("s", place="Odesa", date="2024-02-20", side="RU"))
        add(store, "t", record("t", type="threat", date="2024-03", actor="Volodymyr Zelensky",
                               side="UA", evidence="Zelensky a promis que la Russie paierait pour Odessa."))
        fuse(store)
        add(store, "late", record("late", place="Kyiv", date="2024-04-02", side="RU"))
        fuse(store)
        incremental = _links(store)
        fuse(store, rebuild=True)
        assert _links(store) == incremental


def test_fuse_store_interrupted_run_relinks_next_time(tmp_path, monkeypatch):
    import veille.fuse as fuse_module

    with open_store(tmp_path / "s.db") as store:
        add(store, "s", record("s", place="Belgorod", date="2024-03-10", side="UA"))
        add(store, "t", record("t", type="threat", date="2024-03-11", actor="Dmitri Peskov",
                               side="RU"))
        fuse(store)
        assert len(_links(store)) == 1
        # the strike is read again with another day: its fused id changes
        add(store, "s", record("s", 1, place="Belgorod", date="2024-03-09", side="UA"))

        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(fuse_module, "_relink", interrupted)
        try:
            fuse(store)
        except KeyboardInterrupt:
            pass
        monkeypatch.undo()
        fuse(store)
        fused_ids = {r[0] for r in store.db.execute("SELECT fused_id FROM fused_events")}
        assert _links(store) and all(s in fused_ids and t in fused_ids for t, s, _ in _links(store))
        after = _links(store)
        fuse(store, rebuild=True)
        assert _links(store) == after


def test_fuse_store_a_year_is_too_coarse_to_link(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "s", record("s", place="Odesa", date="2024", side="RU"))
        add(store, "t", record("t", type="threat", date="2024", actor="Volodymyr Zelensky",
                               side="UA", evidence="Zelensky a promis que la Russie paierait pour Odessa."))
        fuse(store)
        assert _links(store) == []


def test_fuse_store_find_takes_ids_literally(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        add(store, "a", record("a", place="Odesa"))
        fuse(store)
        assert find_fused(store, "%") is None
        assert find_fused(store, "_") is None


def test_fuse_forgets_only_the_pending_blocks_it_relinked(tmp_path):
    # another process may mark a block pending while this one runs: it stays pending
    from veille.fuse import ledger

    with open_store(tmp_path / "l.db") as store:
        add(store, "a", record("a", place="Odesa", side="RU"))
        ledger.mark_pending(store, ["strike:2024-03", "strike:1999-01"])
        ledger.clear_pending(store, ["strike:2024-03"])
        assert ledger.pending(store) == ["strike:1999-01"]


UNDATED = ("u", [record("u", date=None, place="Odesa", launched=14, claimant="Oleh Kiper",
                        claimant_side="UA")])
KIPER_14 = dict(place="Odesa", launched=14, claimant="Oleh Kiper", claimant_side="UA")


def test_fuse_store_undated_report_joins_the_dated_event_it_strongly_matches(tmp_path):
    from veille.fuse.ledger import stale_blocks

    with open_store(tmp_path / "s.db") as store:
        add(store, "a", record("a", **KIPER_14), published="2024-03-15")
        add(store, UNDATED[0], *UNDATED[1], published=None)
        fuse(store)
        joined = fused_of(store, "u")
        assert sorted(c.article_id for c in joined.claims) == ["a", "u"]
        assert joined.block == "strike:2024-03" and "undated" in joined.flags
        assert store.db.execute("SELECT count(*) FROM fused_events WHERE block = "
                                "'strike:undated'").fetchone()[0] == 0
        assert stale_blocks(store) == []  # a fused store is up to date, guests and all
        before = snapshot(store)
        assert fuse(store).changed == 0 and snapshot(store) == before
        # the same figures from the same source in another month: which night is not known
        add(store, "b", record("b", **{**KIPER_14, "date": "2024-07-02"}), published="2024-07-02")
        fuse(store)
        alone = fused_of(store, "u")
        assert [c.article_id for c in alone.claims] == ["u"]
        assert alone.block == "strike:undated"
        assert [c.article_id for c in fused_of(store, "a").claims] == ["a"]


def test_fuse_store_undated_guests_do_not_depend_on_arrival_order(tmp_path):
    arts = ARTICLES + [UNDATED, ("v", [record("v", date=None, place="Odesa", side="RU")]),
                       ("k", [record("k", **{**KIPER_14, "date": "2024-04-02"})])]
    reference = build(tmp_path / "ref.db", arts)
    assert any("undated" in rec["flags"] and rec["block"] != "strike:undated"
               for rec in reference[0].values())
    for seed in range(3):
        order = arts[:]
        random.Random(seed).shuffle(order)
        assert build(tmp_path / f"s{seed}.db", order) == reference
    with open_store(tmp_path / "inc.db") as store:  # fused after every article
        for article_id, recs in arts:
            add(store, article_id, *recs)
            fuse(store)
        assert snapshot(store) == reference


def test_fuse_store_workers_give_the_one_process_result(tmp_path):
    """Blocks clustered in parallel processes, written by one: the same store as one process
    gives, first run and incremental run alike."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_fuse import load, synthetic

    triples = synthetic(3000, seed=3)
    extra = synthetic(300, seed=4, first_day=0, days=40)
    extra = [(f"X{lab}", f"X{a}", dict(rec, article_id=f"X{a}", event_id=f"X{rec['event_id']}"))
             for lab, a, rec in extra]
    shots = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            load(store, triples)
            report = fuse(store, workers=workers)
            assert report.changed > 1
            first = snapshot(store)
            load(store, extra)
            fuse(store, workers=workers)
            shots.append((first, snapshot(store)))
    assert shots[0] == shots[1]


def test_fuse_store_block_sums_follow_every_change(tmp_path):
    """The per-block sums kept by triggers equal a count over the events after inserts,
    replacements (re-extraction), deletions and an article's removal: fusion reads them
    instead of every event to tell which months changed."""
    from veille.store import BLOCK_SUMS_COUNT

    def kept(store):
        return {b: (n, a, c) for b, n, a, c in store.db.execute("SELECT * FROM block_sums") if n}

    def counted(store):
        return {b: (n, a, c) for b, n, a, c in store.db.execute(BLOCK_SUMS_COUNT)}

    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        assert kept(store) == counted(store) and len(kept(store)) >= 3
        add(store, "a", record("a", place="Odesa", launched=9, side="RU"))  # re-extracted
        add(store, "u", record("u", date=None, place="Odesa"))
        assert kept(store) == counted(store)
        with store.write():
            store.db.execute("DELETE FROM articles WHERE id = 'b'")  # events go by cascade
        assert kept(store) == counted(store)
        before = fuse(store)
        assert fuse(store).changed == 0 and before.changed > 0
        add(store, "c", record("c", admin1="Odesa Oblast", country="UA", killed=4))
        assert fuse(store).changed == 1  # only the month whose report changed


def test_fuse_store_links_read_the_latest_events_by_their_end(tmp_path):
    # escalation links read one type's fused events ending after a day: through the index on
    # (type, date_end), not by walking every older event up to the window's end
    with open_store(tmp_path / "s.db") as store:
        plan = " ".join(str(r) for r in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT fused_id FROM fused_events WHERE type = ? AND "
            "date_end >= ? AND date_start <= ?", ("strike", "2024-03-01", "2024-04-15")))
        assert "fused_events_type_end" in plan


def _links_by_hand(threats, strikes, window_days):
    """Every threat against every strike, each pair's reasons spelt out, then the best of
    each relation: what escalation links mean, written plainly (no index, no pruning)."""
    from veille.fuse.links import MAX_PER_RELATION, _shared_reasons

    out = []
    for t in threats:
        if t.side is None or t.day is None:
            continue
        found = {"answers": [], "followed_by": []}
        for s in strikes:
            if s.day is None or abs(s.day - t.day) > window_days:
                continue
            gap = s.day - t.day
            reasons = _shared_reasons(t, s)
            if gap <= 0 and s.country == t.side and s.side != t.side:
                if reasons or gap >= -2:
                    found["answers"].append((-1 - len(reasons), -gap, -s.reports, s.id, gap))
            elif gap > 0 and s.side == t.side and s.country and s.country != t.side:
                n = len(reasons) + bool(s.response)
                if n:
                    found["followed_by"].append((-1 - n, gap, -s.reports, s.id, gap))
        for relation, entries in found.items():
            entries = sorted(entries)
            entries = [e for e in entries if e[0] == entries[0][0]] if entries else []
            limit = 1 if entries and entries[0][0] == -1 else MAX_PER_RELATION
            out += [(t.id, e[3], relation, e[4]) for e in entries[:limit]]
    return out


@pytest.mark.parametrize("seed", range(4))
def test_fuse_links_index_finds_what_every_pair_would(seed):
    # (a guard) links are found through an index of what strikes share with threats, keeping a few
    # candidates per threat; on random small worlds they must be those of every pair
    # compared by hand, and the strikes split in parts (as Spark does) must give them too
    from veille.fuse.links import Facts, escalation_links, link_candidates, select_links

    rng = random.Random(seed)

    def facts(fid):
        day = rng.choice([None, "2024-03", *(f"2024-03-{d:02d}" for d in range(1, 29))])
        return Facts(fid, day, rng.choice([None, "UA", "RU"]),
                     rng.choice([None, "UA", "RU", "BY"]),
                     rng.choice([None, "Kyiv", "Odesa", "Kharkiv"]),
                     rng.choice([None, "Kyiv", "Odesa Oblast"]),
                     frozenset(rng.sample(["Shahed", "Kinzhal", "Iskander"], rng.randint(0, 2))),
                     rng.random() < 0.2, rng.choice([None, "poutine", "zelensky"]),
                     frozenset(rng.sample(["kyiv", "odesa", "poutine", "odesa oblast"],
                                          rng.randint(0, 2))),
                     rng.randint(1, 5))

    for _ in range(150):
        threats = [facts(f"T{i}") for i in range(rng.randint(1, 5))]
        strikes = [facts(f"S{i}") for i in range(rng.randint(0, 40))]
        window = rng.choice([3, 14])
        got = escalation_links(threats, strikes, window_days=window)
        assert [(ln.threat, ln.strike, ln.relation, ln.days) for ln in got] == \
            _links_by_hand(threats, strikes, window)
        k = rng.randint(2, 4)
        parts = [c for i in range(k)
                 for c in link_candidates(threats, strikes[i::k], window_days=window)]
        assert select_links(threats, parts) == got


def test_fuse_store_gives_the_cycle_collector_back(tmp_path, monkeypatch):
    # fusion pauses Python's cycle collector while it clusters a block; the caller's process
    # (a desk, a notebook) must find it running again, after a failure too
    import gc

    assert gc.isenabled()
    with open_store(tmp_path / "s.db") as store:
        for article_id, recs in ARTICLES:
            add(store, article_id, *recs)
        fuse(store, workers=1)
        assert gc.isenabled()
        add(store, "late", record("late", place="Odesa", date="2024-03-15"))

        def broken(*args, **kwargs):
            assert not gc.isenabled()  # paused inside a block
            raise RuntimeError("a block failed")

        monkeypatch.setattr("veille.fuse.fuse_members", broken)
        with pytest.raises(RuntimeError):
            fuse(store, workers=1)
        assert gc.isenabled()
