"""Exports for the analyst's tools: flat rows, ACLED columns and codes, PLOVER records,
GeoJSON, Parquet, and the command line that writes them. The records are built here by
hand (tests/fusion_records.py); no third-party row is copied."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fusion_records import record
from veille.cli import cli
from veille.fuse import fuse
from veille.interop import (ACLED_COLUMNS, CLAIM_COLUMNS, EVENT_COLUMNS, FUSED_COLUMNS,
                            ArticleMeta, acled_row, acled_sub_event, event_row, fused_row,
                            plover_record, write_records)
from veille.kb import load_kb
from veille.records import Article, Event
from veille.store import open_store


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def loc(rec, **changes):
    rec["location"] = {**(rec["location"] or {}), **changes}
    return rec


# --- flat rows ---------------------------------------------------------------------------

def test_event_row_is_flat_with_the_articles_metadata():
    rec = record("a", place="Odesa", side="RU", weapons=["Shahed", "Kalibr"], launched=12,
                 intercepted=10, killed=0, claimant="marine ukrainienne", claimant_side="UA",
                 hedged=True)
    row = event_row(rec, ArticleMeta("https://exemple.test/a", "Le Quotidien", "Titre",
                                     "2024-03-16"))
    assert list(row) == EVENT_COLUMNS
    assert (row["weapons"], row["launched"], row["killed"], row["injured"]) == \
        ("Shahed; Kalibr", 12, 0, None)  # 0 told, None not told
    assert row["hedged"] is True and row["date_precision"] == "day"
    assert (row["url"], row["outlet"], row["title"], row["published"]) == \
        ("https://exemple.test/a", "Le Quotidien", "Titre", "2024-03-16")
    assert (row["lat"], row["lon"], row["location_precision"]) == (46.48, 30.73, "place")


def test_a_country_level_place_gets_no_coordinates():
    rec = loc(record("a", country="UA", side="RU", launched=50), lat=49.0, lon=31.5)
    row = event_row(rec)
    assert row["location_precision"] == "country"
    assert (row["lat"], row["lon"]) == (None, None)


def test_fused_row_takes_the_earliest_report_and_counts_the_articles(tmp_path):
    with open_store(tmp_path / "l.db") as store:
        for ident, published, launched in (("b", "2024-03-17", 8), ("a", "2024-03-16", 7)):
            art = Article(id=ident, text=f"Texte {ident}.", published=published,
                          url=f"https://exemple.test/{ident}", source=f"Journal {ident}",
                          title=f"Titre {ident}")
            store.add(art, art.text, [Event.from_dict(record(ident, place="Odesa", side="RU",
                                                             launched=launched))])
        fuse(store)
        from veille.fuse.ledger import fused_events
        from veille.interop import article_meta

        event, = list(fused_events(store))
        row = fused_row(event.to_dict(), article_meta(store))
    assert list(row) == FUSED_COLUMNS
    assert (row["articles"], row["article_ids"], row["reports"]) == (2, "a; b", 2)
    assert (row["url"], row["outlet"], row["title"], row["published"]) == \
        ("https://exemple.test/a", "Journal a", "Titre a", "2024-03-16")


# --- ACLED -------------------------------------------------------------------------------

@pytest.mark.parametrize("type_, weapons, expected", [
    ("strike", ["Shahed"], "Air/drone strike"),
    ("strike", ["drone"], "Air/drone strike"),
    ("strike", ["aircraft"], "Air/drone strike"),
    ("strike", ["KAB"], "Air/drone strike"),  # a glide bomb: dropped from aircraft
    ("strike", ["Iskander"], "Shelling/artillery/missile attack"),
    ("strike", ["Shahed", "Kh-101"], "Shelling/artillery/missile attack"),
    ("strike", ["artillery"], "Shelling/artillery/missile attack"),
    ("strike", [], ""),  # we do not guess
    ("deployment", ["Patriot"], "Change to group/activity"),
    ("threat", ["nuclear weapon"], "Other"),
])
def test_acled_sub_event_types(kb, type_, weapons, expected):
    from veille.interop import weapon_kinds

    disorder, event_type, sub = acled_sub_event(type_, weapon_kinds(weapons, kb))
    assert sub == expected
    assert event_type == ("Explosions/Remote violence" if type_ == "strike"
                          else "Strategic developments")
    assert disorder == ("Political violence" if type_ == "strike" else "Strategic developments")


@pytest.mark.parametrize("date, event_date, precision", [
    ("2024-11-24", "24 November 2024", 1), ("2024-11", "1 November 2024", 3),
    ("2024", "1 January 2024", 3), (None, "", None)])
def test_acled_dates_and_time_precision(kb, date, event_date, precision):
    row = acled_row(event_row(record("a", place="Kyiv", date=date, side="RU")), "strike", kb,
                    {"UA": "Ukraine"})
    assert (row["event_date"], row["time_precision"]) == (event_date, precision)


def test_acled_row_codes_and_our_extra_columns(kb):
    rec = record("a", place="Kyiv", side="RU", actor="armée russe", weapons=["Kinzhal"],
                 launched=6, intercepted=6, injured=3)
    row = acled_row(event_row(rec, ArticleMeta(outlet="Le Quotidien")), "strike", kb,
                    {"UA": "Ukraine"})
    assert list(row) == ACLED_COLUMNS
    assert (row["country"], row["iso"], row["region"]) == ("Ukraine", 804, "Europe")
    assert (row["admin1"], row["location"], row["geo_precision"]) == ("Kyiv City", "Kyiv", 1)
    assert (row["latitude"], row["longitude"]) == (50.45, 30.52)
    assert row["actor1"] == "armée russe" and row["source"] == "Le Quotidien"
    assert row["fatalities"] is None  # not told: empty, never 0
    assert (row["launched"], row["intercepted"], row["injured"]) == (6, 6, 3)
    assert "6 launched" in row["notes"] and "Kyiv" in row["notes"]
    told = acled_row(event_row(record("a", place="Kyiv", side="RU", killed=0)), "strike", kb, {})
    assert told["fatalities"] == 0


def test_acled_country_level_has_no_point(kb):
    row = acled_row(event_row(loc(record("a", country="UA", side="RU"), lat=49.0, lon=31.5)),
                    "strike", kb, {"UA": "Ukraine"})
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (None, None, 3)


# --- PLOVER and GeoJSON ------------------------------------------------------------------

@pytest.mark.parametrize("type_, weapons, event, mode, context", [
    ("strike", ["Shahed"], "ASSAULT", "heavy-weapons", ["military"]),
    ("deployment", ["Patriot"], "MOBILIZE", "weapons", ["military"]),
    ("threat", ["nuclear weapon"], "THREATEN", "violence", ["military", "cbrn"]),
])
def test_plover_types_modes_contexts(type_, weapons, event, mode, context):
    rec = record("a", type=type_, place="Kyiv", side="RU", weapons=weapons)
    out = plover_record(event_row(rec), type_)
    assert (out["event"], out["mode"], out["context"]) == ([event], [mode], context)
    assert out["source"] == [{"code": "RUS", "sector": "MIL", "actor_text": "RU"}]
    assert out["event_loc"]["cc3"] == "UKR" and out["event_loc"]["precision"] == "place"


def test_plover_strike_recipient_is_the_side_that_held_the_place():
    rec = loc(record("a", place="Kyiv", side="UA", killed=2), country="UA", control="RU")
    out = plover_record(event_row(rec), "strike")
    assert out["recipient"] == [{"code": "RUS", "sector": None, "actor_text": "Russia"}]
    assert (out["dead"], out["injured"], out["date"]) == (2, None, "2024-03-15")


def test_geojson_points_only_where_a_place_or_region_is_named():
    recs = [record("a", place="Kyiv", side="RU"),
            loc(record("b", country="UA", side="RU"), lat=49.0, lon=31.5)]
    out = io.StringIO()
    assert write_records("event", recs, "geojson", out) == 2
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    first, second = doc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert second["geometry"] is None
    assert second["properties"]["location_precision"] == "country"


def test_parquet_keeps_column_names_and_types(tmp_path):
    import pyarrow.parquet as pq

    recs = [record("a", place="Kyiv", side="RU", launched=3, hedged=True),
            record("b", place="Odesa", side="RU")]
    path = tmp_path / "ev.parquet"
    assert write_records("event", recs, "parquet", str(path)) == 2
    table = pq.read_table(path)
    assert table.column_names == EVENT_COLUMNS
    assert str(table.schema.field("launched").type) == "int64"
    assert str(table.schema.field("hedged").type) == "bool"
    assert table.column("launched").to_pylist() == [3, None]
    assert table.column("hedged").to_pylist() == [True, False]


# --- the command line --------------------------------------------------------------------

@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        for ident, recs in (("a", [record("a", place="Kyiv", side="RU", weapons=["Shahed"],
                                          launched=12, intercepted=10, claimant="armée de l'air",
                                          claimant_side="UA")]),
                            ("b", [record("b", place="Kyiv", side="RU", weapons=["Shahed"],
                                          launched=12, intercepted=11)]),
                            ("c", [record("c", type="threat", side="RU", actor="Kremlin")])):
            art = Article(id=ident, text=f"Texte {ident}.", published="2024-03-16",
                          url=f"https://exemple.test/{ident}", source=f"Journal {ident}")
            store.add(art, art.text, [Event.from_dict(r) for r in recs])
        fuse(store)
    return path


@pytest.mark.parametrize("name, fmt", [("x.csv", "csv"), ("x.jsonl", "jsonl"),
                                       ("x.geojson", "geojson"), ("x.parquet", "parquet"),
                                       ("x.json", "json")])
def test_output_extension_sets_the_format(ledger, tmp_path, name, fmt):
    out = tmp_path / name
    result = run("events", "--db", ledger, "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "parquet":
        assert data[:4] == b"PAR1"
    elif fmt == "csv":
        assert data.decode().splitlines()[0].split(",") == EVENT_COLUMNS
    elif fmt == "geojson":
        assert json.loads(data)["type"] == "FeatureCollection"
    elif fmt == "json":
        assert len(json.loads(data)) == 3
    else:
        assert len(data.decode().splitlines()) == 3


def test_format_acled_to_a_csv_file_writes_acled_columns(ledger, tmp_path):
    out = tmp_path / "ledger.csv"
    assert run("export", "--db", ledger, "--fused", "--format", "acled", "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ACLED_COLUMNS
    strike = next(r for r in rows if r["veille_type"] == "strike")
    assert strike["sub_event_type"] == "Air/drone strike" and strike["reports"] == "2"
    assert strike["source"] == "Journal a"  # the earliest report's outlet


def test_export_claims_one_row_per_report_and_source(ledger, tmp_path):
    out = tmp_path / "claims.csv"
    assert run("export", "--db", ledger, "--claims", "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == CLAIM_COLUMNS
    strike = [r for r in rows if r["article_id"] in ("a", "b")]
    assert sorted((r["article_id"], r["intercepted"]) for r in strike) == [("a", "10"), ("b", "11")]
    assert {r["fused_id"] for r in strike} == {strike[0]["fused_id"]}


def test_unknown_extension_without_format_is_an_error(ledger, tmp_path):
    result = run("export", "--db", ledger, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "--format" in result.output


def test_parquet_to_a_terminal_is_an_error(ledger):
    # a real terminal on standard output (a pseudo-terminal), the command in a subprocess
    main, secondary = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "veille.cli", "events", "--db", str(ledger),
                           "--format", "parquet"], stdout=secondary, stderr=subprocess.PIPE,
                          text=True, timeout=120)
    os.close(secondary)
    os.close(main)
    assert proc.returncode == 2 and "binary" in proc.stderr
    piped = subprocess.run([sys.executable, "-m", "veille.cli", "events", "--db", str(ledger),
                            "--format", "parquet"], capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout[:4] == b"PAR1"


def test_timeline_csv_one_row_a_day(ledger, tmp_path):
    out = tmp_path / "nights.csv"
    assert run("timeline", "--db", ledger, "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    from veille.export import TIMELINE_COLUMNS

    assert list(rows[0]) == TIMELINE_COLUMNS
    day = next(r for r in rows if r["date"] == "2024-03-15")
    assert (day["strike"], day["threat"], day["reports"]) == ("1", "1", "3")
    assert day["launched"] == "12" and day["killed"] == ""  # not told: empty


@pytest.mark.parametrize("option, value, closest", [("--place", "Kyyiv", "Kyiv"),
                                                    ("--weapon", "Shahid", "Shahed")])
def test_an_unknown_place_or_weapon_is_an_error_with_the_closest_names(ledger, option, value,
                                                                        closest):
    result = run("events", "--db", ledger, option, value)
    assert result.exit_code == 2
    assert "closest" in result.output and closest in result.output


# --- Python: DataFrames and fused events -------------------------------------------------

def test_frames_have_the_flat_columns_and_nullable_types(ledger):
    import pandas as pd

    import veille

    events = veille.events_frame(ledger, type="strike")
    assert list(events.columns) == EVENT_COLUMNS and len(events) == 2
    assert events["launched"].dtype == pd.Int64Dtype()
    assert events["killed"].isna().all()  # not told: <NA>, not 0
    assert set(events["outlet"]) == {"Journal a", "Journal b"}
    fused = veille.fused_frame(ledger, min_reports=2)
    assert list(fused.columns) == FUSED_COLUMNS and len(fused) == 1
    assert fused.loc[0, "reports"] == 2 and fused.loc[0, "articles"] == 2
    claims = veille.claims_frame(ledger, place="Kyiv")
    assert list(claims.columns) == CLAIM_COLUMNS
    assert sorted(claims["intercepted"].tolist()) == [10, 11]
    with pytest.raises(ValueError, match="closest"):
        veille.events_frame(ledger, weapon="Shahid")


def test_fused_events_from_python(ledger):
    import veille

    strike, = list(veille.fused_events(ledger, type="strike"))
    assert strike.value("launched") == 12
    assert sorted(c.article_id for c in strike.claims) == ["a", "b"]
    assert {c.claimant for c in strike.claims} == {"armée de l'air", None}


def test_output_to_a_pipe_or_a_link_writes_through_it(ledger, tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert run("events", "--db", ledger, "-o", fifo, "--format", "csv").exit_code == 0
    reader.join(timeout=30)
    assert got and got[0].splitlines()[0].split(",") == EVENT_COLUMNS
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not replaced by a file
    real = tmp_path / "2024-03.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    assert run("events", "--db", ledger, "-o", link).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("article_id,")
