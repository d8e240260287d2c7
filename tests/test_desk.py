"""The desk's API: every route and its JSON twin, the token and origin rules, read-only
mode, escaping of hostile text, review decisions that survive re-extraction and
re-fusion, and undo. Records and texts are written for the tests."""
from __future__ import annotations

import pytest

from fusion_records import record
from veille.fuse import fuse
from veille.records import Article, Event
from veille.store import open_store

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from veille.desk.app import create_app, ensure_token  # noqa: E402

TOKEN = "jeton-de-test"
HOSTILE = "Un drone a frappé Kyiv. <script>alert('x')</script> <img src=x onerror=alert(1)>"


def _add(store, ident, rec, *, text=None, source=None):
    art = Article(id=ident, text=text or f"Texte {ident}.", published="2024-03-16",
                  source=source or f"Journal {ident}", url=f"https://exemple.test/{ident}")
    store.add(art, art.text, [Event.from_dict(rec)])


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    with open_store(path) as store:
        _add(store, "a", record("a", place="Kyiv", side="RU", weapons=["Shahed"], launched=12,
                                intercepted=10, evidence="Douze drones"), text=HOSTILE,
             source="<b>Le Journal</b>")
        _add(store, "b", record("b", place="Kyiv", side="RU", weapons=["Shahed"], launched=14))
        _add(store, "c", record("c", place="Kyiv", side="RU", weapons=["Shahed"], launched=12))
        _add(store, "d", record("d", type="threat", side="RU", actor="Kremlin"))
        _add(store, "e", record("e", country="UA", side="RU", launched=40, date="2024-03-20"))
        fuse(store)
    return path


@pytest.fixture
def client(ledger):
    return TestClient(create_app(ledger, token=TOKEN))


def kyiv(client):
    features = client.get("/api/events", params={"place": "Kyiv"}).json()["features"]
    fid, = [f["properties"]["fused_id"] for f in features]
    return client.get(f"/event/{fid}.json").json()


WRITE = {"X-Veille-Token": TOKEN}


@pytest.mark.parametrize("path", ["/", "/timeline", "/review", "/docs", "/openapi.json",
                                  "/api/events", "/api/timeline", "/index.json",
                                  "/timeline.json", "/review.json", "/article/a",
                                  "/article/a.json"])
def test_every_page_answers(client, path):
    assert client.get(path).status_code == 200


def test_pages_have_json_twins(client):
    event = kyiv(client)
    html = client.get(f"/event/{event['fused_id']}")
    assert html.headers["content-type"].startswith("text/html")
    accept = client.get(f"/event/{event['fused_id']}", headers={"Accept": "application/json"})
    assert accept.json()["fused_id"] == event["fused_id"]
    assert client.get("/", headers={"Accept": "application/json"}).json()["counts"]["fused"] >= 3


def test_map_data_geojson_with_precision_and_filters(client):
    data = client.get("/api/events").json()
    by_level = {f["properties"]["location_precision"]: f for f in data["features"]
                if f["properties"]["type"] == "strike"}
    assert by_level["place"]["geometry"]["type"] == "Point"
    assert by_level["country"]["geometry"] is None  # no invented point in central Ukraine
    threats = client.get("/api/events", params={"type": "threat"}).json()["features"]
    assert [f["properties"]["type"] for f in threats] == ["threat"]
    assert client.get("/api/events", params={"place": "Kyyiv"}).status_code == 422  # unknown
    assert len(client.get("/api/events", params={"place": "Kiev"}).json()["features"]) == 1
    assert client.get("/api/events", params={"since": "hier"}).status_code == 422
    assert client.get("/api/events", params={"min_reports": 3}).json()["features"][0][
        "properties"]["reports"] == 3


def test_timeline_by_day_and_side(client):
    days = {d["date"]: d for d in client.get("/api/timeline").json()}
    assert days["2024-03-15"]["by_side"]["RU"]["launched"] == 12
    assert days["2024-03-20"]["by_side"]["RU"]["launched"] == 40


def test_hostile_text_is_escaped(client):
    page = client.get("/article/a", params={"spans": "0-10"}).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<mark id=\"hl\">Un drone a</mark>" in page
    event = client.get(f"/event/{kyiv(client)['fused_id']}").text
    assert "<b>Le Journal</b>" not in event and "&lt;b&gt;Le Journal&lt;/b&gt;" in event


