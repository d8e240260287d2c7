"""The fusion commands: `fuse`, `events --fused`, `claims`, `timeline`, `eval-fusion`.

They run on the Odesa multi-article set of examples/fusion (written for the project).
"""
from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from samples import EXAMPLES
from veille.cli import cli

FUSION = EXAMPLES / "fusion"
ODESA = FUSION / "odesa"

pytestmark = pytest.mark.model


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def jsonl(text):
    return [json.loads(line) for line in text.split("\n") if line.strip()]


@pytest.fixture
def fused_db(shared_extractor, tmp_path):
    """A store with the Odesa set extracted (-o keeps the records as extract writes them)."""
    db, out = tmp_path / "fusion.db", tmp_path / "extracted.jsonl"
    assert run("extract", ODESA / "articles.jsonl", "--db", db, "-o", out).exit_code == 0
    return db, jsonl(out.read_text(encoding="utf-8"))


def test_cli_fuse_then_again_changes_nothing(fused_db):
    db, extracted = fused_db
    first = run("fuse", "--db", db, "--json")
    assert first.exit_code == 0
    report = json.loads(first.stdout)
    assert report["events"] == len(extracted) and report["changed"] == report["blocks"] > 0
    second = json.loads(run("fuse", "--db", db, "--json").stdout)
    assert second["changed"] == 0 and second["events"] == 0


def test_cli_events_fused_jsonl_members_are_extract_records(fused_db):
    db, extracted = fused_db
    run("fuse", "--db", db)
    result = run("events", "--db", db, "--fused", "--format", "jsonl")
    assert result.exit_code == 0
    fused = jsonl(result.stdout)
    by_id = {r["event_id"]: r for r in extracted}
    members = [m for f in fused for m in f["members"]]
    # every extracted record sits in exactly one fused event, unchanged
    assert sorted(m["event_id"] for m in members) == sorted(by_id)
    assert all(m == by_id[m["event_id"]] for m in members)
    for f in fused:
        assert {"type", "date", "location", "actor", "weapons", "launched", "intercepted",
                "hit", "killed", "injured", "claimed_by", "evidence"} <= set(f)
        # one claim per member, or one per source of a member that gives several
        per_member = Counter(c["event_id"] for c in f["claims"])
        assert per_member == Counter({m["event_id"]: max(1, len(m.get("claims") or ()))
                                      for m in f["members"]})
        assert f["reports"] == len(f["members"])
        assert set(f["flags"]) <= {"conflict", "inconsistent", "single_source", "undated"}
        assert all(link["status"] == "candidate" for link in f["links"])
    # the main strike is reported by several outlets and merged
    assert max(f["outlets"] for f in fused if f["type"] == "strike") >= 4


def test_cli_events_fused_filters_and_table(fused_db):
    db, _ = fused_db
    run("fuse", "--db", db)
    many = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl",
                     "--min-reports", "3").stdout)
    assert many and all(f["reports"] >= 3 for f in many)
    single = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl",
                       "--flag", "single_source").stdout)
    assert single and all("single_source" in f["flags"] for f in single)
    table = run("events", "--db", db, "--fused")
    assert table.exit_code == 0 and "fused id" in table.stdout
    assert many[0]["fused_id"] in table.stdout


def test_cli_claims_side_by_side(fused_db):
    db, _ = fused_db
    run("fuse", "--db", db)
    fused = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl",
                      "--min-reports", "3", "--type", "strike").stdout)
    target = max(fused, key=lambda f: f["reports"])
    table = run("claims", target["fused_id"], "--db", db, "--evidence")
    assert table.exit_code == 0
    for claim in target["claims"]:
        assert claim["article_id"] in table.stdout
        assert claim["evidence"][0] in table.stdout
    assert "consensus" in table.stdout and "flags:" in table.stdout
    # any member's event id finds the fused event too, and JSON is the same record
    member_id = target["members"][-1]["event_id"]
    as_json = json.loads(run("claims", member_id, "--db", db, "--format", "json").stdout)
    assert as_json["fused_id"] == target["fused_id"]
    assert as_json["claims"] == target["claims"]


def test_cli_claims_unknown_id_exit_2(fused_db):
    db, _ = fused_db
    run("fuse", "--db", db)
    result = CliRunner().invoke(cli, ["claims", "Fnope", "--db", str(db)])
    assert result.exit_code == 2 and "no fused event" in result.output


