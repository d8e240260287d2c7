"""The command line: help with examples, `extract` outputs and exit codes, `events` filters.

`extract` runs build their Extractor around the session's spaCy pipeline (the
`shared_extractor` fixture), so the model loads once for the whole suite.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from samples import (ENGLISH_ARTICLE, KB_DATA, LOCATION_FIELDS, LOCATION_OPTIONAL, SPEC_FIELDS,
                     STRIKE_ARTICLES, STRIKE_DATES)
from veille.cli import cli
from veille.clean import clean_text
from veille.export import CSV_COLUMNS
from veille.records import Actor, Article, Event, Location, Span
from veille.store import open_store

EVENT_TYPES = {"strike", "deployment", "threat"}


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def jsonl(text):
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def cleaned(stem):
    """The cleaned text of one of the sample articles (header line removed)."""
    return clean_text(STRIKE_ARTICLES[stem].split("\n", 1)[1])


def check_event_lines(records):
    for r in records:
        assert SPEC_FIELDS <= set(r)  # extra fields are allowed by the spec
        assert r["type"] in EVENT_TYPES
        assert r["location"] is None or \
            LOCATION_FIELDS <= set(r["location"]) <= LOCATION_FIELDS | LOCATION_OPTIONAL
        assert isinstance(r["weapons"], list) and isinstance(r["hedged"], bool)
        assert r["evidence"], "an event always says where it was read"
        for sentence in r["evidence"]:
            assert sentence in cleaned(r["article_id"])  # verbatim from the cleaned text


def strike_dates(records):
    return {(r["article_id"], r["date"]) for r in records if r["type"] == "strike"}


# --- help -------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["extract"], ["events"], ["eval"], ["fuse"], ["claims"],
                                     ["timeline"], ["eval-fusion"]])
def test_cli_help_has_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "Usage:" in result.output


# --- extract ----------------------------------------------------------------------------------

@pytest.mark.model
def test_cli_extract_writes_jsonl_and_store(shared_extractor, strike_dir, tmp_path):
    out, db = tmp_path / "events.jsonl", tmp_path / "ledger.db"
    result = run("extract", strike_dir, "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # with -o, nothing on stdout unless --format is given
    assert "read 3 articles" in result.stderr and "3 new in" in result.stderr
    records = jsonl(out.read_text(encoding="utf-8"))
    check_event_lines(records)
    # each article reports one strike on an explicit day
    assert set(STRIKE_DATES.items()) <= strike_dates(records)
    with open_store(db) as store:
        assert store.counts() == {"articles": 3, "events": len(records)}
        stored = {e.event_id: e.to_dict() for e in store.events()}
    assert stored == {r["event_id"]: r for r in records}
    # extracting the same articles again adds no article and keeps one copy of each event
    result = run("extract", strike_dir, "-o", out, "--db", db)
    assert result.exit_code == 0 and "0 new in" in result.stderr
    with open_store(db) as store:
        assert store.counts() == {"articles": 3, "events": len(records)}


@pytest.mark.model
def test_cli_extract_prints_table_by_default(shared_extractor, strike_dir, tmp_path):
    result = run("extract", strike_dir, "--db", tmp_path / "ledger.db")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["date", "type"]
    rows = lines[2:]
    assert len(rows) >= 3
    for stem, day in STRIKE_DATES.items():
        assert any(row.startswith(f"{day}  strike") and row.rstrip().endswith(stem)
                   for row in rows), stem


@pytest.mark.model
def test_cli_extract_no_db(shared_extractor, strike_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("extract", strike_dir, "--no-db", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.rglob("*.db")) and not list(tmp_path.rglob("*.db-*"))
    assert "new in" not in result.stderr
    records = jsonl(result.stdout)
    check_event_lines(records)
    assert set(STRIKE_DATES.items()) <= strike_dates(records)


@pytest.mark.model
def test_cli_extract_csv(shared_extractor, strike_dir):
    result = run("extract", strike_dir, "--no-db", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == CSV_COLUMNS
    assert {r["article_id"] for r in rows} == set(STRIKE_ARTICLES)
    assert set(STRIKE_DATES.items()) <= {(r["article_id"], r["date"]) for r in rows
                                          if r["type"] == "strike"}


@pytest.mark.model
def test_cli_extract_stdin(shared_extractor):
    result = run("extract", "-", "--no-db", "--format", "jsonl", input=STRIKE_ARTICLES["poltava"])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert ("stdin", "2024-09-03") in strike_dates(records)


@pytest.mark.model
def test_cli_extract_bad_input_exit_3(shared_extractor, strike_dir, tmp_path):
    bad = strike_dir / "vide.txt"
    bad.write_text("\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = run("extract", strike_dir, "-o", out, "--no-db")
    assert result.exit_code == 3
    named = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert named == [f"{bad}: skipped: file is empty [E002]"]
    assert "read 3 articles" in result.stderr and "1 skipped" in result.stderr
    # the other articles' events are still written
    records = jsonl(out.read_text(encoding="utf-8"))
    assert set(STRIKE_DATES.items()) <= strike_dates(records)


@pytest.mark.model
def test_cli_extract_missing_path_exit_3(shared_extractor, strike_dir, tmp_path):
    missing = tmp_path / "absent.jsonl"
    result = run("extract", strike_dir, missing, "--no-db", "--format", "jsonl")
    assert result.exit_code == 3
    assert f"{missing}: skipped: no such file or directory [E001]" in result.stderr
    assert {r["article_id"] for r in jsonl(result.stdout)} == set(STRIKE_ARTICLES)


@pytest.mark.model
def test_cli_extract_non_french_skipped_unless_forced(shared_extractor, strike_dir):
    english = strike_dir / "english.txt"
    english.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    result = run("extract", strike_dir, "--no-db", "--format", "jsonl")
    assert result.exit_code == 3
    notes = [line for line in result.stderr.splitlines() if "english" in line]
    assert len(notes) == 1
    assert "[E009]" in notes[0] and "'en'" in notes[0]
    assert "english" not in {r["article_id"] for r in jsonl(result.stdout)}
    forced = run("extract", strike_dir, "--no-db", "--format", "jsonl", "--lang", "fr")
    assert forced.exit_code == 0, forced.output
    assert "E009" not in forced.stderr
    assert "read 4 articles" in forced.stderr


@pytest.mark.model
def test_cli_extract_then_events(shared_extractor, strike_dir, tmp_path):
    """`veille events` gives back what `veille extract` stored."""
    out, db = tmp_path / "events.jsonl", tmp_path / "ledger.db"
    assert run("extract", strike_dir, "-o", out, "--db", db).exit_code == 0
    extracted = jsonl(out.read_text(encoding="utf-8"))
    result = run("events", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    assert sorted(jsonl(result.stdout), key=lambda r: r["event_id"]) == \
        sorted(extracted, key=lambda r: r["event_id"])
    result = run("events", "--db", db, "--type", "strike", "--since", "2024-11-01",
                 "--format", "jsonl")
    assert {r["article_id"] for r in jsonl(result.stdout)} == {"soumy"}


# --- usage errors: exit 2 ---------------------------------------------------------------------

def test_cli_unknown_option_exit_2(tmp_path):
    result = run("extract", tmp_path, "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


@pytest.mark.parametrize("args", [
    ["extract"],                                  # no path
    ["extract", ".", "--format", "xml"],
    ["extract", ".", "--max-chars", "10"],
    ["extract", ".", "--lang", "en"],
    ["events", "--type", "raid"],
    ["eval", "absent-gold.jsonl", "absent-pred.jsonl"],
])
def test_cli_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


@pytest.mark.parametrize("value", ["2024-13", "2024-11-31", "hier", "26/11", "novembre"])
def test_cli_events_bad_since_exit_2(ledger, value):
    for option in ("--since", "--until"):
        result = run("events", "--db", ledger, option, value)
        assert result.exit_code == 2
        # click's usage block, then one readable line naming the option; no traceback
        last = result.stderr.strip().splitlines()[-1]
        assert last == f"Error: {option} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        assert "Traceback" not in result.stderr


def test_cli_events_without_store_exit_2(tmp_path):
    result = run("events", "--db", tmp_path / "absent.db")
    assert result.exit_code == 2
    assert "no store at" in result.stderr
    assert not (tmp_path / "absent.db").exists()


# --- events: filters, on a store written by the test -------------------------------------------

def _event(article_id, start, *, type="strike", date, place=None, admin1=None, country=None,
           weapons=(), defenses=(), side=None):
    text = f"Phrase {start} de l'article {article_id}."
    loc = Location(place=place, admin1=admin1, country=country) if country else None
    return Event(article_id=article_id, type=type, date=date, location=loc, weapons=weapons,
                 defenses=defenses, actor=Actor(name=None, side=side) if side else None,
                 evidence=(Span(start=start, end=start + len(text), text=text),))


LEDGER = {
    "koursk-aerodrome": _event("a", 0, date="2024-10-14", place="Kursk", admin1="Kursk Oblast",
                               country="RU", weapons=("ATACMS",), defenses=("S-400",), side="UA"),
    "koursk-region": _event("a", 50, date="2024-11", admin1="Kursk Oblast", country="RU",
                            weapons=("drone",), side="UA"),
    "kyiv-kinzhal": _event("b", 0, date="2024-11-25", place="Kyiv", admin1="Kyiv City",
                           country="UA", weapons=("Kinzhal", "Kalibr"), defenses=("Patriot",),
                           side="RU"),
    "belgorod-threat": _event("b", 50, type="threat", date="2024-11-26", side="RU"),
    "moscow-pantsir": _event("c", 0, type="deployment", date="2024-09-02", place="Moscow",
                             admin1="Moscow", country="RU", weapons=("Pantsir",)),
}


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        for article_id in ("a", "b", "c"):
            text = f"Article {article_id} : des frappes de missiles et de drones."
            store.add(Article(id=article_id, text=text), text,
                      [e for e in LEDGER.values() if e.article_id == article_id])
    return path


def query(ledger, *args):
    result = run("events", "--db", ledger, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    names = {e.event_id: name for name, e in LEDGER.items()}
    found = [names[r["event_id"]] for r in jsonl(result.stdout)]
    n = len(found)
    assert result.stderr.strip() == f"{n} event{'s' * (n != 1)}"
    return set(found)


@pytest.mark.parametrize("args, expected", [
    ([], set(LEDGER)),
    (["--type", "strike"], {"koursk-aerodrome", "koursk-region", "kyiv-kinzhal"}),
    (["--type", "deployment"], {"moscow-pantsir"}),
    (["--since", "2024-11-20"], {"koursk-region", "kyiv-kinzhal", "belgorod-threat"}),
    (["--since", "2024-11-01", "--until", "2024-11-25"], {"koursk-region", "kyiv-kinzhal"}),
    (["--until", "2024-10"], {"koursk-aerodrome", "moscow-pantsir"}),
    (["--since", "2024-11-26", "--type", "strike"], {"koursk-region"}),
    (["--country", "RU"], {"koursk-aerodrome", "koursk-region", "moscow-pantsir"}),
    (["--country", "ua"], {"kyiv-kinzhal"}),
    (["--weapon", "ATACMS"], {"koursk-aerodrome"}),
    (["--weapon", "Patriot"], {"kyiv-kinzhal"}),
    (["--place", "Moscow"], {"moscow-pantsir"}),
])
def test_cli_events_filters(ledger, args, expected):
    assert query(ledger, *args) == expected


def test_cli_events_weapon_spelling_resolved(ledger):
    # "Kinjal" is the French spelling of Kinzhal
    assert query(ledger, "--weapon", "Kinjal") == {"kyiv-kinzhal"}
    assert query(ledger, "--weapon", "kinzhal") == {"kyiv-kinzhal"}


@pytest.mark.skipif(not (KB_DATA / "places.yaml").is_file(),
                    reason="no places.yaml in src/veille/kb/data: French place names cannot "
                           "be resolved yet")
def test_cli_events_place_spelling_resolved(ledger):
    # "Koursk" is the French spelling of Kursk (the city): the city's events, not the region's
    assert query(ledger, "--place", "Koursk") == {"koursk-aerodrome"}
    assert query(ledger, "--place", "Kiev") == {"kyiv-kinzhal"}
    # the region in French gives every event in it
    assert query(ledger, "--place", "région de Koursk") == {"koursk-aerodrome", "koursk-region"}
    assert query(ledger, "--place", "Koursk", "--since", "2024-11") == set()


def test_cli_events_limit_and_table(ledger):
    assert len(query(ledger, "--limit", "2")) == 2
    result = run("events", "--db", ledger)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["date", "type"] and len(lines) == 2 + len(LEDGER)
    # oldest first
    assert lines[2].startswith("2024-09-02  deployment")
