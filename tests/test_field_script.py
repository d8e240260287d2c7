"""The field set's tooling (scripts/field.py): texts checked against their pointers, gold
evidence kept as offsets, splits fixed once, check's errors never printed.

The articles here are a few sentences written for the tests."""
from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "field.py"
TEXT = "Kharkiv sous les missiles\nDeux missiles ont frappé Kharkiv mardi, a indiqué le maire."


@pytest.fixture
def field(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("field_script", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    root = tmp_path / "field"
    for name, sub in (("FIELD", ""), ("POINTERS", "pointers"), ("GOLD", "gold"),
                      ("GOLD2", "gold2"), ("TEXTS", "texts"), ("BUILD", "build")):
        monkeypatch.setattr(mod, name, root / sub if sub else root)
    monkeypatch.setattr(mod, "ROOT", tmp_path)
    return mod


def write_batch(work: Path, texts: Path, items):
    texts.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "x-pointers.jsonl", "w", encoding="utf-8") as p, \
            open(work / "x-gold.jsonl", "w", encoding="utf-8") as g:
        for tmp, url, text, published, evidence in items:
            (texts / f"{tmp}.txt").write_text(text, encoding="utf-8")
            p.write(json.dumps({"tmp_id": tmp, "url": url, "query": "frappe Kharkiv",
                                "outlet": "Le Quotidien", "published": published}) + "\n")
            g.write(json.dumps({"article_id": tmp, "type": "strike", "evidence": evidence}) + "\n")


def test_field_import_keeps_offsets_not_text(field, tmp_path):
    # the annotator typed the evidence with a plain apostrophe and one space for the break
    write_batch(tmp_path / "work", field.TEXTS, [
        ("x-01", "https://example.org/a", TEXT, "2024-05-15",
         ["Deux missiles ont frappé Kharkiv mardi, a indiqué le maire."]),
        ("x-02", "https://example.org/b", "Les défenses\nont abattu 3 drones ce matin’ là.", None,
         ["Les défenses ont abattu 3 drones ce matin' là."])])
    assert field.main(["import", str(tmp_path / "work")]) == 0
    pointers = field.load_pointers()
    assert len(pointers) == 2
    one = next(p for p in pointers if p["url"].endswith("/a"))
    assert one["sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert one["length"] == len(TEXT) and one["split"] in ("tune", "check")
    gold = field.read_jsonl(field.GOLD / f"{one['id']}.jsonl")
    assert "evidence" not in gold[0]
    start, end = gold[0]["evidence_spans"][0]
    assert TEXT[start:end].startswith("Deux missiles")
    other = next(p for p in pointers if p["url"].endswith("/b"))
    start, end = field.read_jsonl(field.GOLD / f"{other['id']}.jsonl")[0]["evidence_spans"][0]
    assert (start, end) == (0, len("Les défenses\nont abattu 3 drones ce matin’ là."))


def test_field_status_and_assemble_name_missing_and_stale(field, tmp_path, capsys):
    write_batch(tmp_path / "work", field.TEXTS, [
        ("x-01", "https://example.org/a", TEXT, "2024-05-15", ["Deux missiles"]),
        ("x-02", "https://example.org/b", TEXT + " Trois blessés.", None, ["Trois blessés."]),
        ("x-03", "https://example.org/c", TEXT + " Un mort.", None, ["Un mort."])])
    field.main(["import", str(tmp_path / "work")])
    ids = {p["url"][-1]: p["id"] for p in field.load_pointers()}
    (field.TEXTS / f"{ids['b']}.txt").write_text(TEXT + " Trois blessés!", encoding="utf-8")
    (field.TEXTS / f"{ids['c']}.txt").unlink()
    assert field.main(["status"]) == 1
    out = capsys.readouterr().out
    assert "1 present, 1 missing, 1 stale" in out
    assert f"stale    {ids['b']}" in out and f"missing  {ids['c']}" in out
    built = field.assemble(quiet=True)
    assert [a["id"] for a in built["all"]["articles"]] == [ids["a"]]
    assert built["all"]["gold"][0]["evidence"] == ["Deux missiles"]


def test_field_split_is_given_once_by_group(field, tmp_path):
    items = [(f"x-{i:02}", f"https://example.org/{i}", f"{TEXT} {i}.", "2024-05-15", []) for i in range(6)]
    write_batch(tmp_path / "work", field.TEXTS, items)
    field.main(["import", str(tmp_path / "work")])
    splits = {p["id"]: p["split"] for p in field.load_pointers()}
    # one outlet and one month: one group, so one split for all
    assert len(set(splits.values())) == 1
    field.assign_splits()
    assert {p["id"]: p["split"] for p in field.load_pointers()} == splits


def test_field_errors_are_refused_on_check(field, tmp_path, capsys):
    write_batch(tmp_path / "work", field.TEXTS, [
        ("x-01", "https://example.org/a", TEXT, "2024-05-15", ["Deux missiles"])])
    field.main(["import", str(tmp_path / "work")])
    assert field.main(["score", "--split", "check", "--errors"]) == 2
    assert "tune split only" in capsys.readouterr().err


def test_field_agreement_of_identical_annotations_is_one(field, tmp_path, capsys):
    write_batch(tmp_path / "work", field.TEXTS, [
        ("x-01", "https://example.org/a", TEXT, "2024-05-15", ["Deux missiles"])])
    field.main(["import", str(tmp_path / "work")])
    ident = field.load_pointers()[0]["id"]
    event = {"article_id": ident, "type": "strike", "date": "2024-05-14",
             "location": {"place": "Kharkiv", "admin1": "Kharkiv Oblast", "country": "UA"},
             "actor": {"name": None, "side": "RU"}, "weapons": ["missile"], "launched": 2,
             "evidence_spans": [[26, 40]]}
    (field.GOLD / f"{ident}.jsonl").write_text(json.dumps(event) + "\n", encoding="utf-8")
    (field.GOLD2 / f"{ident}.jsonl").write_text(json.dumps(event) + "\n", encoding="utf-8")
    assert field.main(["agreement"]) == 0
    assert "event F1 1.000, slot F1 1.000" in capsys.readouterr().out


def test_field_compare_says_why_a_stated_figure_has_none_from_veille(field):
    import sys

    sys.path.insert(0, str(SCRIPT.parent.parent / "src"))
    from veille.compare import Check

    def stated(article, value):
        return Check(article_id=article, event_id=None, night="2025-06-10", figure="launched",
                     weapon_class="total", veille=value, dataset=value, agrees=True, note="")

    def strike(article, launched, location):
        return {"article_id": article, "type": "strike", "launched": launched,
                "location": location, "date": "2025-06-10"}

    said = [stated("a", 120), stated("b", 80), stated("c", 60)]
    preds = [strike("a", 120, {"place": "Kharkiv", "admin1": "Kharkiv Oblast", "country": "UA"}),
             strike("b", None, {"country": "UA"}),
             strike("c", 60, {"country": "RU"})]
    published = {"a": "2025-06-10", "b": "2025-06-10", "c": "2025-06-10"}
    missing = [Check(article_id=x, event_id=None, night="2025-06-10", figure="launched",
                     weapon_class="total", veille=-1, dataset=1, agrees=False, note="")
               for x in "abc"]
    assert [field._why_missing(c, said, preds, published) for c in missing] == [
        "read in a town's or region's record", "not read", "read in a record of another country"]


def test_field_import_keeps_a_claims_evidence_as_offsets_too(field, tmp_path):
    # a claim's evidence typed as text inside the event becomes offsets as the event's does
    write_batch(tmp_path / "work", field.TEXTS, [
        ("x-01", "https://example.org/a", TEXT, "2024-05-15",
         ["Deux missiles ont frappé Kharkiv mardi, a indiqué le maire."])])
    gold_file = tmp_path / "work" / "x-gold.jsonl"
    event = json.loads(gold_file.read_text(encoding="utf-8"))
    event["claims"] = [{"claimed_by": {"name": "maire", "side": "UA"}, "launched": 2,
                        "evidence_spans": ["Deux missiles ont frappé Kharkiv mardi"]}]
    gold_file.write_text(json.dumps(event) + "\n", encoding="utf-8")
    assert field.main(["import", str(tmp_path / "work")]) == 0
    (pointer,) = field.load_pointers()
    (gold,) = field.read_jsonl(field.GOLD / f"{pointer['id']}.jsonl")
    (start, end), = gold["claims"][0]["evidence_spans"]
    assert TEXT[start:end] == "Deux missiles ont frappé Kharkiv mardi"
    assert not field.text_in_gold(gold)


def test_field_the_repos_gold_holds_no_article_text(field):
    # the committed gold keeps evidence as offsets only, in every event and every claim
    root = SCRIPT.parent.parent / "field"
    files = sorted((root / "gold").glob("*.jsonl")) + sorted((root / "gold2").glob("*.jsonl"))
    assert files, "the repo holds the field gold"
    holding = [f.name for f in files for e in field.read_jsonl(f) if field.text_in_gold(e)]
    assert holding == []


def test_field_overlap_reports_a_copied_sentence(field, tmp_path, capsys, monkeypatch):
    field.TEXTS.mkdir(parents=True)
    (field.TEXTS / "a-01.txt").write_text(
        "Le maire a indiqué mardi que deux missiles russes avaient frappé un entrepôt du port "
        "de Kharkiv dans la nuit, sans faire de victimes.", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        'TEXT = "Selon lui, deux missiles russes avaient frappé un entrepôt du port de Kharkiv '
        'dans la nuit, sans faire de victimes."\nOTHER = "Deux missiles russes ont frappé '
        'Kharkiv."\n', encoding="utf-8")
    monkeypatch.setattr(field, "SHARED", tmp_path / "no-shared")
    assert field.main(["overlap", "--words", "15"]) == 1
    out = capsys.readouterr().out
    # "deux missiles russes avaient frappé ... sans faire de victimes": 18 words in a row
    assert "tests/test_x.py: 18 words shared with a-01" in out
    (tmp_path / "tests" / "test_x.py").write_text('OTHER = "Deux missiles russes ont frappé '
                                                  'Kharkiv."\n', encoding="utf-8")
    assert field.main(["overlap"]) == 0
