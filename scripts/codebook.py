#!/usr/bin/env python3
"""Write the column tables of docs/CODEBOOK.md and datasette/metadata.json from the one
list of column descriptions, docs/columns.yaml.

    python scripts/codebook.py            rewrite both
    python scripts/codebook.py --check    exit 1 if either is out of date (the tests run it)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CODEBOOK = ROOT / "docs" / "CODEBOOK.md"
METADATA = ROOT / "datasette" / "metadata.json"
SOURCE = ROOT / "docs" / "columns.yaml"
START, END = "<!-- columns:start -->", "<!-- columns:end -->"
# the database names datasette gives the usual store files (their stems)
DATABASES = ("veille", "demo", "ledger")


def view_columns() -> dict[str, list[str]]:
    """The columns of every flat view, read from a fresh in-memory store."""
    from veille.store import open_store

    with open_store(":memory:") as store:
        names = [r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'flat_%' "
            "ORDER BY name")]
        return {n: [r[1] for r in store.db.execute(f"PRAGMA table_info({n})")] for n in names}


def tables(described: dict) -> str:
    from veille.export import TIMELINE_COLUMNS
    from veille.interop import CLAIM_COLUMNS, EVENT_COLUMNS, FUSED_COLUMNS

    cols = described["columns"]
    out = []
    for title, names in (("Article-level events (`veille events`, `veille export`, "
                          "`events_frame`, view `flat_events`)", EVENT_COLUMNS),
                         ("Fused events (`--fused`, `fused_frame`, view `flat_fused_events`)",
                          FUSED_COLUMNS),
                         ("Claims (`veille export --claims`, `claims_frame`, view "
                          "`flat_claims`)", CLAIM_COLUMNS),
                         ("Timeline (`veille timeline --format csv`)", TIMELINE_COLUMNS)):
        out += [f"### {title}", "", "| column | meaning |", "|---|---|"]
        out += [f"| `{n}` | {cols[n]} |" for n in names]
        out.append("")
    out += ["### SQL views", "", "| view | one row per | columns |", "|---|---|---|"]
    for view, names in view_columns().items():
        out.append(f"| `{view}` | {described['views'][view]} | {', '.join(names)} |")
    return "\n".join(out) + "\n"


def metadata(described: dict) -> dict:
    cols = described["columns"]
    views = {view: {"description": described["views"][view],
                    "columns": {n: cols[n] for n in names}}
             for view, names in view_columns().items()}
    db = {"description": "veille's ledger: article-level events, fused events and their "
                         "claims. The flat_* views need no json_extract.",
          "tables": views}
    return {"title": "veille ledger",
            "description_html": "Events read from French news about missile and drone "
                                "warfare; every value traces to its sentence. Codebook: "
                                "docs/CODEBOOK.md in the veille repository.",
            "databases": {name: db for name in DATABASES}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    described = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    text = CODEBOOK.read_text(encoding="utf-8")
    block = f"{START}\n{tables(described)}{END}"
    new_text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text,
                      flags=re.S)
    new_meta = json.dumps(metadata(described), ensure_ascii=False, indent=2) + "\n"
    old_meta = METADATA.read_text(encoding="utf-8") if METADATA.exists() else ""
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p, old, new in
                 ((CODEBOOK, text, new_text), (METADATA, old_meta, new_meta)) if old != new]
        if stale:
            print(f"out of date: {', '.join(stale)} (run python scripts/codebook.py)")
            return 1
        return 0
    CODEBOOK.write_text(new_text, encoding="utf-8")
    METADATA.write_text(new_meta, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
