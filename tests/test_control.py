"""Who held a place on a date (`location.control`), and what it says of an unnamed attacker.

The sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from veille.kb import load_kb
from veille.records import Article


@pytest.fixture(scope="module")
def kb():
    return load_kb(())


@pytest.mark.parametrize("place, admin1, country, date, side", [
    # annexed in 2014: Russian-held on any later day, and undated too (a hold since 2014)
    ("Sevastopol", "Sevastopol", "UA", "2023-09-22", "RU"),
    (None, "Crimea", "UA", "2024-05", "RU"),
    (None, "Crimea", "UA", None, "RU"),
    # taken, then retaken: the date decides; a month across the change decides nothing
    ("Kherson", "Kherson Oblast", "UA", "2022-07-14", "RU"),
    ("Kherson", "Kherson Oblast", "UA", "2023-07-14", "UA"),
    ("Kherson", "Kherson Oblast", "UA", "2022-11", None),
    ("Kherson", "Kherson Oblast", "UA", None, None),
    # a region the front line splits: a city of no row is unknown, a listed one is known
    ("Vasylivka", "Zaporizhzhia Oblast", "UA", "2024-03-01", None),
    (None, "Zaporizhzhia Oblast", "UA", "2024-03-01", None),
    ("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", "2024-03-01", "UA"),
    # elsewhere, the country itself
    ("Lviv", "Lviv Oblast", "UA", "2024-03-01", "UA"),
    ("Belgorod", "Belgorod Oblast", "RU", "2024-03-01", "RU"),
    ("Sudzha", "Kursk Oblast", "RU", "2024-10-02", "UA"),
    ("Haifa", "Haifa District", "IL", "2024-10-02", "IL"),
])
def test_control_of_a_place_on_a_day(kb, place, admin1, country, date, side):
    assert kb.control_of(place, admin1, country, date) == side


def test_control_user_rows_are_layered_over_the_shipped_table(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("control:\n  - {place: Vasylivka, country: UA, side: RU, from: 2022-03-01, "
                     "to: null}\n", encoding="utf-8")
    kb = load_kb((str(extra),))
    assert kb.control_of("Vasylivka", "Zaporizhzhia Oblast", "UA", "2024-03-01") == "RU"
    assert kb.control_of("Vasylivka", "Zaporizhzhia Oblast", "UA", "2021-03-01") == "UA"


@pytest.mark.model
def test_control_a_strike_on_crimea_is_by_the_other_side_of_its_holder(extractor):
    text = ("Des explosions ont été entendues mardi à Sébastopol après une attaque de drones "
            "contre le port, selon le gouverneur installé par Moscou.")
    event, = [e for e in extractor.extract(Article(id="t", text=text, published="2024-04-16")).events
              if e.type == "strike"]
    assert event.location.country == "UA" and event.location.control == "RU"
    assert event.actor is not None and event.actor.side == "UA"
    assert event.to_dict()["location"]["precision"] == "place"


@pytest.mark.model
def test_control_unknown_in_a_split_region_leaves_the_attacker_open(extractor):
    text = "Des drones ont frappé mardi un dépôt dans la région de Zaporijjia, sans faire de victimes."
    event, = [e for e in extractor.extract(Article(id="t", text=text, published="2024-04-16")).events
              if e.type == "strike"]
    assert event.location.control is None and event.actor is None


def test_control_every_row_names_a_known_place_a_side_and_days_in_order(kb):
    names = {(p.name, p.country) for p in kb.places.values()}
    regions = {(p.admin1 or p.name, p.country) for p in kb.places.values() if p.kind == "region"}
    assert kb.control_rows, "control.yaml is shipped"
    for row in kb.control_rows:
        assert (row.get("place"), row["country"]) in names or \
            (row.get("admin1"), row["country"]) in regions, row
        assert row["side"] in ("RU", "UA") and row["country"] in ("RU", "UA"), row
        assert row.get("to") is None or str(row["from"]) <= str(row["to"]), row
    assert kb.split_regions <= {r for r, _ in regions}
