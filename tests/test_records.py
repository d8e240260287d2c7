"""Records: the event line has exactly the spec's fields, and every record round-trips."""
from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings

from samples import EXTRA_FIELDS, LOCATION_FIELDS, SPEC_FIELDS
from strategies import events
from veille.records import (Actor, Article, Event, Location, Munition, Notice, Span,
                            content_hash)

EVIDENCE = "Huit drones ont été abattus au-dessus de Koursk dans la nuit."


def full_event(**changes):
    event = Event(
        article_id="dep-1", type="strike", date="2024-11-25",
        location=Location(place="Kursk", admin1="Kursk Oblast", country="RU", lat=51.73, lon=36.19),
        actor=Actor(name="forces de Kiev", side="UA"), weapons=("drone",), defenses=("Pantsir",),
        launched=8, intercepted=8, hit=0, killed=None, injured=None,
        munitions=(Munition(weapon="drone", launched=8, intercepted=8, hit=0),),
        claimed_by=Actor(name="ministère russe de la Défense", side="RU"), hedged=False,
        evidence=(Span(start=120, end=120 + len(EVIDENCE), text=EVIDENCE),),
        provenance=(("date", "publication date"),
                    ("launched", Span(start=120, end=130, text=EVIDENCE[:10]))))
    return dataclasses.replace(event, **changes)


def test_records_event_to_dict_fields():
    d = full_event().to_dict()
    assert set(d) == SPEC_FIELDS | EXTRA_FIELDS
    assert set(d["location"]) == LOCATION_FIELDS | {"precision"}  # no control told: none written
    assert d["location"]["precision"] == "place"
    assert set(d["actor"]) == {"name", "side"} and set(d["claimed_by"]) == {"name", "side"}
    assert d["munitions"] == [{"weapon": "drone", "launched": 8, "intercepted": 8, "hit": 0}]
    assert d["evidence"] == [EVIDENCE]
    assert d["evidence_spans"] == [[120, 120 + len(EVIDENCE)]]
    assert d["weapons"] == ["drone"] and d["defenses"] == ["Pantsir"]
    assert d["hedged"] is False
    assert d["provenance"] == {"date": {"rule": "publication date"},
                               "launched": {"start": 120, "end": 130, "text": EVIDENCE[:10]}}
    json.dumps(d)  # plain JSON, nothing else


def test_records_event_to_dict_empty_fields():
    d = Event(article_id="a", type="threat").to_dict()
    assert set(d) == SPEC_FIELDS | EXTRA_FIELDS
    assert d["location"] is None and d["actor"] is None and d["claimed_by"] is None
    assert d["weapons"] == [] and d["defenses"] == [] and d["munitions"] == []
    assert d["evidence"] == [] and d["hedged"] is False
    assert all(d[k] is None for k in ("date", "launched", "intercepted", "hit", "killed",
                                      "injured"))


def test_records_event_id_is_content_hash():
    a, b = full_event(), full_event(killed=3)  # the id names the event, not its figures
    assert a.event_id == b.event_id
    assert len(a.event_id) == 16 and int(a.event_id, 16) >= 0
    assert full_event(article_id="dep-2").event_id != a.event_id
    assert full_event(type="threat").event_id != a.event_id
    assert full_event(date="2024-11-24").event_id != a.event_id
    moved = (Span(start=0, end=len(EVIDENCE), text=EVIDENCE),)
    assert full_event(evidence=moved).event_id != a.event_id


def test_records_content_hash():
    assert content_hash("Des drones.") == content_hash("Des drones.")
    assert content_hash("Des drones.") != content_hash("Des drones !")
    assert len(content_hash("")) == 16


def test_records_event_from_spec_line_without_extras():
    """A gold or foreign line (spec fields only) reads into an Event."""
    d = full_event().to_dict()
    for key in EXTRA_FIELDS:
        del d[key]
    e = Event.from_dict(d)
    assert e.evidence[0].text == EVIDENCE and e.evidence[0].start == -1
    assert e.location.place == "Kursk" and e.claimed_by.side == "RU"
    assert {k: v for k, v in e.to_dict().items() if k in SPEC_FIELDS} == d


def test_records_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        full_event().date = "2024"  # type: ignore[misc]


@settings(max_examples=200, deadline=None)
@given(events())
def test_records_event_round_trip(event):
    d = event.to_dict()
    assert set(d) == SPEC_FIELDS | EXTRA_FIELDS
    again = Event.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert again == event
    assert again.to_dict() == d


def test_records_article_round_trip():
    art = Article(id="x1", text="Un missile a frappé Dnipro.", published="2024-11",
                  url="https://exemple.fr/x1", source="Exemple", lang="fr", title="Dnipro")
    assert Article.from_dict(art.to_dict()) == art
    assert Article(id="x2", text="t").to_dict() == {"id": "x2", "text": "t", "published": None}
    assert art.hash == content_hash(art.text)


def test_records_notice_str():
    skipped = Notice(origin="flux.jsonl:3", reason="file is empty", code="E002")
    warned = Notice(origin="f.txt", reason="odd date", code="W001", skipped=False)
    assert str(skipped) == "flux.jsonl:3: skipped: file is empty [E002]"
    assert str(warned) == "f.txt: warning: odd date [W001]"
