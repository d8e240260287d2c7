"""veille on Spark: the same extraction and fusion, for corpora no machine holds.

``veille spark extract INPUT... -o DIR`` reads JSON Lines, text and HTML files (or Parquet
with a ``text`` column), extracts per partition with the knowledge base and the model
loaded once per executor process, and writes Parquet: ``DIR/events`` (one row per
article-level record: the flat columns of the exports, the store key, the article's
metadata and the full record as JSON), partitioned by ``block`` (type and month,
``undated`` apart), and ``DIR/rejects`` (input, code and reason of every input skipped: a
bad record is a row there, never a failed job).

``veille spark fuse DIR -o DIR`` fuses block by block in parallel with the one-machine
code (:func:`veille.fuse.fuse_records`, a pure function of a block's reports), so the
fused events and their ids are those ``veille fuse`` gives on the same input; then it finds
the escalation links over every block (``DIR/links``), those ``veille fuse`` finds. Ids follow
the store's rule (the same text is one article under its smallest id; a clashing id gets
``~`` and its hash), resolved over the whole input.

Local mode by default (``local[*]``); any cluster through ``--master`` or ``spark-submit``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

_EXTRACTOR = None  # one per executor process, loaded on first use


def session(master: str | None = None, app: str = "veille"):
    import os
    import sys

    from pyspark.sql import SparkSession

    # the executors' Python is this one (with veille and its model) unless told otherwise
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    elif not _in_spark_submit():
        builder = builder.master("local[*]")
    return (builder.config("spark.sql.shuffle.partitions", "8")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "false")
            .getOrCreate())


def _in_spark_submit() -> bool:
    import os

    return "SPARK_ENV_LOADED" in os.environ or "PYSPARK_GATEWAY_PORT" in os.environ


def _extractor():
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from .extract import Extractor, Options

        _EXTRACTOR = Extractor(Options())
    return _EXTRACTOR


def _read_bytes(item: tuple[str, bytes]) -> Iterator[tuple]:
    """One input file's articles (as tuples) and notices, read by veille's own reader."""
    import tempfile

    from .ingest import read_file
    from .records import Article

    path, data = item
    name = Path(path.split(":", 1)[-1] if path.startswith("file:") else path).name
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / name
        local.write_bytes(data)
        for found in read_file(local):
            origin = (found.origin or "").replace(str(local), path)
            if isinstance(found, Article):
                yield ("article", origin, found.id, found.text, found.published, found.url,
                       found.source, found.title, found.lang)
            else:
                yield ("notice", origin, found.code, found.reason, bool(found.skipped), None,
                       None, None, None)


def _extract_partition(rows: Iterable[tuple]) -> Iterator[tuple]:
    """Articles in, records (and rejects) out, with the executor's one extractor."""
    from .interop import ArticleMeta, event_row
    from .records import Article, Notice, content_hash

    def articles():
        for kind, origin, a, b, c, url, source, title, lang in rows:
            if kind == "article":
                yield Article(id=a, text=b, published=c, url=url, source=source, title=title,
                              lang=lang, origin=origin)
            else:
                yield Notice(origin=origin, code=a, reason=b, skipped=c)

    for item in _extractor().extract_many(articles()):
        if isinstance(item, Notice):
            if item.skipped:
                yield ("reject", item.origin, item.code, item.reason, None, None, None)
            continue
        art = item.article
        key = content_hash(item.cleaned)
        meta = ArticleMeta(art.url, art.source, art.title, art.published)
        for event in item.events:
            record = event.to_dict()
            yield ("event", key, str(art.id), json.dumps(record, ensure_ascii=False),
                   json.dumps(event_row(record, meta), ensure_ascii=False, default=str),
                   art.published, art.origin)
        if not item.events:
            yield ("article", key, str(art.id), None, None, art.published, art.origin)


