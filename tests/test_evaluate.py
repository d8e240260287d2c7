"""veille's scorer gives the reference scorer's figures (../shared/eval/score.py), to the
digit, on gold files and perturbed predictions."""
from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from samples import EXAMPLES
from veille.cli import cli
from veille.evaluate import format_report, score

SEEDS = range(8)
PLACES = [("Kursk", "Kursk Oblast", "RU"), ("Odesa", "Odesa Oblast", "UA"),
          ("Lviv", "Lviv Oblast", "UA"), ("Bryansk", "Bryansk Oblast", "RU")]


@pytest.fixture(scope="module")
def reference():
    from samples import SHARED

    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py not found: it lives beside the repo")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def concrete(value, rng):
    """A value a predictor could output for a gold value: one pick from each "any"."""
    if isinstance(value, dict) and "any" in value:
        return concrete(rng.choice(value["any"]), rng)
    if isinstance(value, dict):
        return {k: concrete(v, rng) for k, v in value.items()}
    if isinstance(value, list):
        return [concrete(v, rng) for v in value]
    return value


def perturb(gold, seed):
    """Predictions built from the gold: events dropped, figures, dates, places, sides, types
    and weapons changed, spurious events and an unknown article added."""
    rng = random.Random(seed)
    preds = []
    for g in gold:
        if rng.random() < 0.2:
            continue  # missed
        p = concrete({k: v for k, v in g.items() if k not in ("optional", "weapons_ok")}, rng)
        roll = rng.random
        if roll() < 0.3:
            field = rng.choice(["launched", "intercepted", "hit", "killed", "injured"])
            p[field] = rng.choice([None, 0, 1, 3, (p.get(field) or 0) + 1, p.get(field)])
        if roll() < 0.3 and p.get("date"):
            p["date"] = rng.choice([p["date"][:7], p["date"][:4], "2021-06-15",
                                    p["date"][:-1] + ("1" if p["date"][-1] != "1" else "2")])
        elif roll() < 0.1:
            p["date"] = rng.choice([None, "2024-11-26"])
        if roll() < 0.3:
            place, admin1, country = rng.choice(PLACES)
            p["location"] = rng.choice([
                {"place": place, "admin1": admin1, "country": country, "lat": None, "lon": None},
                {"place": None, "admin1": admin1, "country": country},
                {"place": "KOURSK", "admin1": None, "country": None},
                None])
        if roll() < 0.2:
            p["actor"] = rng.choice([None, {"name": "x", "side": rng.choice(["RU", "UA", None])}])
        if roll() < 0.2:
            p["claimed_by"] = rng.choice([None, {"name": "y", "side": rng.choice(["RU", "UA"])}])
        if roll() < 0.2:
            p["weapons"] = rng.choice([[], ["Shahed-136"], ["drones"], ["Pantsir-S1", "Kalibr"]])
        if roll() < 0.2:
            p["defenses"] = rng.choice([[], ["S-400"], ["Patriot", "IRIS-T"]])
        if roll() < 0.15:
            p["hedged"] = not p.get("hedged", False)
        if roll() < 0.1:
            p["type"] = rng.choice(["strike", "deployment", "threat"])
        preds.append(p)
        if roll() < 0.15:  # a spurious twin
            twin = copy.deepcopy(p)
            twin["launched"] = 99
            preds.append(twin)
    if preds:
        stranger = copy.deepcopy(preds[0])
        stranger["article_id"] = "not-in-gold"
        preds.append(stranger)
    rng.shuffle(preds)
    return preds


def assert_same_scores(reference, gold, preds):
    ours = score(gold, preds, details=True)
    theirs = reference.score(gold, preds, details=True)
    assert ours == theirs
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


def test_evaluate_examples_identity(reference):
    gold = load(EXAMPLES / "gold.jsonl")
    preds = concrete([{k: v for k, v in g.items() if k not in ("optional", "weapons_ok")}
                      for g in gold], random.Random(0))
    assert_same_scores(reference, gold, preds)
    assert_same_scores(reference, gold, [])


@pytest.mark.parametrize("seed", SEEDS)
def test_evaluate_examples_perturbed(reference, seed):
    gold = load(EXAMPLES / "gold.jsonl")
    preds = perturb(gold, seed)
    assert_same_scores(reference, gold, preds)
    result = score(gold, preds)
    assert result["events"]["tp"] > 0  # the perturbations leave something to match


@pytest.mark.parametrize("seed", SEEDS)
def test_evaluate_dev_perturbed(reference, dev_dir, seed):
    gold = load(dev_dir / "gold.jsonl")
    assert_same_scores(reference, gold, perturb(gold, seed))


def test_evaluate_perfect_prediction_scores_one():
    gold = [{"article_id": "a", "type": "strike", "date": "2024-11-25",
             "location": {"place": "Kursk", "admin1": "Kursk Oblast", "country": "RU"},
             "actor": {"name": "forces de Kiev", "side": "UA"}, "weapons": ["ATACMS"],
             "defenses": ["S-400"], "launched": 6, "intercepted": 5, "hit": 1}]
    result = score(gold, gold)
    assert result["events"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert result["slots"]["f1"] == 1.0
    worse = [dict(gold[0], launched=7)]
    assert score(gold, worse)["fields"]["launched"] == {"p": 0.0, "r": 0.0, "f1": 0.0,
                                                        "tp": 0, "fp": 1, "fn": 1}


# --- the CLI prints the reference report ---------------------------------------------------

def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def run_reference(score_py, *args):
    done = subprocess.run([sys.executable, str(score_py), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", check=True)
    return done.stdout


@pytest.mark.parametrize("seed", [1, 5])
def test_evaluate_cli_report_matches_reference(tmp_path, score_py, seed):
    gold_path = EXAMPLES / "gold.jsonl"
    pred_path = write_jsonl(tmp_path / "pred.jsonl", perturb(load(gold_path), seed))
    result = CliRunner().invoke(cli, ["eval", str(gold_path), str(pred_path)])
    assert result.exit_code == 0, result.output
    expected = run_reference(score_py, gold_path, pred_path)
    assert result.stdout == expected
    assert "slot F1" in expected and "events" in expected


def test_evaluate_cli_json_matches_reference(tmp_path, score_py, dev_dir):
    gold_path = dev_dir / "gold.jsonl"
    pred_path = write_jsonl(tmp_path / "pred.jsonl", perturb(load(gold_path), 3))
    result = CliRunner().invoke(cli, ["eval", "--json", str(gold_path), str(pred_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(run_reference(score_py, gold_path, pred_path,
                                                                 "--json"))


def test_evaluate_format_report_lines():
    result = score([{"article_id": "a", "type": "threat", "date": "2024-11-26"}],
                   [{"article_id": "a", "type": "threat", "date": "2024-11-26"}])
    lines = format_report(result).splitlines()
    assert lines[-1] == "slot F1 1.000  event F1 1.000"
    assert lines[-2].startswith("events       P 1.000  R 1.000  F1 1.000  (tp 1 fp 0 fn 0)")


def test_evaluate_cli_bad_pred_file(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"article_id": "a", "type": "strike"}])
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"article_id": "a", "type": "strike"}\n{"article_id": \n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), str(pred)])
    assert result.exit_code == 2
    assert f"{pred}:2" in result.stderr
    pred.write_text('{"type": "strike"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), str(pred)])
    assert result.exit_code == 2 and f"{pred}:1" in result.stderr