def test_cli_fused_commands_need_a_fuse_run(fused_db):
    db, _ = fused_db
    for args in (["events", "--fused"], ["timeline"], ["claims", "F0"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 2 and "veille fuse" in result.output


def test_cli_timeline_counts(fused_db):
    db, _ = fused_db
    run("fuse", "--db", db)
    fused = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl").stdout)
    days = json.loads(run("timeline", "--db", db, "--format", "json").stdout)
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    assert sum(len(d["events"]) for d in days) == len(fused)
    for day in days:
        assert day["strike"] + day["deployment"] + day["threat"] == len(day["events"])
        assert day["reports"] == sum(e["reports"] for e in day["events"])
    table = run("timeline", "--db", db, "--type", "strike")
    assert table.exit_code == 0 and "strike" in table.stdout and "threat " not in table.stdout


def test_cli_eval_fusion_gold_only_json():
    result = run("eval-fusion", ODESA, "--gold-only", "--json")
    assert result.exit_code == 0
    figures = json.loads(result.stdout)
    assert figures["sets"][0]["set"] == "odesa"
    assert 0 < figures["mean"]["gold_input"]["f1"] <= 1


def test_cli_eval_fusion_rejects_a_directory_without_gold(tmp_path):
    result = CliRunner().invoke(cli, ["eval-fusion", str(tmp_path)])
    assert result.exit_code == 2 and "articles.jsonl and gold.jsonl" in result.output


def test_cli_fused_output_warns_when_the_store_changed_since_fusion(fused_db, tmp_path):
    db, _ = fused_db
    run("fuse", "--db", db)
    assert "changed since the last fusion" not in run("events", "--db", db, "--fused").stderr
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({
        "id": "extra-01", "published": "2024-06-02",
        "text": "Des drones russes ont frappé Odessa dans la nuit de samedi à dimanche, "
                "a indiqué le gouverneur Oleh Kiper."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    assert run("extract", extra, "--db", db).exit_code == 0
    result = run("timeline", "--db", db)
    assert result.exit_code == 0 and "strike:2024-06" in result.stderr
    run("fuse", "--db", db)
    assert "changed since" not in run("timeline", "--db", db).stderr


def test_cli_fusion_does_not_depend_on_arrival_order(shared_extractor, tmp_path):
    """The Odesa set read in two shuffled orders, one article per run, fused after each:
    the same fused events, the same members, the same links."""
    import random

    lines = (ODESA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    outcomes = []
    for seed in (1, 2):
        order = lines[:]
        random.Random(seed).shuffle(order)
        db = tmp_path / f"shuffled{seed}.db"
        for n, line in enumerate(order):
            one = tmp_path / f"one{seed}-{n}.jsonl"
            one.write_text(line + "\n", encoding="utf-8")
            assert run("extract", one, "--db", db).exit_code == 0
            if n % 3 == 0:
                run("fuse", "--db", db)
        run("fuse", "--db", db)
        fused = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl").stdout)
        outcomes.append(sorted((f["fused_id"], tuple(m["event_id"] for m in f["members"]),
                                f["launched"], f["killed"], tuple(f["flags"]),
                                tuple(sorted((ln["threat"], ln["strike"]) for ln in f["links"])))
                               for f in fused))
    assert outcomes[0] == outcomes[1]
    assert len(outcomes[0]) > 5


def test_cli_events_fused_csv(fused_db):
    import csv
    import io

    db, _ = fused_db
    run("fuse", "--db", db)
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--fused", "--format",
                                               "csv").stdout)))
    fused = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl").stdout)
    assert [r["fused_id"] for r in rows] == [f["fused_id"] for f in fused]
    assert all(int(r["reports"]) == f["reports"] for r, f in zip(rows, fused))


def test_cli_events_fused_place_and_weapon_in_any_spelling(fused_db):
    db, _ = fused_db
    run("fuse", "--db", db)
    everything = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl").stdout)
    odesa = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl",
                      "--place", "Odessa").stdout)
    assert odesa and len(odesa) < len(everything)
    assert all("Odesa" in ((f["location"] or {}).get("place"), (f["location"] or {}).get("admin1"))
               for f in odesa)
    kalibr = jsonl(run("events", "--db", db, "--fused", "--format", "jsonl",
                       "--weapon", "Kalibr").stdout)
    assert kalibr and all("Kalibr" in f["weapons"] for f in kalibr)


@pytest.mark.parametrize("gold, message", [
    ('{"article_id": "x1", "type": "strike"}\n', "gold.jsonl:1: a gold record needs 'cluster'"),
    ('{"article_id": "zz", "type": "strike", "cluster": "c"}\n', "'zz' is not in articles.jsonl"),
    ('{"article_id": "x1", "type": "strike", "cluster": "c"}\nnot json\n',
     "gold.jsonl:2: malformed JSON"),
])
def test_cli_eval_fusion_names_the_bad_line(tmp_path, gold, message):
    (tmp_path / "articles.jsonl").write_text(
        '{"id": "x1", "text": "Des drones ont frappé Odessa mardi.", "published": "2024-05-14"}\n',
        encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(gold, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval-fusion", str(tmp_path), "--gold-only"])
    assert result.exit_code == 2
    assert message in result.output
