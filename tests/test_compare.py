"""Air-force tallies against the Air Force's own daily figures (veille compare airforce).

The dataset rows here are written for the tests, in the columns of the public "Massive
Missile Attacks on Ukraine" file."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from veille.cli import cli
from veille.compare import (agreement, compare_airforce, dataset_class, is_airforce_tally,
                            load_airforce)

COLUMNS = ["time_start", "time_end", "model", "launched", "destroyed", "source"]
ROWS = [
    # the night that ends on 2024-03-17: 39 Shahed, 4 S-300, 2 reconnaissance drones
    ("2024-03-16 19:00", "2024-03-17 09:00", "Shahed-136/131", 39, 35, "kpszsu/posts/a"),
    ("2024-03-16 19:00", "2024-03-17 09:00", "C-300", 4, 0, "kpszsu/posts/a"),
    ("2024-03-16 19:00", "2024-03-17 09:00", "Orlan-10", 2, 2, "kpszsu/posts/a"),
    # a regional command's count of the same night is not the national tally
    ("2024-03-16 19:00", "2024-03-17 09:00", "Shahed-136/131", 12, 12, "PvKPivden/posts/b"),
]


@pytest.fixture
def dataset(tmp_path):
    path = tmp_path / "daily.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def tally(**fields):
    base = {"article_id": "a1", "type": "strike", "date": "2024-03-17",
            "location": {"place": None, "admin1": None, "country": "UA"},
            "claimed_by": {"name": "armée de l'air ukrainienne", "side": "UA"},
            "evidence_spans": [[0, 80]], "munitions": []}
    base.update(fields)
    return base


def test_compare_loads_national_rows_per_morning(dataset):
    nights = load_airforce(dataset)
    assert set(nights) == {"2024-03-17"}
    night = nights["2024-03-17"]
    assert night.launched == {"drone": 39, "missile": 4, "recon": 2}
    assert night.destroyed == {"drone": 35, "missile": 0, "recon": 2}


@pytest.mark.parametrize("model, cls", [
    ("Shahed-136/131", "drone"), ("Unknown UAV", "drone"), ("Orlan-10 and ZALA", "recon"),
    ("X-101/X-555", "missile"), ("Iskander-M", "missile"), ("C-300", "missile")])
def test_compare_dataset_class(model, cls):
    assert dataset_class(model) == cls


@pytest.mark.parametrize("event, expected", [
    (tally(), True),
    (tally(location={"place": "Kharkiv", "admin1": "Kharkiv Oblast", "country": "UA"}), False),
    (tally(claimed_by={"name": "Igor Terekhov", "side": "UA"}), False),
    (tally(claimed_by={"name": "ministère russe de la Défense", "side": "RU"}), False),
    (tally(type="threat"), False),
])
def test_compare_only_national_air_force_tallies(event, expected):
    assert is_airforce_tally(event) is expected


def test_compare_agrees_and_disagrees_per_figure_and_class(dataset):
    events = [tally(launched=43, intercepted=35,
                    munitions=[{"weapon": "Shahed", "launched": 39, "intercepted": 35},
                               {"weapon": "S-300", "launched": 4, "intercepted": 1}])]
    checks = {(c.figure, c.weapon_class): c for c in
              compare_airforce(events, load_airforce(dataset))}
    assert checks[("launched", "total")].agrees            # 39 + 4
    assert checks[("intercepted", "total")].agrees         # 35 + 0
    assert checks[("launched", "drone")].agrees
    assert checks[("launched", "missile")].agrees
    wrong = checks[("intercepted", "missile")]
    assert not wrong.agrees and (wrong.veille, wrong.dataset) == (1, 0)
    assert wrong.evidence == ((0, 80),)
    rates = agreement(checks.values())
    assert rates["launched"] == {"checked": 3, "agreed": 3, "rate": 1.0}
    assert rates["intercepted"]["agreed"] == 2


def test_compare_reconnaissance_drones_may_be_counted(dataset):
    check, = compare_airforce([tally(launched=45)], load_airforce(dataset))
    assert check.agrees and check.note == "with reconnaissance drones"


def test_compare_night_is_the_articles_publication_day(dataset):
    # the event says the evening's day; the article appeared the morning after
    event = tally(date="2024-03-16", launched=43)
    assert not compare_airforce([event], load_airforce(dataset))[0].agrees
    check, = compare_airforce([event], load_airforce(dataset), published={"a1": "2024-03-17"})
    assert check.agrees and check.night == "2024-03-17"


def test_compare_undated_tally_is_not_checked(dataset):
    assert compare_airforce([tally(date=None, launched=43)], load_airforce(dataset)) == []


def test_compare_cli(dataset, tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps(tally(launched=43, intercepted=30)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", "airforce", str(events), "--dataset", str(dataset)])
    assert result.exit_code == 0, result.output
    assert "intercepted" in result.output and "30" in result.output and "35" in result.output
    assert "1/2 agree" in result.output
    result = CliRunner().invoke(cli, ["compare", "airforce", str(events), "--dataset",
                                      str(dataset), "--json"])
    data = json.loads(result.output)
    assert data["agreement"]["all"] == {"checked": 2, "agreed": 1, "rate": 0.5}
