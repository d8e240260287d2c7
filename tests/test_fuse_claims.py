"""The claims ledger: one row per report, a consensus per field with its rule, and flags."""
from __future__ import annotations

import pytest

from fusion_records import member, record
from samples import EXAMPLES
from veille.fuse.claims import fuse_members
from veille.records import FusedEvent

MOD = dict(claimant="ministère russe de la Défense", claimant_side="RU")
AIR_FORCE = dict(claimant="armée de l'air ukrainienne", claimant_side="UA")


def fused(*specs):
    """specs: (article, published, source, record kwargs)."""
    members = [member(record(a, place="Odesa", **kw), published=pub, source=src)
               for a, pub, src, kw in specs]
    return fuse_members("strike:2024-03", members)


def test_fuse_claims_one_row_per_report_with_source_and_claimant():
    event = fused(("a", "2024-03-15", "AFP", dict(launched=8, intercepted=7, **AIR_FORCE)),
                  ("b", "2024-03-16", "TASS", dict(launched=8, intercepted=8, **MOD)))
    assert [c.article_id for c in event.claims] == ["a", "b"]  # by publication
    a, b = event.claims
    assert (a.outlet, a.claimant_side, a.count("intercepted")) == ("AFP", "UA", 7)
    assert (b.outlet, b.claimant, b.published) == ("TASS", MOD["claimant"], "2024-03-16")
    assert a.evidence and a.evidence_spans


def test_fuse_claims_consensus_unanimous():
    event = fused(("a", "2024-03-15", "AFP", dict(launched=8)),
                  ("b", "2024-03-15", "Reuters", dict(launched=8)))
    cons = dict(event.consensus)["launched"]
    assert cons.value == 8 and cons.support == 2 and cons.rule.startswith("unanimous")


def test_fuse_claims_consensus_counts_voices_not_copies():
    # three outlets relay the ministry (one voice); two independent voices say 10
    event = fused(("a", "2024-03-15", "TASS", dict(launched=12, **MOD)),
                  ("b", "2024-03-15", "RIA", dict(launched=12, **MOD)),
                  ("c", "2024-03-15", "Izvestia", dict(launched=12, **MOD)),
                  ("d", "2024-03-15", "AFP", dict(launched=10, **AIR_FORCE)),
                  ("e", "2024-03-15", "Kyiv Independent",
                   dict(launched=10, claimant="Oleh Kiper", claimant_side="UA")))
    cons = dict(event.consensus)["launched"]
    assert cons.value == 10
    assert "2 of 3" in cons.rule


def test_fuse_claims_count_tie_prefers_the_defender():
    # one voice each side: the side whose air defence counted (the attacked country) wins
    event = fused(("a", "2024-03-15", "TASS", dict(intercepted=8, **MOD)),
                  ("b", "2024-03-15", "AFP", dict(intercepted=6, **AIR_FORCE)))
    cons = dict(event.consensus)["intercepted"]
    assert cons.value == 6 and "defender" in cons.rule


def test_fuse_claims_toll_tie_takes_the_latest_report():
    event = fused(("a", "2024-03-15", "AFP", dict(killed=3)),
                  ("b", "2024-03-17", "Reuters", dict(killed=5)))
    cons = dict(event.consensus)["killed"]
    assert cons.value == 5 and "revised upward" in cons.rule


def test_fuse_claims_toll_lowered_later_goes_to_more_reports():
    # a later report with a lower toll is no revision: the figure more reports give stands
    event = fused(("a", "2024-03-15", "AFP", dict(injured=12, claimant="Oleh Kiper",
                                                  claimant_side="UA")),
                  ("b", "2024-03-15", "Reuters", dict(injured=12, claimant="Oleh Kiper",
                                                      claimant_side="UA")),
                  ("c", "2024-03-16", "Le Monde", dict(injured=2, claimant="Kiev",
                                                       claimant_side="UA")))
    cons = dict(event.consensus)["injured"]
    assert cons.value == 12 and "more reports" in cons.rule


