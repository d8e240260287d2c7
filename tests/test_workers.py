"""Extraction over several processes gives what one process gives: the same records in
the same order, the same store, the same notices, the same summary."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from samples import feed_article
from veille.cli import cli

pytestmark = pytest.mark.model


def dump(path):
    db = sqlite3.connect(path)
    try:
        return (db.execute("SELECT hash, id, published, text, cleaned FROM articles "
                           "ORDER BY hash").fetchall(),
                db.execute("SELECT event_key, record FROM events ORDER BY event_key").fetchall(),
                db.execute("SELECT id, hash FROM article_ids ORDER BY id, hash").fetchall())
    finally:
        db.close()


def test_workers_give_what_one_process_gives(shared_extractor, tmp_path):
    lines = [json.dumps(feed_article(n), ensure_ascii=False) for n in range(45)]
    lines.insert(7, '{"id": "casse", "text": ')  # a bad line among them
    lines.insert(20, json.dumps({"id": "art-0003", "text": "Un autre texte, même id."}))
    feed = tmp_path / "flux.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runs = {}
    for workers in (1, 2, 3):
        out, db = tmp_path / f"w{workers}.jsonl", tmp_path / f"w{workers}.db"
        result = CliRunner().invoke(cli, ["extract", str(feed), "--db", str(db), "-o", str(out),
                                          "--workers", str(workers)])
        assert result.exit_code == 3, result.output  # the bad line is skipped, said, counted
        text = re.sub(r"\(\d+\.\d s\)", "(t)", result.output).replace(str(db), "DB")
        runs[workers] = (out.read_bytes(), dump(db), text)
    assert runs[1][0] and runs[1][0].count(b"\n") >= 45
    assert runs[2] == runs[1] and runs[3] == runs[1]


# The model's matrix products: numpy's BLAS, one thread a process (veille.nlp)

_PARSED = ("Dans la nuit de lundi à mardi, l'armée russe a lancé quarante drones sur la région, "
           "dont trente-deux ont été abattus, a indiqué le gouverneur.",
           "Selon le ministère, deux missiles ont touché un entrepôt près du port et blessé "
           "cinq ouvriers.")


def test_the_model_multiplies_through_numpy_blas(extractor):
    from thinc.api import NumpyOps

    nodes = [node for _, component in extractor.nlp.pipeline if hasattr(component, "model")
             for node in component.model.walk()]
    assert nodes
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)


def test_numpy_blas_gives_the_parses_blis_gives(extractor):
    from thinc.api import NumpyOps

    def read(nlp):
        return [[(t.head.i, t.dep_, t.pos_, str(t.morph)) for t in doc] for doc in nlp.pipe(_PARSED)]

    nodes = [node for _, c in extractor.nlp.pipeline if hasattr(c, "model") for node in c.model.walk()]
    numpy_ops = nodes[0].ops
    got = read(extractor.nlp)
    try:
        for node in nodes:
            node.ops = NumpyOps(use_blis=True)
        assert read(extractor.nlp) == got
    finally:
        for node in nodes:
            node.ops = numpy_ops


def test_the_pipeline_runs_one_blas_thread_and_restores_it(extractor, monkeypatch):
    from threadpoolctl import threadpool_info

    from veille.records import Article

    def blas_threads():
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    before = blas_threads()
    if before <= {1}:
        pytest.skip("numpy's BLAS runs one thread here already (one core or a limit set by "
                    "the environment): nothing to tell apart")
    seen = []
    real_pipe = extractor.nlp.pipe

    def pipe(texts, **kwargs):
        for doc in real_pipe(texts, **kwargs):
            seen.append(blas_threads())
            yield doc

    monkeypatch.setattr(extractor.nlp, "pipe", pipe)
    result = extractor.extract(Article(id="blas", text=" ".join(_PARSED), published="2024-03-12"))
    assert result.events and seen
    assert all(threads == {1} for threads in seen)
    assert blas_threads() == before


# The model's strings store is not loaded (veille.nlp.VOCAB_EXCLUDE)

def test_the_model_strings_store_is_left_on_disk(extractor):
    # the model's store holds 712,952 strings; a session's tests meet a few thousand words
    assert len(extractor.nlp.vocab.strings) < 100_000


def test_without_the_strings_store_the_events_are_the_same(extractor):
    # a guard: passes with the store too; it fails if a value read by hash goes missing
    import spacy

    from veille.extract import Extractor
    from veille.nlp import EXCLUDE, _lazy_lemmas, _numpy_matmul
    from veille.records import Article

    full = spacy.load(extractor.options.model, exclude=list(EXCLUDE))
    assert len(full.vocab.strings) > 500_000
    _lazy_lemmas(full)
    _numpy_matmul(full)
    words = ("Des éclats sont tombés sur un hangar de Zaporijjia, endommageant trois véhicules.",
             "Kharkiv a de nouveau été frappée mardi soir par des missiles balistiques Iskander.")
    docs = [(t.text, t.lemma_, t._.lemma, t.pos_, t.dep_, str(t.morph), t.norm_, t.shape_)
            for nlp in (extractor.nlp, full) for doc in nlp.pipe(_PARSED + words) for t in doc]
    half = len(docs) // 2
    assert docs[:half] == docs[half:]
    articles = [Article(id=f"t{i}", text=t, published="2024-03-12")
                for i, t in enumerate(_PARSED + words)]
    ours = [r.events for r in extractor.extract_many(articles)]
    theirs = [r.events for r in Extractor(extractor.options, nlp=full, kb=extractor.kb)
              .extract_many(articles)]
    assert any(ours) and ours == theirs
