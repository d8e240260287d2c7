"""Reference data in the store (veille reference load) and the fused tallies set against
it (veille compare). Every row here is written for the tests, in the columns of the public
Air Force file and of ACLED's exports (ACLED's terms restrict its data: no row is copied)."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from fusion_records import record
from veille.cli import cli
from veille.fuse import fuse
from veille.records import Article, Event
from veille.reference import airforce_nights, compare_fused, load_reference
from veille.store import open_store

AIRFORCE = [
    ["time_start", "time_end", "model", "launched", "destroyed", "source"],
    ["2024-03-16 19:00", "2024-03-17 09:00", "Shahed-136/131", "39", "35", "kpszsu/posts/a"],
    ["2024-03-16 19:00", "2024-03-17 09:00", "Kh-101", "4", "3", "kpszsu/posts/a"],
    # two rows of one model from one post on one night are both counted
    ["2024-03-16 19:00", "2024-03-17 09:00", "Kh-101", "2", "2", "kpszsu/posts/a"],
    # a regional command's count of the same night is not the national tally
    ["2024-03-16 19:00", "2024-03-17 09:00", "Shahed-136/131", "12", "12", "PvKPivden/posts/b"],
    ["", "", "Shahed-136/131", "5", "5", "kpszsu/posts/c"],  # no night: skipped
]
ACLED_ROWS = [
    ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
     "actor1", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
     "source", "notes", "fatalities"],
    ["TST1", "17 March 2024", "2024", "1", "Explosions/Remote violence", "Air/drone strike",
     "Forces A", "Ukraine", "Odesa", "Odesa", "46.48", "30.73", "1", "Journal", "Une note.", "2"],
    ["TST2", "2024-03-18", "2024", "1", "Strategic developments", "Other", "Forces B",
     "Ukraine", "Kyiv", "Kyiv", "50.45", "30.52", "1", "Journal", "Une autre note.", "0"],
]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "ledger.db") as s:
        yield s


def test_airforce_rows_load_once_and_sum_per_morning(store, tmp_path):
    path = write_csv(tmp_path / "daily.csv", AIRFORCE)
    first = load_reference(store, path)
    assert (first.kind, first.rows) == ("airforce", 4)
    assert [n.origin for n in first.notices] == [f"{path}:6"]
    load_reference(store, path)  # again: replaces, never doubles
    assert store.db.execute("SELECT count(*) FROM ref_airforce").fetchone() == (4,)
    night = airforce_nights(store)["2024-03-17"]
    assert night.launched == {"drone": 39, "missile": 6}
    assert night.destroyed == {"drone": 35, "missile": 5}


def test_acled_csv_and_api_json_load(store, tmp_path):
    loaded = load_reference(store, write_csv(tmp_path / "acled.csv", ACLED_ROWS))
    assert (loaded.kind, loaded.rows, loaded.notices) == ("acled", 2, [])
    api = tmp_path / "acled.json"
    api.write_text(json.dumps({"status": 200, "data": [
        {"event_id_cnty": "TST3", "event_date": "2024-03-19", "event_type": "Battles",
         "country": "Ukraine", "fatalities": "1"}]}), encoding="utf-8")
    assert load_reference(store, api).rows == 1
    rows = store.db.execute("SELECT event_id_cnty, event_date, fatalities, latitude FROM "
                            "ref_acled ORDER BY event_id_cnty").fetchall()
    assert rows == [("TST1", "2024-03-17", 2, 46.48), ("TST2", "2024-03-18", 0, 50.45),
                    ("TST3", "2024-03-19", 1, None)]


def test_a_file_of_neither_kind_is_one_notice(store, tmp_path):
    loaded = load_reference(store, write_csv(tmp_path / "x.csv", [["a", "b"], ["1", "2"]]))
    assert loaded.rows == 0 and [n.code for n in loaded.notices] == ["E017"]


def _tally(article, launched, intercepted, munitions):
    rec = record(article, country="UA", side="RU", launched=launched, intercepted=intercepted,
                 claimant="armée de l'air ukrainienne", claimant_side="UA", date="2024-03-17")
    rec["munitions"] = munitions
    return rec


def test_compare_fused_tallies_night_by_night_and_class(store, tmp_path):
    load_reference(store, write_csv(tmp_path / "daily.csv", AIRFORCE))
    drones_missiles = [{"weapon": "Shahed", "launched": 39, "intercepted": 35, "hit": None},
                       {"weapon": "Kh-101", "launched": 6, "intercepted": 4, "hit": None}]
    for ident, published, rec in (
            ("a", "2024-03-17", _tally("a", 45, 39, drones_missiles)),
            ("b", "2024-03-18", _tally("b", 45, 39, [])),
            ("c", "2024-03-17", _tally("c", 44, 39, []))):
        art = Article(id=ident, text=f"Texte {ident}.", published=published)
        store.add(art, art.text, [Event.from_dict(rec)])
    fuse(store)
    checks = {(c.figure, c.weapon_class): c for c in compare_fused(store)}
    # the night ends on the morning of the earliest report; 45 told twice beats 44 once
    assert {c.night for c in checks.values()} == {"2024-03-17"}
    assert (checks["launched", "total"].veille, checks["launched", "total"].agrees) == (45, True)
    assert checks["intercepted", "total"].agrees is False  # 39 against 40 destroyed
    assert checks["intercepted", "total"].dataset == 40
    assert checks["launched", "drone"].agrees and checks["launched", "missile"].agrees
    assert not checks["intercepted", "missile"].agrees  # 4 against 5
    assert checks["launched", "total"].event_id.startswith("F")


def test_cli_reference_load_and_compare(tmp_path):
    db = tmp_path / "ledger.db"
    with open_store(db) as s:
        art = Article(id="a", text="Texte a.", published="2024-03-17")
        s.add(art, art.text, [Event.from_dict(_tally("a", 45, 40, []))])
        fuse(s)
    runner = CliRunner()
    empty = runner.invoke(cli, ["compare", "--db", str(db)])
    assert empty.exit_code == 2 and "reference load" in empty.output
    loaded = runner.invoke(cli, ["reference", "load", str(write_csv(tmp_path / "d.csv", AIRFORCE)),
                                 "--db", str(db)])
    assert loaded.exit_code == 3  # one row skipped, said with its line
    assert "d.csv:6" in loaded.output and "4 airforce rows" in loaded.output
    result = runner.invoke(cli, ["compare", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2024-03-17" in result.output and "all          2/2 agree (100.0%)" in result.output
    as_json = json.loads(runner.invoke(cli, ["compare", "--db", str(db), "--json"]).output)
    assert as_json["agreement"]["all"] == {"checked": 2, "agreed": 2, "rate": 1.0}