def test_writes_need_the_token_and_the_own_origin(client):
    event = kyiv(client)
    body = {"action": "confirm", "event_key": event["claims"][0]["event_key"],
            "fused_id": event["fused_id"]}
    assert client.post("/api/review", json=body).status_code == 401
    assert client.post("/api/review", json=body, headers={"X-Veille-Token": "faux"}).status_code == 401
    cross = client.post("/api/review", json=body,
                        headers={**WRITE, "Origin": "http://ailleurs.example"})
    assert cross.status_code == 403
    own = client.post("/api/review", json=body, headers={**WRITE, "Origin": "http://testserver"})
    assert own.status_code == 200
    bearer = client.post("/api/review", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_read_only_has_no_write_route_and_writes_nothing(ledger):
    before = ledger.read_bytes()
    ro = TestClient(create_app(ledger, read_only=True))
    assert ro.get("/").status_code == 200
    assert ro.post("/api/review", json={"action": "check"}, headers=WRITE).status_code in (404, 405)
    assert "/api/review" not in ro.get("/openapi.json").json()["paths"]
    assert ledger.read_bytes() == before
    assert not (ledger.parent / "ledger.db.token").exists()


def test_token_created_once_owner_only(tmp_path):
    db = tmp_path / "x.db"
    first, created = ensure_token(db)
    again, created_again = ensure_token(db)
    assert created and not created_again and first == again and len(first) >= 32
    assert oct((tmp_path / "x.db.token").stat().st_mode & 0o777) == "0o600"


def test_reject_correct_undo_and_the_audit(client, ledger):
    event = kyiv(client)
    assert event["reports"] == 3 and event["launched"] == 12
    key_b = next(c["event_key"] for c in event["claims"] if c["article_id"] == "b")
    rejected = client.post("/api/review", json={"action": "reject", "event_key": key_b,
                                                "fused_id": event["fused_id"], "who": "ana",
                                                "reason": "a copy"}, headers=WRITE).json()
    now = client.get(f"/event/{rejected['now']}.json").json()
    assert now["reports"] == 2 and "b" not in {c["article_id"] for c in now["claims"]}
    key_a = next(c["event_key"] for c in now["claims"] if c["article_id"] == "a")
    bad = client.post("/api/review", json={"action": "correct", "event_key": key_a,
                                           "field": "launched", "value": 13}, headers=WRITE)
    assert bad.status_code == 422  # a correction needs a reason
    corrected = client.post("/api/review", json={"action": "correct", "event_key": key_a,
                                                 "field": "intercepted", "value": 11,
                                                 "reason": "the ministry's figure", "who": "ana"},
                            headers=WRITE).json()
    now = client.get(f"/event/{corrected['now']}.json").json()
    assert now["intercepted"] == 11 and "reviewed" in now["flags"]
    assert now["flag_details"]["reviewed"][0]["intercepted"]["machine"] == 10
    # the article-level record keeps the machine's value (veille eval scores the machine)
    with open_store(ledger, read_only=True) as store:
        assert next(e for e in store.events() if e.article_id == "a").intercepted == 10
    undone = client.post(f"/api/review/{rejected['id']}/undo", json={"who": "ana"},
                         headers=WRITE).json()
    back = client.get(f"/event/{undone['now']}.json").json()
    assert back["reports"] == 3
    log = client.get("/review.json").json()["decisions"]
    assert [d["action"] for d in log] == ["reject", "correct", "undo"]
    assert log[0]["undone_at"] and log[2]["undoes"] == rejected["id"]
    assert log[1]["before"] == 10 and log[1]["value"] == 11 and log[1]["who"] == "ana"
    again = client.post(f"/api/review/{rejected['id']}/undo", json={}, headers=WRITE)
    assert again.status_code == 422


def test_decisions_survive_reextraction_and_refusion(client, ledger):
    event = kyiv(client)
    key_b = next(c["event_key"] for c in event["claims"] if c["article_id"] == "b")
    client.post("/api/review", json={"action": "reject", "event_key": key_b}, headers=WRITE)
    with open_store(ledger) as store:  # the same article read again, then fused from scratch
        _add(store, "b", record("b", place="Kyiv", side="RU", weapons=["Shahed"], launched=14))
        fuse(store, rebuild=True)
    assert kyiv(client)["reports"] == 2
    # the article now reads differently: its decision matches nothing, and says so
    with open_store(ledger) as store:
        store.db.execute("DELETE FROM events WHERE article_id = 'b'")
        fuse(store)
    assert client.get("/review.json").json()["unmatched"] == [1]
    assert "match no report" in client.get("/review").text


def test_vendor_assets_are_served_by_the_app(client):
    from veille.desk.app import missing_assets

    if missing_assets():
        pytest.skip("the desk's npm assets are not installed (make install)")
    assert client.get("/vendor/leaflet/dist/leaflet.js").status_code == 200
    assert client.get("/vendor/world-atlas/countries-50m.json").status_code == 200
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in client.get("/docs").text


def test_cli_outputs_keep_the_machine_values_with_a_reviewed_marker(client, ledger):
    import json

    from click.testing import CliRunner

    from veille.cli import cli

    event = kyiv(client)
    key_a = next(c["event_key"] for c in event["claims"] if c["article_id"] == "a")
    client.post("/api/review", json={"action": "correct", "event_key": key_a, "field": "launched",
                                     "value": 13, "reason": "the ministry's figure"}, headers=WRITE)
    out = CliRunner().invoke(cli, ["events", "--db", str(ledger), "--format", "jsonl"]).output
    a = next(json.loads(x) for x in out.splitlines() if x.startswith("{") and '"a"' in x)
    assert a["launched"] == 12 and a["reviewed"]["launched"]["value"] == 13
    fused = CliRunner().invoke(cli, ["events", "--db", str(ledger), "--fused", "--flag",
                                     "reviewed", "--format", "jsonl"]).output
    assert [json.loads(x)["flags"] for x in fused.splitlines() if x.startswith("{")] == [["reviewed"]]


def test_split_and_move_are_constraints_fusion_obeys(client, ledger):
    event = kyiv(client)
    key_c = next(c["event_key"] for c in event["claims"] if c["article_id"] == "c")
    split = client.post("/api/review", json={"action": "split", "event_key": key_c,
                                             "fused_id": event["fused_id"],
                                             "reason": "another strike that night"},
                        headers=WRITE).json()
    alone = client.get(f"/event/{client.get('/api/events', params={'place': 'Kyiv', 'type': 'strike'}).json()['features'][0]['properties']['fused_id']}.json")
    kyiv_events = client.get("/api/events", params={"place": "Kyiv", "type": "strike"}).json()
    assert sorted(f["properties"]["reports"] for f in kyiv_events["features"]) == [1, 2]
    with open_store(ledger) as store:  # a full re-fusion keeps the split
        fuse(store, rebuild=True)
    kyiv_events = client.get("/api/events", params={"place": "Kyiv", "type": "strike"}).json()
    assert sorted(f["properties"]["reports"] for f in kyiv_events["features"]) == [1, 2]
    big = next(f["properties"]["fused_id"] for f in kyiv_events["features"]
               if f["properties"]["reports"] == 2)
    # moving it back: to the event of the two others
    moved = client.post("/api/review", json={"action": "move", "event_key": key_c,
                                             "target": big}, headers=WRITE)
    assert moved.status_code == 200, moved.text
    kyiv_events = client.get("/api/events", params={"place": "Kyiv", "type": "strike"}).json()
    assert [f["properties"]["reports"] for f in kyiv_events["features"]] == [3]
    threat = client.get("/api/events", params={"type": "threat"}).json()["features"][0]
    wrong = client.post("/api/review", json={"action": "move", "event_key": key_c,
                                             "target": threat["properties"]["fused_id"]},
                        headers=WRITE)
    assert wrong.status_code == 422  # a strike report joins no threat
    assert alone.status_code == 200 and split["action"] == "split"


@pytest.mark.model
def test_ingest_from_the_page_extracts_stores_and_fuses(ledger, shared_extractor):
    import time

    app = create_app(ledger, token=TOKEN)
    app.state.extractor = shared_extractor  # the session's model: no second load
    client = TestClient(app)
    text = ("Le 2 avril 2024, l'armée russe a lancé six drones Shahed sur Poltava, a annoncé "
            "le gouverneur. Cinq ont été abattus et deux personnes ont été blessées.")
    job = client.post("/api/ingest", headers=WRITE, json={
        "text": text, "id": "collee", "published": "2024-04-02",
        "files": [{"name": "flux.jsonl", "content": "{\"id\": \"x\", \"text\": 5}\n"}]}).json()
    deadline = time.monotonic() + 60
    while job["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(f"/api/ingest/{job['id']}").json()
    assert job["state"] == "done", job
    assert (job["read"], job["skipped"]) == (1, 1)
    assert any("flux.jsonl:1" in n and "E007" in n for n in job["notices"]), job["notices"]
    poltava = client.get("/api/events", params={"place": "Poltava"}).json()["features"]
    assert poltava and poltava[0]["properties"]["launched"] == 6
    assert client.post("/api/ingest", headers=WRITE, json={"files": [
        {"name": "rapport.pdf", "content": "x"}]}).status_code == 422
    assert client.post("/api/ingest", headers=WRITE, json={}).status_code == 422
    assert client.post("/api/ingest", json={"text": text}).status_code == 401
    big = client.post("/api/ingest", headers={**WRITE, "Content-Type": "application/json"},
                      content=b'{"text": "' + b"x" * 20_000_001 + b'"}')
    assert big.status_code == 413


def test_timeline_page_takes_the_map_filters(client):
    page = client.get("/timeline", params={"side": "RU", "place": "Kiev", "type": "strike"})
    assert page.status_code == 200 and 'value="Kiev"' in page.text
    days = client.get("/timeline.json", params={"place": "Kiev", "type": "strike"}).json()["days"]
    assert [d["date"] for d in days] == ["2024-03-15"]


def test_review_fixes_from_the_code_review(client, ledger, tmp_path):
    # an empty token file never lets a write through: a new token is made
    db = tmp_path / "y.db"
    (tmp_path / "y.db.token").write_text("\n", encoding="utf-8")
    token, created = ensure_token(db)
    assert created and len(token) >= 32
    # a correction's value is checked: a date is a date, a count is no boolean
    event = kyiv(client)
    key = event["claims"][0]["event_key"]
    for field, value in (("date", "2024-ab"), ("launched", True), ("killed", -1)):
        bad = client.post("/api/review", json={"action": "correct", "event_key": key,
                                               "field": field, "value": value, "reason": "x"},
                          headers=WRITE)
        assert bad.status_code == 422, (field, value)


def test_a_javascript_url_is_never_a_link(tmp_path):
    path = tmp_path / "l.db"
    with open_store(path) as store:
        art = Article(id="j", text="Un drone a frappé Kyiv.", url="javascript:alert(1)")
        store.add(art, art.text, [])
    page = TestClient(create_app(path, token=TOKEN)).get("/article/j").text
    assert 'href="javascript' not in page and "javascript:alert(1)" in page


def test_the_store_is_usable_from_another_thread(ledger):
    import threading

    with open_store(ledger, read_only=True) as store:
        found = []
        worker = threading.Thread(target=lambda: found.append(store.counts()))
        worker.start()
        worker.join()
    assert found and found[0]["articles"] == 5


@pytest.mark.model
def test_upload_names_two_files_of_one_name_and_odd_names(ledger, tmp_path, shared_extractor):
    app = create_app(ledger, token=TOKEN)
    app.state.extractor = shared_extractor
    client = TestClient(app)
    long_name = "é" * 250 + ".txt"  # 254 characters, over 255 bytes
    job = client.post("/api/ingest", headers=WRITE, json={"files": [
        {"name": "a/../../flux.jsonl", "content": "{}\n"}, {"name": "flux.jsonl", "content": "{}\n"},
        {"name": ".cache.txt", "content": "texte"}, {"name": long_name, "content": "texte"}]})
    assert job.status_code == 200, job.text
    import time

    deadline = time.monotonic() + 60
    state = job.json()
    while state["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        state = client.get(f"/api/ingest/{state['id']}").json()
    # the two "flux.jsonl" are both read (each line a notice: an object without text)
    assert sum("E007" in n for n in state["notices"]) == 2, state
