"""veille on Spark (local mode): the same fused events, with the same ids, as the one-machine
path on every fusion set; bad records become rejects, not failed jobs."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from samples import EXAMPLES

pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (pip install '.[spark]')")
pytestmark = [pytest.mark.model,
              pytest.mark.skipif(shutil.which("java") is None,
                                 reason="no Java runtime (make test installs one with apt)")]

SETS = sorted(p for p in (EXAMPLES / "fusion").iterdir() if (p / "articles.jsonl").is_file())


@pytest.fixture(scope="module")
def spark():
    from veille.spark import session

    s = session("local[2]", app="veille-tests")
    yield s
    s.stop()


def one_machine(shared_extractor, articles, db):
    from veille.cli import cli
    from veille.fuse import fuse
    from veille.fuse.ledger import fused_events
    from veille.store import open_store

    result = CliRunner().invoke(cli, ["extract", str(articles), "--db", str(db), "--workers",
                                      "1", "-q"])
    assert result.exit_code in (0, 3), result.output
    with open_store(db) as store:
        fuse(store)
        return {e.fused_id: (sorted(e.members), e.value("launched"), e.value("killed"))
                for e in fused_events(store)}


def spark_fused(spark, work) -> dict:
    """Spark's fused events as ``one_machine`` gives them: id -> (members, launched, killed)."""
    got = {}
    for row in spark.read.parquet(str(work / "fused")).collect():
        rec = json.loads(row["record"])
        got[row["fused_id"]] = (sorted(rec["member_keys"]), rec["launched"], rec["killed"])
    return got


def test_spark_gives_the_one_machine_fusion_on_every_set(spark, shared_extractor, tmp_path):
    from veille.spark import extract, fuse

    inputs = [str(s / "articles.jsonl") for s in SETS]
    feed = tmp_path / "all.jsonl"
    feed.write_text("".join(open(p, encoding="utf-8").read() for p in inputs), encoding="utf-8")
    expected = one_machine(shared_extractor, feed, tmp_path / "one.db")
    counts = extract(spark, inputs, str(tmp_path / "work"))
    assert counts["rejects"] == 0 and counts["articles"] == sum(
        1 for p in inputs for line in open(p, encoding="utf-8") if line.strip())
    fuse(spark, str(tmp_path / "work"), str(tmp_path / "work"))
    got = spark_fused(spark, tmp_path / "work")
    assert got == expected
    assert len(got) > 50


def test_spark_rejects_are_rows_with_their_reason(spark, tmp_path):
    from veille.spark import extract

    feed = tmp_path / "flux.jsonl"
    feed.write_text('{"id": "a", "text": "Le 3 mars 2024, deux missiles ont frappé Odessa, '
                    'selon la marine ukrainienne."}\n{"id": "b", "text": \n'
                    '{"id": "c", "text": 12}\n', encoding="utf-8")
    counts = extract(spark, [str(feed)], str(tmp_path / "work"))
    rejects = sorted((r["code"], r["input"].rsplit(":", 1)[-1]) for r in
                     spark.read.parquet(str(tmp_path / "work" / "rejects")).collect())
    assert rejects == [("E005", "2"), ("E007", "3")]
    assert counts["articles"] == 1 and counts["events"] >= 1
    events = spark.read.parquet(str(tmp_path / "work" / "events"))
    assert {"event_key", "block", "record", "launched", "place", "url"} <= set(events.columns)


def test_spark_fusion_obeys_review_decisions(spark, shared_extractor, tmp_path):
    from veille import review
    from veille.fuse import fuse as fuse_store
    from veille.fuse.ledger import fused_events
    from veille.spark import extract, fuse
    from veille.store import open_store

    articles = EXAMPLES / "fusion" / "odesa" / "articles.jsonl"
    db = tmp_path / "one.db"
    one_machine(shared_extractor, articles, db)
    with open_store(db) as store:
        big = max(fused_events(store), key=lambda e: e.reports)
        keys = sorted(big.members)
        review.decide(store, "reject", event_key=keys[0], reason="a copy")
        review.decide(store, "split", event_key=keys[1], reason="another strike")
        fuse_store(store)
        expected = {e.fused_id: sorted(e.members) for e in fused_events(store)}
    extract(spark, [str(articles)], str(tmp_path / "work"))
    fuse(spark, str(tmp_path / "work"), str(tmp_path / "work"), decisions=str(db))
    got = {r["fused_id"]: sorted(json.loads(r["record"])["member_keys"])
           for r in spark.read.parquet(str(tmp_path / "work" / "fused")).collect()}
    assert got == expected
    assert keys[0] not in {k for members in got.values() for k in members}
    assert [keys[1]] in got.values()