@pytest.mark.parametrize("claims, flag", [
    # two sides, figures apart by more than 10% and more than 2
    ([("a", "UA", 7), ("b", "RU", 12)], True),
    ([("a", "UA", 40), ("b", "RU", 50)], True),
    # within the tolerance: no conflict (40 against 43, 7 against 8)
    ([("a", "UA", 40), ("b", "RU", 43)], False),
    ([("a", "UA", 7), ("b", "RU", 8)], False),
    # two sides, the same figure
    ([("a", "UA", 8), ("b", "RU", 8)], False),
    # one side, two figures: a revision, not a conflict between sides
    ([("a", "UA", 7), ("b", "UA", 8)], False),
    # a media figure (no side) against one side
    ([("a", None, 7), ("b", "RU", 8)], False),
])
def test_fuse_claims_conflict_flag(claims, flag):
    specs = [(a, "2024-03-15", f"outlet {a}",
              dict(intercepted=v, claimant=f"porte-parole {s}" if s else "média", claimant_side=s))
             for a, s, v in claims]
    event = fused(*specs)
    assert ("conflict" in event.flags) is flag
    if flag:
        assert event.flag_details["conflict"][0]["field"] == "intercepted"


@pytest.mark.parametrize("launched, intercepted, hit, flag", [
    (8, 7, 1, False),
    (8, 7, 2, True),  # 9 > 8
    (8, 9, None, True),
    (None, 9, 3, False),  # nothing to check against
    (8, None, None, False),
])
def test_fuse_claims_inconsistent_flag(launched, intercepted, hit, flag):
    event = fused(("a", "2024-03-15", "AFP",
                   dict(launched=launched, intercepted=intercepted, hit=hit)),
                  ("b", "2024-03-15", "Reuters", dict()))
    assert ("inconsistent" in event.flags) is flag


def test_fuse_claims_single_source_flag():
    one = fused(("a", "2024-03-15", "AFP", dict()), ("b", "2024-03-16", "AFP", dict()))
    two = fused(("a", "2024-03-15", "AFP", dict()), ("b", "2024-03-16", "Reuters", dict()))
    assert "single_source" in one.flags
    assert "single_source" not in two.flags


def test_fuse_claims_weapons_union_keeps_generic_only_without_named():
    event = fused(("a", "2024-03-15", "AFP", dict(weapons=["drone"])),
                  ("b", "2024-03-15", "Reuters", dict(weapons=["Shahed", "Kalibr"])))
    assert event.value("weapons") == ["Kalibr", "Shahed"]
    only_generic = fused(("a", "2024-03-15", "AFP", dict(weapons=["drone"])),
                         ("b", "2024-03-15", "Reuters", dict(weapons=["missile"])))
    assert only_generic.value("weapons") == ["drone", "missile"]


def test_fuse_claims_location_and_date_take_the_finest_majority():
    members = [member(record("a", place="Odesa"), source="AFP"),
               member(record("b", admin1="Odesa Oblast", country="UA", date="2024-03"),
                      source="Reuters"),
               member(record("c", place="Odesa"), source="TASS")]
    event = fuse_members("strike:2024-03", members)
    assert event.date == "2024-03-15"
    assert event.value("location")["place"] == "Odesa"
    assert dict(event.consensus)["location"].support == 2


def test_fuse_claims_hedged_only_when_every_report_is():
    assert not fused(("a", "2024-03-15", "AFP", dict(hedged=True)),
                     ("b", "2024-03-15", "Reuters", dict())).value("hedged")
    assert fused(("a", "2024-03-15", "AFP", dict(hedged=True)),
                 ("b", "2024-03-15", "Reuters", dict(hedged=True))).value("hedged")


