"""The quality gate: the extractor is scored on gold sets and the floors are pinned here.

Lowering a floor is a visible change to this file. Three gold sets:
- ../shared/dev: the five seed articles (beside the repo; skipped where absent);
- examples/: the bundled sample, written and annotated for the project;
- examples/fusion/: four multi-article sets with gold clusters, for fusion (B-cubed).
"""
from __future__ import annotations

import json

import pytest

from samples import EXAMPLES, REPO
from veille.evaluate import score
from veille.extract import Result
from veille.ingest import read_articles

pytestmark = pytest.mark.model

FIELD_SCRIPT = REPO / "scripts" / "field.py"

# event F1 and slot F1 floors (figures measured when pinned: dev 0.976 / 0.975,
# sample 0.979 / 0.935; field set of 372 real articles: tune 0.912 / 0.876, check 0.817 /
# 0.759; before, tune 0.909 / 0.871 and check 0.813 / 0.753, tune 0.906 / 0.864 and check 0.809 / 0.749, tune 0.903 / 0.860 and check
# 0.800 / 0.739, tune 0.902 / 0.856 and check
# 0.792 / 0.733, and on 312 articles, tune 0.890 / 0.841 and check 0.782 / 0.712)
FLOORS = {
    "dev": {"events": 0.93, "slots": 0.92},
    "sample": {"events": 0.94, "slots": 0.89},
    "field-tune": {"events": 0.905, "slots": 0.865},
    "field-check": {"events": 0.810, "slots": 0.750},
}


def _predict(extractor, path) -> list[dict]:
    out = []
    for item in extractor.extract_many(read_articles([path])):
        if isinstance(item, Result):
            out.extend(e.to_dict() for e in item.events)
    return out


def _gold(path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _check(result: dict, floors: dict) -> None:
    events, slots = result["events"]["f1"], result["slots"]["f1"]
    assert events >= floors["events"], f"event F1 {events:.3f} fell under {floors['events']}"
    assert slots >= floors["slots"], f"slot F1 {slots:.3f} fell under {floors['slots']}"


def test_quality_gate_dev_set(extractor, dev_dir):
    result = score(_gold(dev_dir / "gold.jsonl"), _predict(extractor, dev_dir / "articles.jsonl"))
    _check(result, FLOORS["dev"])


def test_quality_gate_bundled_sample(extractor):
    result = score(_gold(EXAMPLES / "gold.jsonl"), _predict(extractor, EXAMPLES / "articles"))
    _check(result, FLOORS["sample"])


@pytest.mark.parametrize("split", ["tune", "check"])
def test_quality_gate_field_set(extractor, split):
    """The real articles of field/ (texts re-collected by hand, never committed)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("field_script", FIELD_SCRIPT)
    field = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(field)
    built = field.assemble(quiet=True)
    if not built[split]["articles"]:
        pytest.skip("the field set's texts are not here (field/README.md says how to "
                    "re-collect them)")
    missing = len([p for p in field.load_pointers() if p["split"] == split]) - \
        len(built[split]["articles"])
    if missing:
        pytest.skip(f"{missing} texts of the {split} split are missing or stale")
    result = score(built[split]["gold"],
                   _predict(extractor, field.BUILD / split / "articles.jsonl"))
    _check(result, FLOORS[f"field-{split}"])


def test_quality_gate_evidence_is_verbatim(extractor):
    """Every evidence sentence is a substring of the cleaned text, at its offsets."""
    for item in extractor.extract_many(read_articles([EXAMPLES / "articles"])):
        assert isinstance(item, Result)
        for event in item.events:
            assert event.evidence, event
            for span in event.evidence:
                assert item.cleaned[span.start:span.end] == span.text
            for field, value in event.provenance:
                if not isinstance(value, str):  # a span, not a rule
                    assert item.cleaned[value.start:value.end] == value.text, field
                    assert any(s.start <= value.start and value.end <= s.end
                               for s in event.evidence), field


# B-cubed F1 floors of fusion, mean over the eight sets of examples/fusion (figures measured
# when pinned: gold input 0.989, end to end 0.893). odesa, engels, kharkiv and crimea were
# looked at while building; zaporizhzhia, bryansk, dnipro and belgorod were written apart
# and only ever scored (held out: gold input 0.983, end to end 0.852).
FUSION_FLOORS = {"gold_input": 0.95, "end_to_end": 0.86}
# issue 9: the share of extracted figures credited to the right side (gold figure_claimants;
# 0.759 at the session that added it, 0.824 when first pinned, 0.887 when raised)
CLAIMANT_FLOOR = 0.86
FUSION_SETS = ("odesa", "engels", "kharkiv", "crimea", "zaporizhzhia", "bryansk", "dnipro",
               "belgorod")


def test_quality_gate_fusion(extractor):
    from veille.fuse.evaluate import bcubed_mean, evaluate_set

    results = [evaluate_set(EXAMPLES / "fusion" / name, extractor) for name in FUSION_SETS]
    mean = bcubed_mean(results)
    for mode, floor in FUSION_FLOORS.items():
        assert mean[mode]["f1"] >= floor, f"fusion B-cubed F1 ({mode}) {mean[mode]['f1']:.3f} fell under {floor}"
    assert mean["claimants"]["share"] >= CLAIMANT_FLOOR, \
        f"claimant per figure {mean['claimants']['share']:.3f} fell under {CLAIMANT_FLOOR}"
