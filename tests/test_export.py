"""Writing events: JSON Lines round-trips, CSV has one row an event, the table one line."""
from __future__ import annotations

import csv
import dataclasses
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import events
from veille.export import CSV_COLUMNS, write
from veille.records import Actor, Event, Location, Span

EVIDENCE = ("Six missiles ATACMS ont été tirés sur Koursk.",
            "Cinq ont été interceptés, selon Moscou.")


def sample_event(**changes):
    return dataclasses.replace(Event(article_id="koursk", type="strike", date="2024-10-14",
                 location=Location(place="Kursk", admin1="Kursk Oblast", country="RU"),
                 actor=Actor(name="armée ukrainienne", side="UA"), weapons=("ATACMS",),
                 defenses=("S-400",), launched=6, intercepted=5, hit=1,
                 claimed_by=Actor(name="ministère russe de la Défense", side="RU"),
                 evidence=(Span(start=0, end=len(EVIDENCE[0]), text=EVIDENCE[0]),
                           Span(start=len(EVIDENCE[0]) + 1, end=len(" ".join(EVIDENCE)),
                                text=EVIDENCE[1]))), **changes)


@settings(max_examples=100, deadline=None)
@given(st.lists(events(), max_size=5))
def test_export_jsonl_round_trip(evs):
    out = io.StringIO()
    assert write(evs, out, "jsonl") == len(evs)
    # one line a record: split on "\n" only, as JSON Lines readers do (a text may hold
    # U+2028 or U+0085, which str.splitlines would also split on)
    lines = out.getvalue().split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(evs)
    for line, event in zip(lines, evs):
        assert Event.from_dict(json.loads(line)) == event


def test_export_jsonl_keeps_accents():
    out = io.StringIO()
    write([sample_event()], out, "jsonl")
    assert "ministère" in out.getvalue() and "\\u00e8" not in out.getvalue()


def test_export_csv():
    out = io.StringIO()
    assert write([sample_event(), sample_event(hedged=True, location=None, actor=None)], out,
                 "csv") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert (first["article_id"], first["type"], first["date"]) == ("koursk", "strike", "2024-10-14")
    assert (first["place"], first["admin1"], first["country"]) == ("Kursk", "Kursk Oblast", "RU")
    assert (first["actor"], first["actor_side"]) == ("armée ukrainienne", "UA")
    assert (first["weapons"], first["defenses"]) == ("ATACMS", "S-400")
    assert (first["launched"], first["intercepted"], first["hit"], first["killed"]) == \
        ("6", "5", "1", "")
    assert first["claimed_by_side"] == "RU" and first["hedged"] == "false"
    assert first["evidence"] == " | ".join(EVIDENCE)
    assert first["event_id"] == sample_event().event_id
    assert rows[1]["place"] == "" and rows[1]["actor"] == "" and rows[1]["hedged"] == "true"


def test_export_table():
    out = io.StringIO()
    assert write([sample_event(), sample_event(type="threat", date=None, hedged=True)], out,
                 "table") == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert lines[0].split()[:2] == ["date", "type"] and set(lines[1]) == {"-"}
    assert lines[2].startswith("2024-10-14  strike ")
    assert "Kursk, Kursk Oblast, RU" in lines[2] and "6/5/1" in lines[2]
    assert lines[2].rstrip().endswith("koursk")
    assert lines[3].startswith("-           threat?")  # no date, hedged
    assert "6/5/1" not in lines[3]  # counts only for strikes


def test_export_table_empty():
    out = io.StringIO()
    assert write([], out, "table") == 0
    assert len(out.getvalue().splitlines()) == 2