def extract(spark, inputs: list[str], out: str, *, partitions: int | None = None,
            append: bool = False) -> dict:
    """Extract every input into ``out`` (events and rejects, Parquet); returns counts.
    ``append``: add to what an earlier run wrote there (new files: fusion then touches only
    the blocks they change; a text already there keeps its records once)."""
    from pyspark.sql import Row

    from .fuse.cluster import block_of
    from .interop import EVENT_COLUMNS
    from .store import resolve_id, with_article_id
    from .records import Event

    sc = spark.sparkContext
    parquet = [p for p in inputs if p.endswith(".parquet") or Path(p).is_dir() and
               any(Path(p).glob("*.parquet"))]
    files = [p for p in inputs if p not in parquet]
    rdds = []
    if files:
        rdds.append(sc.binaryFiles(",".join(str(Path(f).resolve()) for f in files))
                    .flatMap(_read_bytes))
    for p in parquet:
        df = spark.read.parquet(p)
        cols = set(df.columns)
        if "text" not in cols:
            raise ValueError(f"{p}: a Parquet input needs a 'text' column")

        def to_tuple(r, path=p, cols=cols):
            get = r.asDict()
            return ("article", path, str(get.get("id") or ""), get.get("text"),
                    get.get("published") if "published" in cols else None, get.get("url"),
                    get.get("source"), get.get("title"), get.get("lang"))
        rdds.append(df.rdd.map(to_tuple))
    articles = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    if partitions:
        articles = articles.repartition(partitions)
    rows = articles.mapPartitions(_extract_partition).cache()

    # ids: the store's rule over the whole input (few rows: every (id, text hash) pair)
    pairs = rows.filter(lambda r: r[0] in ("event", "article")).map(lambda r: (r[2], r[1])) \
        .distinct().collect()
    known: set[str] = set()
    if append and (Path(out) / "events").is_dir():
        # the texts an earlier run holds claim their ids too (they keep theirs); a text already
        # there is not read again
        earlier = spark.read.parquet(str(Path(out) / "events")).select(
            "article_id", "article_hash").distinct().collect()
        known = {r["article_hash"] for r in earlier}
        pairs += [(r["article_id"], r["article_hash"]) for r in earlier]
    claims: dict[str, set[str]] = {}
    by_hash: dict[str, set[str]] = {}
    for ident, h in pairs:
        claims.setdefault(ident, set()).add(h)
        by_hash.setdefault(h, set()).add(ident)
    resolved = {h: resolve_id(h, {i: claims[i] for i in ids}) for h, ids in by_hash.items()}
    chosen = {h: min(ids) for h, ids in by_hash.items()}  # the text read under its smallest id
    taken = {i for i, h in pairs if h in known}  # ids the earlier runs' texts hold
    for h in list(resolved):
        if h not in known and resolved[h] in taken:
            resolved[h] = f"{resolved[h].split('~')[0]}~{h[:8]}"  # the earlier text keeps it
    for h in known:
        chosen[h] = None  # already written by an earlier run: its records stay as they are
    ids = sc.broadcast((resolved, chosen))

    def finish(r):
        resolved, chosen = ids.value
        _, h, ident, record, row, published, origin = r
        if chosen[h] != ident:
            return []  # the same text read again under another id: one article
        event = with_article_id([Event.from_dict(json.loads(record))], resolved[h])[0]
        rec = event.to_dict()
        flat = json.loads(row)
        flat.update(article_id=rec["article_id"], event_id=rec["event_id"])
        return [Row(event_key=f"{h}:{rec['event_id']}", article_hash=h,
                    block=block_of(rec["type"], rec.get("date")),
                    record=json.dumps(rec, ensure_ascii=False), **{c: _cell(flat.get(c))
                                                                   for c in EVENT_COLUMNS})]

    events = rows.filter(lambda r: r[0] == "event").flatMap(finish)
    schema = _event_schema()
    events_df = spark.createDataFrame(events, schema=schema).dropDuplicates(["event_key"])
    mode = "append" if append else "overwrite"
    events_df.write.mode(mode).partitionBy("block").parquet(str(Path(out) / "events"))
    rejects = rows.filter(lambda r: r[0] == "reject").map(
        lambda r: Row(input=r[1], code=r[2], reason=r[3]))
    from pyspark.sql.types import StringType, StructField, StructType

    rejects_df = spark.createDataFrame(rejects, schema=StructType(
        [StructField(n, StringType()) for n in ("input", "code", "reason")]))
    rejects_df.write.mode(mode).parquet(str(Path(out) / "rejects"))
    counts = {"articles": len(chosen) - len(known), "events": spark.read.parquet(
        str(Path(out) / "events")).count(), "rejects": rejects_df.count()}
    rows.unpersist()
    return counts