def test_spark_fusion_is_incremental(spark, tmp_path):
    from veille.spark import extract, fuse

    sets = [EXAMPLES / "fusion" / name / "articles.jsonl" for name in ("odesa", "engels")]
    work = str(tmp_path / "work")
    extract(spark, [str(sets[0])], work)
    first = fuse(spark, work, work)
    assert first["changed"] == first["blocks"]
    again = fuse(spark, work, work)
    assert again["changed"] == 0 and again["fused"] == first["fused"]
    before = {r["fused_id"]: r["record"] for r in spark.read.parquet(work + "/fused").collect()}
    # a new file, appended: only the blocks it touches are fused again
    extract(spark, [str(sets[1])], work, append=True)
    assert spark.read.parquet(work + "/events").count() == len(
        {r["event_key"] for r in spark.read.parquet(work + "/events").collect()})
    more = fuse(spark, work, work)
    assert 0 < more["changed"] < more["blocks"]
    after = {r["fused_id"]: r["record"] for r in spark.read.parquet(work + "/fused").collect()}
    assert set(before) <= set(after) or more["changed"] > 0
    kept = [k for k in before if k in after]
    assert kept and all(before[k] == after[k] for k in kept)


def test_spark_append_keeps_the_id_rule(spark, tmp_path):
    from veille.spark import extract

    work = str(tmp_path / "work")
    first = tmp_path / "a.jsonl"
    text = "Le 3 mars 2024, deux missiles russes ont frappé Odessa, selon la marine ukrainienne."
    first.write_text(json.dumps({"id": "bilan", "text": text}) + "\n", encoding="utf-8")
    extract(spark, [str(first)], work)
    second = tmp_path / "b.jsonl"
    other = "Le 4 mars 2024, trois drones russes ont frappé Kharkiv, selon le maire de la ville."
    second.write_text(json.dumps({"id": "bilan", "text": other}) + "\n" +
                      json.dumps({"id": "aaa", "text": text}) + "\n", encoding="utf-8")
    counts = extract(spark, [str(second)], work, append=True)
    rows = spark.read.parquet(work + "/events").select("article_id", "article_hash").collect()
    by_hash = {}
    for r in rows:
        by_hash.setdefault(r["article_hash"], set()).add(r["article_id"])
    assert len(by_hash) == 2 and counts["articles"] == 1  # the known text is not read again
    assert all(len(ids) == 1 for ids in by_hash.values())
    ids = sorted(next(iter(i)) for i in by_hash.values())
    assert ids[0] == "bilan" and ids[1].startswith("bilan~")  # the earlier text keeps its id


def test_spark_moves_undated_reports_as_the_one_machine_path(spark, shared_extractor, tmp_path):
    """Undated reports that strongly match one month's reports are fused in that month on
    both paths: the same events, with the same ids."""
    from veille.spark import extract, fuse
    from veille.store import open_store

    feed = tmp_path / "undated.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for name in ("bryansk", "crimea", "odesa"):
            lines = (EXAMPLES / "fusion" / name / "articles.jsonl").read_text(
                encoding="utf-8").splitlines()
            for n, line in enumerate(l for l in lines if l.strip()):
                article = json.loads(line)
                if n % 3 == 1:  # a page that gives no publication date
                    article["published"] = None
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    expected = one_machine(shared_extractor, feed, tmp_path / "one.db")
    with open_store(tmp_path / "one.db", read_only=True) as store:
        assert store.db.execute("SELECT count(*) FROM fuse_homes").fetchone()[0] > 0
    extract(spark, [str(feed)], str(tmp_path / "work"))
    fuse(spark, str(tmp_path / "work"), str(tmp_path / "work"))
    got = spark_fused(spark, tmp_path / "work")
    assert got == expected


def test_spark_finds_the_one_machines_escalation_links_across_blocks(spark, tmp_path):
    """Threats and the strikes they answer or that follow them lie in blocks of their own
    (type and month): Spark links them as ``veille fuse`` does, over every block."""
    from veille.cli import cli
    from veille.fuse import fuse as fuse_here
    from veille.spark import extract, fuse
    from veille.store import open_store

    inputs = [str(s / "articles.jsonl") for s in SETS]
    feed = tmp_path / "all.jsonl"
    feed.write_text("".join(open(p, encoding="utf-8").read() for p in inputs), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(feed), "--db", str(tmp_path / "one.db"),
                                      "--workers", "1", "-q"])
    assert result.exit_code in (0, 3), result.output
    with open_store(tmp_path / "one.db") as store:
        fuse_here(store)
        expected = {(k["threat"], k["strike"], k["relation"], k["days"], tuple(k["reasons"]))
                    for k in (json.loads(r) for r, in store.db.execute(
                        "SELECT record FROM fused_links"))}
    extract(spark, inputs, str(tmp_path / "work"))
    counts = fuse(spark, str(tmp_path / "work"), str(tmp_path / "work"))
    got = {(r["threat"], r["strike"], r["relation"], r["days"], tuple(json.loads(r["reasons"])))
           for r in spark.read.parquet(str(tmp_path / "work" / "links")).collect()}
    assert got == expected and counts["links"] == len(got) >= 3
