"""Clustering reports into real-world events: what joins, what stays apart, and that the
result depends on the set of reports, never on their order."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fusion_records import SITES, member, record
from veille.fuse import FuseOptions, block_of, fuse_records
from veille.fuse.cluster import item_from_record

KINDS = {"drone": "drone", "Shahed": "drone", "Geran": "drone", "missile": "missile",
         "Kalibr": "missile", "Iskander": "missile", "ballistic missile": "missile",
         "S-400": "air defence", "Pantsir": "air defence"}


def clusters(records, opts=FuseOptions()):
    """The clusters as a set of frozensets of (article, n)."""
    by_block = {}
    for r in records:
        by_block.setdefault(block_of(r["type"], r["date"]), []).append(member(r))
    out = set()
    for block, members in by_block.items():
        for fused in fuse_records(block, members, opts, KINDS, is_site=SITES.__contains__):
            out.add(frozenset(k.split(":", 1)[1] for k in fused.members))
    return out


def together(records, opts=FuseOptions()) -> bool:
    return len(clusters(records, opts)) == 1


@pytest.mark.parametrize("a, b, same", [
    # same day, same city, two outlets
    (dict(place="Odesa"), dict(place="Odesa"), True),
    # a suburb 20 km away is the same target area
    (dict(place="Odesa"), dict(place="Chornomorsk"), True),
    # another town of the same region, far away
    (dict(place="Odesa"), dict(place="Izmail"), False),
    # the next night on the same city is another strike
    (dict(place="Odesa"), dict(place="Odesa", date="2024-03-16"), False),
    # another region the same night
    (dict(place="Odesa"), dict(place="Mykolaiv"), False),
    # who attacked contradicts
    (dict(place="Belgorod", side="UA"), dict(place="Belgorod", side="RU"), False),
    # one names the attacker, the other does not
    (dict(place="Belgorod", side="UA"), dict(place="Belgorod"), True),
    # drones and missiles are not one attack ...
    (dict(place="Odesa", weapons=["drone"]), dict(place="Odesa", weapons=["Kalibr"]), False),
    # ... but a generic drone and a Shahed are
    (dict(place="Odesa", weapons=["drone"]), dict(place="Odesa", weapons=["Shahed"]), True),
    # a mixed attack matches either part
    (dict(place="Odesa", weapons=["Shahed", "Iskander"]), dict(place="Odesa", weapons=["missile"]), True),
    # a month-precise report joins the only strike on that city that month
    (dict(place="Odesa"), dict(place="Odesa", date="2024-03"), True),
    # a region-only report joins the only strike in that region that day
    (dict(place="Odesa"), dict(admin1="Odesa Oblast", country="UA"), True),
    # a region-only report of another region does not
    (dict(place="Odesa"), dict(admin1="Mykolaiv Oblast", country="UA"), False),
    # a month-precise report from another month never joins
    (dict(place="Odesa"), dict(place="Odesa", date="2024-04"), False),
])
def test_fuse_cluster_pairs(a, b, same):
    assert together([record("a", **a), record("b", **b)]) is same


def test_fuse_cluster_one_article_split_across_site_and_town_joins():
    # an article that gave the base and its town as two records of one night
    recs = [record("a", 0, place="Odesa"), record("a", 1, place="Chornomorsk"),
            record("b", 0, place="Odesa")]
    assert len(clusters(recs)) == 1


def test_fuse_cluster_coarse_record_never_joins_its_own_article():
    # the extractor kept them apart: the region-only record is another happening
    recs = [record("a", 0, place="Odesa"), record("a", 1, admin1="Odesa Oblast", country="UA"),
            record("b", 0, place="Odesa")]
    found = clusters(recs)
    assert frozenset({"a-1"}) in found and frozenset({"a-0", "b-0"}) in found


def test_fuse_cluster_coarse_levels_join_each_other():
    # no anchor at all: a region-level day report and a month report of that region
    recs = [record("a", admin1="Odesa Oblast", country="UA"),
            record("b", admin1="Odesa Oblast", country="UA", date="2024-03"),
            record("c", admin1="Odesa Oblast", country="UA")]
    assert len(clusters(recs)) == 1


def test_fuse_cluster_ambiguous_month_report_stays_apart():
    # two strikes on Odesa in March: a report saying only "in March" fits both equally
    recs = [record("a", place="Odesa", date="2024-03-02"),
            record("b", place="Odesa", date="2024-03-20"),
            record("c", place="Odesa", date="2024-03")]
    assert frozenset({"c-0"}) in clusters(recs)


def test_fuse_cluster_ambiguous_month_report_goes_where_counts_agree():
    recs = [record("a", place="Odesa", date="2024-03-02", launched=12),
            record("b", place="Odesa", date="2024-03-20", launched=5),
            record("c", place="Odesa", date="2024-03", launched=5)]
    assert frozenset({"b-0", "c-0"}) in clusters(recs)


def test_fuse_cluster_complete_linkage_stops_chains():
    # P0-P1 and P1-P2 are 15 km apart, P0-P2 30 km: a chain must not glue the far ends
    found = clusters([record("a", place="P0"), record("b", place="P1"), record("c", place="P2")])
    assert len(found) == 2
    assert frozenset({"a-0", "c-0"}) not in found


def test_fuse_cluster_day_tolerance_option():
    recs = [record("a", place="Odesa", date="2024-03-15"),
            record("b", place="Odesa", date="2024-03-16")]
    assert not together(recs)
    assert together(recs, FuseOptions(day_tolerance=1))


def test_fuse_cluster_radius_option():
    recs = [record("a", place="Kyiv"), record("b", place="Brovary")]  # ~20 km
    assert together(recs)
    assert not together(recs, FuseOptions(radius_km=10))


@pytest.mark.parametrize("a, b, same", [
    (dict(actor="Vladimir Poutine"), dict(actor="Poutine"), True),
    (dict(actor="Vladimir Poutine"), dict(actor="Dmitri Medvedev"), False),
    (dict(actor="Vladimir Poutine"), dict(actor="Vladimir Poutine", date="2024-03-16"), False),
    (dict(actor="Vladimir Poutine", weapons=["nuclear weapon"]), dict(actor="Poutine"), True),
])
def test_fuse_cluster_threats_by_speaker(a, b, same):
    recs = [record("a", type="threat", side="RU", **a), record("b", type="threat", side="RU", **b)]
    assert together(recs) is same


def test_fuse_cluster_deployments_need_a_shared_system():
    recs = [record("a", type="deployment", place="Kyiv", weapons=["S-400"]),
            record("b", type="deployment", place="Kyiv", weapons=["Pantsir"])]
    assert not together(recs)
    recs[1]["weapons"] = ["Pantsir", "S-400"]
    assert together(recs)


def test_fuse_cluster_types_never_mix():
    recs = [record("a", place="Odesa"), record("b", type="deployment", place="Odesa")]
    assert len(clusters(recs)) == 2


def test_fuse_cluster_item_keeps_named_weapons_and_kinds():
    it = item_from_record("k", "a", record("a", place="Odesa", weapons=["drone", "Shahed"]), KINDS)
    assert it.weapons == {"Shahed"}
    assert it.kinds == {"drone"}
    assert it.is_anchor
    assert not item_from_record("k", "a", record("a", admin1="Odesa Oblast", country="UA"),
                                KINDS).is_anchor


# --- order independence ------------------------------------------------------------------------

def _scene(seed: int) -> list[dict]:
    """A busy month: several strikes on nearby days and places, with coarse reports."""
    rng = random.Random(seed)
    places = ["Odesa", "Chornomorsk", "Izmail", "Mykolaiv", "Kyiv", "Brovary"]
    recs = []
    for n in range(24):
        kind = rng.random()
        day = f"2024-03-{rng.randint(10, 13):02d}"
        kw = dict(side=rng.choice(["RU", None]), weapons=rng.choice([[], ["drone"], ["Kalibr"]]),
                  launched=rng.choice([None, 5, 8]))
        if kind < 0.6:
            kw.update(place=rng.choice(places), date=day)
        elif kind < 0.8:
            kw.update(admin1=rng.choice(["Odesa Oblast", "Kyiv City"]), country="UA", date=day)
        else:
            kw.update(place=rng.choice(places), date="2024-03")
        recs.append(record(f"art{n:02d}", **kw))
    return recs


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
def test_fuse_cluster_order_independent(seed, order):
    recs = _scene(seed)
    shuffled = recs[:]
    order.shuffle(shuffled)
    assert clusters(shuffled) == clusters(recs)


def test_fuse_cluster_partitions_every_record():
    recs = _scene(7)
    found = clusters(recs)
    keys = [k for c in found for k in c]
    assert sorted(keys) == sorted(f"{r['article_id']}-0" for r in recs)


def test_fuse_cluster_placeless_report_joins_the_dominant_story():
    # the night's big strike is told by three articles, a small one by one: a report with
    # no place that fits both goes with the big story; with two equal stories it stays out
    big = [record(a, place="Odesa", side="RU") for a in ("a", "b", "c")]
    small = [record("d", place="Mykolaiv", side="RU")]
    placeless = record("e", side="RU")
    assert frozenset({"a-0", "b-0", "c-0", "e-0"}) in clusters(big + small + [placeless])
    even = big[:1] + small + [placeless]
    assert frozenset({"e-0"}) in clusters(even)


def test_fuse_cluster_a_side_speaks_for_any_official():
    """'Moscou promet une réponse' joins the one Russian threat of the day told by a named
    official; with two officials that day it stays apart."""
    from veille.fuse import person_test
    from veille.kb import load_kb

    is_person = person_test(load_kb())
    assert is_person("Sergueï Choïgou") and not is_person("Moscou")
    assert not is_person("Conseil de sécurité russe")

    def found(recs):
        members = [member(r) for r in recs]
        return {frozenset(k.split(":", 1)[1] for k in f.members)
                for f in fuse_records("threat:2024-05", members, FuseOptions(), KINDS, is_person)}

    shoigu = [record(a, type="threat", date="2024-05-30", actor="Sergueï Choïgou", side="RU")
              for a in ("a", "b")]
    moscow = record("c", type="threat", date="2024-05-30", actor="Moscou", side="RU")
    assert found(shoigu + [moscow]) == {frozenset({"a-0", "b-0", "c-0"})}
    peskov = record("d", type="threat", date="2024-05-30", actor="Dmitri Peskov", side="RU")
    assert frozenset({"c-0"}) in found(shoigu[:1] + [peskov, moscow])


def test_fuse_cluster_wide_radius_is_searched():
    # Odesa and Mykolaiv are about 110 km apart: one target area only with a wide radius
    recs = [record("a", place="Odesa"), record("b", place="Mykolaiv")]
    assert not together(recs)
    assert together(recs, FuseOptions(radius_km=150))


def test_fuse_cluster_same_place_with_and_without_coordinates():
    a, b = record("a", place="Odesa"), record("b", place="Odesa")
    b["location"]["lat"] = b["location"]["lon"] = None
    assert together([a, b])


def test_fuse_cluster_coarse_reports_joining_together_must_agree():
    # two region-only reports fit the Odesa anchor, but not each other (who attacked)
    recs = [record("a", place="Odesa"), record("b", admin1="Odesa Oblast", country="UA", side="RU"),
            record("c", admin1="Odesa Oblast", country="UA", side="UA")]
    for group in clusters(recs):
        sides = {r["actor"]["side"] for r in recs if r["actor"] and
                 f"{r['article_id']}-0" in group}
        assert len(sides) <= 1


@pytest.mark.parametrize("a, b, same", [
    # two undated reports of one city are not one night on the place alone
    (dict(place="Odesa"), dict(place="Odesa"), False),
    (dict(place="Odesa", launched=12), dict(place="Odesa", launched=9), False),
    # the same figure from the same source is
    (dict(place="Odesa", launched=12, claimant="Oleh Kiper", claimant_side="UA"),
     dict(place="Odesa", launched=12, claimant="Oleh Kiper", claimant_side="UA"), True),
    # the same figure from different sources is not enough
    (dict(place="Odesa", launched=12, claimant="Oleh Kiper", claimant_side="UA"),
     dict(place="Odesa", launched=12, claimant="TASS", claimant_side="RU"), False),
    # the same named site and the same named weapon is ...
    (dict(place="Engels air base", weapons=["Storm Shadow"]),
     dict(place="Engels air base", weapons=["Storm Shadow"]), True),
    # ... not the same town and weapon: a city is struck by Iskanders on many nights
    (dict(place="Odesa", weapons=["Iskander"]), dict(place="Odesa", weapons=["Iskander"]), False),
    # one small figure from one source is any night ("deux drones abattus" over a city) ...
    (dict(place="Odesa", intercepted=2, claimant="Oleh Kiper", claimant_side="UA"),
     dict(place="Odesa", intercepted=2, claimant="Oleh Kiper", claimant_side="UA"), False),
    # ... two figures that agree are not
    (dict(place="Odesa", intercepted=2, killed=1, claimant="Oleh Kiper", claimant_side="UA"),
     dict(place="Odesa", intercepted=2, killed=1, claimant="Oleh Kiper", claimant_side="UA"), True),
    # figures of one source that disagree are two nights
    (dict(place="Odesa", launched=12, killed=3, claimant="Oleh Kiper", claimant_side="UA"),
     dict(place="Odesa", launched=12, killed=1, claimant="Oleh Kiper", claimant_side="UA"), False),
])
def test_fuse_cluster_undated_reports_join_only_on_strong_evidence(a, b, same):
    records = [record("a", date=None, **a), record("b", date=None, **b)]
    assert together(records) is same


def test_fuse_cluster_undated_events_are_flagged():
    fused = fuse_records("strike:undated", [member(record("a", date=None, place="Odesa"))],
                         FuseOptions(), KINDS)
    assert fused[0].flags == ("single_source", "undated")
    assert "undated" in fused[0].flag_details


def _items(records):
    return [item_from_record(f"h-{r['article_id']}:{r['event_id']}", f"h-{r['article_id']}", r,
                             KINDS, is_site=SITES.__contains__) for r in records]


def _homes(undated, dated):
    from veille.fuse.cluster import undated_homes

    cands = [(block_of(it.type, it.date), it) for it in _items(dated)]
    return undated_homes(_items(undated), cands)


KIPER = dict(claimant="Oleh Kiper", claimant_side="UA")


@pytest.mark.parametrize("undated, dated, home", [
    # the same figures from the same source, one month holds them
    (dict(place="Odesa", launched=14, **KIPER),
     [dict(place="Odesa", launched=14, date="2024-03-15", **KIPER),
      dict(place="Odesa", launched=9, date="2024-05-02", **KIPER)], "strike:2024-03"),
    # the same named site and weapon
    (dict(place="Engels air base", weapons=["Storm Shadow"]),
     [dict(place="Engels air base", weapons=["Storm Shadow", "drone"], date="2024-03-15")],
     "strike:2024-03"),
    # the same city and weapon: any night
    (dict(place="Odesa", weapons=["Iskander"]), [dict(place="Odesa", weapons=["Iskander"])], None),
    # strong matches in two months: which night is not known
    (dict(place="Engels air base", weapons=["Storm Shadow"]),
     [dict(place="Engels air base", weapons=["Storm Shadow"], date="2024-03-15"),
      dict(place="Engels air base", weapons=["Storm Shadow"], date="2024-06-01")], None),
    # the same figures, but another attacker: another happening
    (dict(place="Belgorod", launched=14, side="UA", **KIPER),
     [dict(place="Belgorod", launched=14, side="RU", **KIPER)], None),
    # the same figure from another source
    (dict(place="Odesa", launched=14, claimant="TASS", claimant_side="RU"),
     [dict(place="Odesa", launched=14, **KIPER)], None),
])
def test_fuse_cluster_an_undated_report_finds_its_month(undated, dated, home):
    u = record("u", date=None, **undated)
    ds = [record(f"d{n}", **{"date": "2024-03-15", **d}) for n, d in enumerate(dated)]
    homes = _homes([u], ds)
    assert homes.get(f"h-u:{u['event_id']}") == home
    # the candidates' order says nothing
    assert _homes([u], ds[::-1]) == homes


def test_fuse_cluster_an_undated_report_joins_the_event_it_strongly_matches():
    dated = [record("a", place="Odesa", launched=14, killed=2, **KIPER),
             record("b", place="Odesa", launched=15),
             record("c", place="Odesa", date="2024-03-20", launched=6, **KIPER)]
    undated = record("u", date=None, place="Odesa", launched=14, **KIPER)
    fused = fuse_records("strike:2024-03", [member(r) for r in dated + [undated]],
                         FuseOptions(), KINDS)
    joined, = [f for f in fused if "h-u:u-0" in f.members]
    assert set(joined.members) == {"h-a:a-0", "h-b:b-0", "h-u:u-0"}
    assert joined.date == "2024-03-15" and "undated" in joined.flags
    assert joined.flag_details["undated"]["reports"] == ["h-u:u-0"]
    # the dated events it did not join carry no such flag
    assert all("undated" not in f.flags for f in fused if f is not joined)


def test_fuse_cluster_an_undated_report_without_strong_evidence_stays_out_of_a_month():
    dated = [record("a", place="Odesa", launched=14, **KIPER)]
    undated = record("u", date=None, place="Odesa", launched=9, **KIPER)
    fused = fuse_records("strike:2024-03", [member(r) for r in dated + [undated]],
                         FuseOptions(), KINDS)
    assert len(fused) == 2


def test_fuse_cluster_a_nights_national_tally_lists_the_local_strikes_as_parts():
    records = [record("a", place="Odesa", side="RU", killed=2),
               record("b", place="Kyiv", side="RU", injured=3),
               record("c", country="UA", side="RU", launched=60, intercepted=51)]
    fused = fuse_records(block_of("strike", "2024-03-15"), [member(r) for r in records],
                         FuseOptions(), KINDS)
    tally, = [f for f in fused if f.value("launched") == 60]
    local = [f for f in fused if f is not tally]
    assert len(local) == 2 and all(f.part_of == tally.fused_id for f in local)
    assert set(tally.parts) == {f.fused_id for f in local} and tally.part_of is None
    assert tally.to_dict()["parts"] == sorted(f.fused_id for f in local)


def test_fuse_cluster_no_part_of_across_days_or_countries():
    records = [record("a", place="Odesa", side="RU", killed=2, date="2024-03-14"),
               record("b", place="Belgorod", side="UA", injured=3),
               record("c", country="UA", side="RU", launched=60, intercepted=51)]
    fused = fuse_records(block_of("strike", "2024-03-15"), [member(r) for r in records],
                         FuseOptions(), KINDS)
    assert all(f.part_of is None and not f.parts for f in fused)


def test_fuse_cluster_a_country_tally_never_fuses_with_the_nights_only_city_strike():
    # an air force's national count and the one city struck that night, told by other
    # articles: two scopes, linked, not merged
    records = [record("a", country="UA", side="RU", launched=60, intercepted=51,
                      claimant="armée de l'air ukrainienne", claimant_side="UA"),
               record("b", place="Odesa", side="RU", killed=2, claimant="Oleh Kiper",
                      claimant_side="UA"),
               record("c", place="Odesa", side="RU", launched=12)]
    fused = fuse_records(block_of("strike", "2024-03-15"), [member(r) for r in records],
                         FuseOptions(), KINDS)
    assert len(fused) == 2
    tally, = [f for f in fused if f.value("launched") == 60]
    city, = [f for f in fused if f is not tally]
    assert set(city.members) == {"h-b:b-0", "h-c:c-0"} and city.part_of == tally.fused_id
    # a report with no place and no count is no tally: it still joins the city's strike
    vague = record("d", country="UA", side="RU")
    assert together([records[1], vague])