def test_fuse_claims_record_round_trip():
    event = fused(("a", "2024-03-15", "AFP", dict(launched=8, intercepted=3, **AIR_FORCE)),
                  ("b", "2024-03-16", "TASS", dict(launched=8, intercepted=9, **MOD)))
    data = event.to_dict()
    again = FusedEvent.from_dict(data)
    assert again.to_dict() == data
    for field in ("type", "date", "location", "actor", "weapons", "launched", "intercepted",
                  "hit", "killed", "injured", "claimed_by", "hedged", "evidence"):
        assert field in data  # the spec's fields, as consensus values
    assert data["flags"] == ["conflict", "inconsistent"]


def test_fuse_claims_fused_id_is_stable_under_member_order():
    specs = [("a", "2024-03-15", "AFP", dict()), ("b", "2024-03-16", "TASS", dict())]
    assert fused(*specs).fused_id == fused(*reversed(specs)).fused_id


def _coherent(values: dict) -> bool:
    launched = values.get("launched")
    if launched is None:
        return True
    intercepted, hit = values.get("intercepted") or 0, values.get("hit") or 0
    return intercepted <= launched and hit <= launched and intercepted + hit <= launched


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "fusion").iterdir()
                                        if (p / "articles.jsonl").is_file()))
def test_fuse_claims_no_consensus_breaks_arithmetic_silently(extractor, name):
    """Rule 3 over every fusion set, extracted and fused end to end: a consensus whose
    launched, intercepted and hit cannot be one attack's is flagged, never silent."""
    from veille.fuse.cluster import FuseOptions
    from veille.fuse.evaluate import _fuse_in_memory, load_set
    from veille.records import Article

    articles, _ = load_set(EXAMPLES / "fusion" / name)
    triples = [(f"{a['id']}:{n}", e.to_dict(), a) for a in articles
               for n, e in enumerate(extractor.extract(Article.from_dict(a)).events)]
    for event in _fuse_in_memory(triples, FuseOptions()):
        values = {r: event.value(r) for r in ("launched", "intercepted", "hit")}
        assert _coherent(values) or (
            "inconsistent" in event.flags and
            any("consensus" in d for d in event.flag_details["inconsistent"])), (name, values)


def test_fuse_claims_consensus_takes_one_sources_coherent_set():
    # a city's figure (2 launched, 2 hit) and a regional tally (19 intercepted, no launched)
    event = fused(("a", "2024-03-15", "AFP", dict(launched=2, hit=2, **AIR_FORCE)),
                  ("b", "2024-03-15", "Ukrinform", dict(launched=2, hit=2, **AIR_FORCE)),
                  ("c", "2024-03-15", "TASS", dict(launched=20, intercepted=19, **MOD)))
    values = {r: event.value(r) for r in ("launched", "intercepted", "hit")}
    assert _coherent(values)
    assert values in ({"launched": 2, "intercepted": None, "hit": 2},
                      {"launched": 20, "intercepted": 19, "hit": None})
    rules = dict((k, v.rule) for k, v in event.consensus)
    assert "coherent set" in rules["launched"]


def test_fuse_claims_an_article_with_two_sources_gives_two_claims():
    rec = record("a", place="Odesa", intercepted=30, **MOD)
    assert len(fuse_members("strike:2024-03", [member(rec)]).claims) == 1
    # the same record, with the article's claims list: Kyiv's figures beside Moscow's
    rec["claims"] = [
        {"claimed_by": {"name": MOD["claimant"], "side": "RU"}, "intercepted": 30,
         "evidence_spans": rec["evidence_spans"]},
        {"claimed_by": {"name": AIR_FORCE["claimant"], "side": "UA"}, "launched": 20,
         "intercepted": 8, "evidence_spans": rec["evidence_spans"]}]
    two = fuse_members("strike:2024-03", [member(rec)])
    sides = {c.claimant_side: c for c in two.claims}
    assert set(sides) == {"RU", "UA"} and sides["UA"].count("launched") == 20
    assert sides["UA"].evidence == tuple(rec["evidence"])
    assert two.reports == 1 and "conflict" in two.flags