def _cell(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    return str(value)


def _schema(head: list[str], columns: list[str]):
    """String columns ``head``, then the export's ``columns`` with their types."""
    from pyspark.sql.types import (BooleanType, DoubleType, LongType, StringType, StructField,
                                   StructType)

    from .interop import BOOL_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

    def kind(c):
        return LongType() if c in INT_COLUMNS else DoubleType() if c in FLOAT_COLUMNS else \
            BooleanType() if c in BOOL_COLUMNS else StringType()

    return StructType([StructField(c, StringType()) for c in head] +
                      [StructField(c, kind(c)) for c in columns])


def _event_schema():
    from .interop import EVENT_COLUMNS

    return _schema(["event_key", "article_hash", "block", "record"], EVENT_COLUMNS)


def _fuse_block(block_rows, decided: list[dict] | None = None) -> list:
    """One block's fused events, by the one-machine code, obeying a person's decisions
    (rejections, corrections, splits and moves) as ``veille fuse`` does."""
    from . import review
    from .fuse import (FuseOptions, _response_cue, _weapon_kinds, fuse_records, person_test,
                       site_test)
    from .fuse.claims import Member
    from .kb import load_kb

    block, rows = block_rows
    kb = load_kb()
    members = sorted((Member(key=r["event_key"], record=json.loads(r["record"]),
                             article_id=r["article_id"], published=r["published"],
                             source=r["outlet"], url=r["url"]) for r in rows),
                     key=lambda m: m.key)
    found = review.by_article([review.Decision(**d) for d in decided or ()])
    split, moves = set(), {}
    if found:
        members = review.apply_members(members, found)
        split, moves = review.constraints(members, found)
    fused = fuse_records(block, members, FuseOptions(), _weapon_kinds(kb), person_test(kb),
                         split=split, moves=moves, is_site=site_test(kb))
    if found:
        fused = review.flag_reviewed(fused, members)
    response = _response_cue(kb)
    return [(e.fused_id, block, json.dumps(e.to_dict(), ensure_ascii=False),
             _link_facts(e, response, kb)) for e in fused]


def _link_facts(event, response, kb) -> str | None:
    """What escalation links look at in a fused threat or strike (the row
    ``fuse.ledger.link_facts`` gives on one machine), as JSON; None for a deployment."""
    from .fuse.links import is_response, mentions_of, speaker_of

    if event.type not in ("threat", "strike"):
        return None
    actor, loc = event.value("actor") or {}, event.value("location") or {}
    return json.dumps([event.type, event.fused_id, event.date, actor.get("side"),
                       loc.get("country"), loc.get("place"), loc.get("admin1"),
                       sorted(event.value("weapons")), is_response(event, response),
                       speaker_of(event), sorted(mentions_of(event, kb)), event.reports],
                      ensure_ascii=False)


def _strike_candidates(rows, threats, window_days: int) -> list:
    """The link candidates of one partition's strikes against every threat."""
    from .fuse.links import Facts, link_candidates

    strikes = [Facts.from_row(_facts_row(json.loads(r))) for r in rows]
    return link_candidates(threats, strikes, window_days=window_days)


def _facts_row(item: list) -> tuple:
    _, fid, date, side, country, place, admin1, weapons, response, speaker, mentions, reports = item
    return (fid, date, side, country, place, admin1, frozenset(weapons), bool(response), speaker,
            frozenset(mentions), reports)


def links(spark, out: str, *, window_days: int | None = None) -> int:
    """The escalation links over every fused event of ``out/fused``, as the one-machine
    ``veille fuse`` finds them, written to ``out/links``: the threats (few) go to every
    executor, each partition of strikes gives its candidates, the driver keeps the best of
    each threat's."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    from .fuse import FuseOptions
    from .fuse.links import Facts, select_links

    window = window_days if window_days is not None else FuseOptions().window_days
    fused = spark.read.parquet(str(Path(out) / "fused")).where("facts IS NOT NULL")
    threats = sorted((Facts.from_row(_facts_row(json.loads(r["facts"]))) for r in
                      fused.where("type = 'threat'").select("facts").collect()),
                     key=lambda t: t.id)
    shared = spark.sparkContext.broadcast(threats)
    candidates = fused.where("type = 'strike'").select("facts").rdd.map(
        lambda r: r["facts"]).mapPartitions(
        lambda rows: _strike_candidates(list(rows), shared.value, window)).collect()
    found = select_links(threats, candidates)
    schema = StructType([StructField("threat", StringType()), StructField("strike", StringType()),
                         StructField("relation", StringType()), StructField("days", LongType()),
                         StructField("reasons", StringType())])
    spark.createDataFrame([(k.threat, k.strike, k.relation, k.days,
                            json.dumps(list(k.reasons), ensure_ascii=False)) for k in found],
                          schema=schema).write.mode("overwrite").parquet(str(Path(out) / "links"))
    return len(found)


def fuse(spark, events_dir: str, out: str, *, decisions: str | None = None) -> dict:
    """Fuse the article-level records of ``events_dir`` (``spark extract``'s output) block by
    block, in parallel; writes ``out/fused`` (flat columns and the full record as JSON).
    ``decisions``: a store whose review decisions in force fusion obeys (the desk's)."""
    from pyspark.sql import Row

    from .interop import FUSED_COLUMNS, fused_row

    src = Path(events_dir)
    df = spark.read.parquet(str(src / "events") if (src / "events").is_dir() else str(src))
    cols = ["event_key", "block", "record", "article_id", "published", "outlet", "url"]
    decided = []
    if decisions:
        from .review import decisions as read_decisions
        from .store import open_store

        with open_store(decisions, read_only=True) as store:
            decided = [d.to_dict() for d in read_decisions(store, active_only=True)]
    shared = spark.sparkContext.broadcast(decided)
    # each block's signature: its reports and their records, and the decisions in force;
    # a block whose signature is unchanged since the last run into ``out`` is left alone
    from pyspark.sql import functions as F

    df = _with_homes(spark, df)

    salt = hashlib_digest(json.dumps(decided, sort_keys=True, default=str))
    sigs = {r["block"]: r["signature"] for r in df.groupBy("block").agg(
        F.sha2(F.concat_ws("|", F.sort_array(F.collect_list(
            F.concat_ws("=", "event_key", F.sha2("record", 256))))), 256).alias("signature"))
        .collect()}
    sigs = {b: f"{sig[:16]}/{salt}" for b, sig in sigs.items()}
    done_path = Path(out) / "fused_blocks.json"
    done = json.loads(done_path.read_text(encoding="utf-8")) if done_path.is_file() and \
        (Path(out) / "fused").is_dir() else {}
    changed = sorted(b for b in set(sigs) | set(done) if sigs.get(b) != done.get(b))
    gone = [b for b in changed if b not in sigs]
    todo = set(changed) - set(gone)
    if not changed:
        made = Path(out) / "links"
        return {"blocks": len(sigs), "changed": 0,
                "fused": spark.read.parquet(str(Path(out) / "fused")).count(),
                "links": spark.read.parquet(str(made)).count() if made.is_dir() else links(spark, out)}
    blocks = df.where(F.col("block").isin(sorted(todo))).select(*cols).rdd.map(
        lambda r: (r["block"], r.asDict())).groupByKey()
    fused = blocks.flatMap(lambda b: _fuse_block(b, shared.value))

    def row(t):
        fused_id, block, record, facts = t
        flat = fused_row(json.loads(record))
        return Row(fused_id=fused_id, block=block, record=record, facts=facts,
                   **{c: _cell(flat.get(c)) for c in FUSED_COLUMNS if c != "fused_id"})

    schema = _schema(["fused_id", "block", "record", "facts"],
                     [c for c in FUSED_COLUMNS if c != "fused_id"])
    out_df = spark.createDataFrame(fused.map(row), schema=schema)
    target = Path(out) / "fused"
    if done:  # rewrite the changed blocks' partitions only; drop those left with nothing
        import shutil

        out_df = out_df.cache()
        written = {r["block"] for r in out_df.select("block").distinct().collect()}
        spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
        out_df.write.mode("overwrite").partitionBy("block").parquet(str(target))
        for block in set(changed) - written:
            shutil.rmtree(target / f"block={_partition_name(block)}", ignore_errors=True)
    else:
        out_df.write.mode("overwrite").partitionBy("block").parquet(str(target))
    done_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = done_path.with_suffix(".part")
    n_links = links(spark, out)  # over every block: a threat's window crosses blocks
    tmp.write_text(json.dumps(sigs, sort_keys=True), encoding="utf-8")
    tmp.replace(done_path)
    return {"blocks": len(sigs), "changed": len(changed),
            "fused": spark.read.parquet(str(target)).count(), "links": n_links}


def _with_homes(spark, df):
    """``df`` with each undated report that strongly matches the dated reports of one month
    moved to that month's block, as the one-machine path does
    (:func:`veille.fuse.cluster.undated_homes`): the undated reports are few and go to the
    driver; the dated ones sharing a key with them are found by a parallel filter."""
    from pyspark.sql import functions as F

    from .fuse import _weapon_kinds, person_test, site_test
    from .fuse.cluster import index_keys, item_from_record, undated_homes
    from .kb import load_kb

    kb = load_kb()
    kinds, is_person, is_site = _weapon_kinds(kb), person_test(kb), site_test(kb)

    def item(key, record):
        return item_from_record(key, key.split(":", 1)[0], json.loads(record), kinds, is_person,
                                is_site)

    undated = [item(r["event_key"], r["record"]) for r in df.where(
        F.col("block").endswith(":undated") & ~F.col("block").startswith("threat:"))
        .select("event_key", "record").collect()]
    if not undated:
        return df
    wanted = spark.sparkContext.broadcast({k for u in undated for k in index_keys(u)})

    def matching(rows):
        kb = load_kb()
        kinds, is_person, is_site = _weapon_kinds(kb), person_test(kb), site_test(kb)
        for r in rows:
            it = item_from_record(r["event_key"], r["event_key"].split(":", 1)[0],
                                  json.loads(r["record"]), kinds, is_person, is_site)
            if any(k in wanted.value for k in index_keys(it)):
                yield r["block"], r["event_key"], r["record"]

    found = df.where(~F.col("block").endswith(":undated")).select(
        "block", "event_key", "record").rdd.mapPartitions(matching).collect()
    homes = undated_homes(undated, [(b, item(k, rec)) for b, k, rec in found])
    if not homes:
        return df
    moved = spark.createDataFrame(sorted(homes.items()), ["event_key", "home"])
    return df.join(F.broadcast(moved), "event_key", "left").withColumn(
        "block", F.coalesce(F.col("home"), F.col("block"))).drop("home")


def hashlib_digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _partition_name(block: str) -> str:
    """How Spark names a partition folder for a block value ("strike:2024-05" escaped)."""
    from urllib.parse import quote

    return quote(block, safe="")
