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
