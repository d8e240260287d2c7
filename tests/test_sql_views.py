"""The store's flat SQL views, the codebook and the datasette metadata: one column per
scalar, child views for lists, no json_extract for the user; the views opened with datasette
itself."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest
import yaml

from fusion_records import record
from samples import REPO
from veille.fuse import fuse
from veille.records import Article, Event
from veille.store import open_store


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"  # datasette names the database by the file's stem
    with open_store(path) as store:
        a = record("a", place="Kyiv", side="RU", weapons=["Shahed", "Kalibr"], launched=12,
                   intercepted=10, claimant="armée de l'air", claimant_side="UA")
        a["munitions"] = [{"weapon": "Shahed", "launched": 8, "intercepted": 7, "hit": None},
                          {"weapon": "Kalibr", "launched": 4, "intercepted": 3, "hit": None}]
        b = record("b", place="Kyiv", side="RU", weapons=["Shahed"], launched=12,
                   intercepted=11, killed=0, hedged=True)
        c = record("c", country="UA", side="RU", launched=40, date="2024-03-20")
        c["location"].update(lat=49.0, lon=31.5)
        for ident, rec in (("a", a), ("b", b), ("c", c)):
            art = Article(id=ident, text=f"Texte {ident}.", published="2024-03-16",
                          url=f"https://exemple.test/{ident}", source=f"Journal {ident}")
            store.add(art, art.text, [Event.from_dict(rec)])
        fuse(store)
    return path


def rows(db, sql):
    with open_store(db, read_only=True) as store:
        cur = store.db.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur]


def test_flat_events_one_column_per_scalar(ledger):
    found = rows(ledger, "SELECT * FROM flat_events WHERE launched >= 12 ORDER BY article_id")
    assert [r["article_id"] for r in found] == ["a", "b", "c"]
    a, b, c = found
    assert (a["weapons"], a["claimed_by"], a["claimed_by_side"], a["outlet"]) == \
        ("Shahed; Kalibr", "armée de l'air", "UA", "Journal a")
    assert (b["hedged"], b["killed"], a["killed"]) == ("true", 0, None)
    assert (c["location_precision"], c["lat"], c["lon"]) == ("country", None, None)


def test_child_views_one_row_per_list_item(ledger):
    munitions = rows(ledger, "SELECT weapon, launched, intercepted FROM flat_munitions "
                             "ORDER BY weapon")
    assert munitions == [{"weapon": "Kalibr", "launched": 4, "intercepted": 3},
                         {"weapon": "Shahed", "launched": 8, "intercepted": 7}]
    weapons = rows(ledger, "SELECT article_id, weapon FROM flat_weapons WHERE role = 'weapon' "
                           "ORDER BY article_id, weapon")
    assert [(w["article_id"], w["weapon"]) for w in weapons] == \
        [("a", "Kalibr"), ("a", "Shahed"), ("b", "Shahed")]


def test_fused_views_and_claims(ledger):
    kyiv, = rows(ledger, "SELECT * FROM flat_fused_events WHERE place = 'Kyiv'")
    assert (kyiv["reports"], kyiv["articles"], kyiv["article_ids"]) == (2, 2, "a; b")
    claims = rows(ledger, f"SELECT article_id, claimed_by, intercepted FROM flat_claims "
                          f"WHERE fused_id = '{kyiv['fused_id']}' ORDER BY article_id")
    assert [(c["article_id"], c["claimed_by"], c["intercepted"]) for c in claims] == \
        [("a", "armée de l'air", 10), ("b", None, 11)]
    assert {w["weapon"] for w in rows(ledger, "SELECT weapon FROM flat_fused_weapons")} >= \
        {"Shahed", "Kalibr"}


def test_codebook_and_metadata_are_up_to_date():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "codebook.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_view_column_is_described(ledger):
    described = yaml.safe_load((REPO / "docs" / "columns.yaml").read_text(encoding="utf-8"))
    with open_store(ledger, read_only=True) as store:
        views = [r[0] for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'view'")]
        for view in views:
            assert view in described["views"]
            for col in store.db.execute(f"PRAGMA table_info({view})"):
                assert col[1] in described["columns"], (view, col[1])


def test_datasette_serves_the_views_with_their_descriptions(ledger):
    from datasette.app import Datasette

    metadata = json.loads((REPO / "datasette" / "metadata.json").read_text(encoding="utf-8"))
    ds = Datasette([str(ledger)], metadata=metadata)

    async def fetch():
        await ds.invoke_startup()
        filtered = await ds.client.get(
            "/ledger/flat_events.json?_shape=array&launched__gte=12&outlet=Journal+b")
        claims = await ds.client.get("/ledger/flat_claims.json?_shape=array&claimed_by_side=UA")
        page = await ds.client.get("/ledger/flat_events")
        return filtered, claims, page

    filtered, claims, page = asyncio.run(fetch())
    assert filtered.status_code == 200
    assert [r["article_id"] for r in filtered.json()] == ["b"]
    assert [r["claimed_by"] for r in claims.json()] == ["armée de l'air"]
    assert page.status_code == 200
    assert "One row per article-level record" in page.text  # the view's description
