"""Scoring fusion: B-cubed by hand-worked examples, gold alternatives resolved."""
from __future__ import annotations

import pytest

from veille.fuse.evaluate import _pick_date, bcubed, bcubed_mean


def test_fuse_evaluate_bcubed_by_hand():
    # gold {a, b} {c}; predicted {a} {b, c}: every item's precision and recall worked out
    # a: P 1/1, R 1/2; b: P 1/2, R 1/2; c: P 1/2, R 1/1 -> P = R = 2/3
    result = bcubed({"a": "1", "b": "1", "c": "2"}, {"a": "X", "b": "Y", "c": "Y"})
    assert result["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_fuse_evaluate_bcubed_extremes():
    gold = {"a": "1", "b": "1", "c": "1"}
    assert bcubed(gold, {"a": "X", "b": "X", "c": "X"})["f1"] == 1.0
    # nothing predicted: every item alone, perfect precision, recall 1/3
    alone = bcubed(gold, {})
    assert alone["precision"] == 1.0 and alone["recall"] == pytest.approx(1 / 3, abs=1e-4)
    # everything in one cluster against singletons: recall 1, precision 1/3
    lumped = bcubed({"a": "1", "b": "2", "c": "3"}, {"a": "X", "b": "X", "c": "X"})
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx(1 / 3, abs=1e-4)


def test_fuse_evaluate_bcubed_labels_are_names_only():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed(gold, {"a": "p", "b": "p", "c": "q"}) == \
        bcubed({"a": "z", "b": "z", "c": "y"}, {"a": "q", "b": "q", "c": "p"})


@pytest.mark.parametrize("value, expected", [
    ({"any": ["2024-05-13", "2024-05-14"]}, "2024-05-14"),  # a night: the morning
    ({"any": ["2024-05-14", "2024-05-13"]}, "2024-05-14"),  # whatever the order
    ({"any": ["2024-05", "2024-05-14", None]}, "2024-05-14"),  # the most precise
    ({"any": [None]}, None),
    ("2024-05-14", "2024-05-14"),
])
def test_fuse_evaluate_gold_date_alternatives(value, expected):
    assert _pick_date(value) == expected


def test_fuse_evaluate_mean_weighs_sets_equally():
    sets = [{"gold_input": {"precision": 1.0, "recall": 0.5, "f1": 0.6667}},
            {"gold_input": {"precision": 0.5, "recall": 1.0, "f1": 0.6667}}]
    assert bcubed_mean(sets)["gold_input"] == {"precision": 0.75, "recall": 0.75, "f1": 0.6667}


def test_fuse_evaluate_claimant_per_figure_share():
    from veille.fuse.evaluate import claimant_figures

    gold = {"intercepted": 30, "killed": {"any": [2, 3]}, "launched": None,
            "figure_claimants": {"intercepted": {"name": "MoD", "side": "RU"},
                                 "killed": {"name": "gouverneur", "side": "UA"}}}
    # a record with one claimant for both figures: one of two right
    flat = {"intercepted": 30, "killed": 2, "claimed_by": {"name": "MoD", "side": "RU"}}
    assert claimant_figures([(gold, flat)]) == {"figures": 2, "right": 1, "share": 0.5}
    # the same figures kept with their own sources: both right
    kept = dict(flat, claims=[{"claimed_by": {"name": "MoD", "side": "RU"}, "intercepted": 30},
                              {"claimed_by": {"name": "gouverneur", "side": "UA"}, "killed": 2}])
    assert claimant_figures([(gold, kept)]) == {"figures": 2, "right": 2, "share": 1.0}
    # a figure the prediction does not give is not counted; no credited figure: no share
    assert claimant_figures([(gold, {"intercepted": 30})])["figures"] == 1
    assert claimant_figures([({"killed": 2}, flat)])["share"] is None
