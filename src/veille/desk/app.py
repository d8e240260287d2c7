"""The analyst's desk: a local web app over the same library the command line uses.

Pages (each with a JSON twin: the same path with ``.json``, or ``Accept:
application/json``): the map and its filters (``/``), the timeline (``/timeline``), one
fused event with every claim (``/event/{id}``), an article's cleaned text with the evidence
highlighted (``/article/{id}``), the review log (``/review``). Data routes under ``/api``.
Writes (review decisions, undo) need the token stored beside the database and a request
from the app's own origin; in read-only mode no write route exists and the store is opened
read-only. Every script, style and map layer is served by the app itself.
"""
from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "node_modules"
# what the pages load from the npm packages (installed by make; see package.json)
VENDOR_FILES = ("leaflet/dist/leaflet.js", "leaflet/dist/leaflet.css",
                "topojson-client/dist/topojson-client.min.js", "world-atlas/countries-50m.json",
                "swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-dist/swagger-ui.css")
TYPES = ("strike", "deployment", "threat")
MAX_UPLOAD = 20_000_000  # bytes of one ingest request: beyond, 413
FLAGS = ("conflict", "inconsistent", "single_source", "undated", "reviewed")


def token_path(db: str | Path) -> Path:
    return Path(f"{db}.token")


def ensure_token(db: str | Path) -> tuple[str, bool]:
    """The desk's write token, created (readable by its owner only) at first start."""
    path = token_path(db)
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if len(token) >= 16:
            return token, False
        path.unlink()  # empty or too short: never a token anyone could guess
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    return token, True


def show_value(value) -> str:
    """A consensus value as a reader wants it (the template escapes the result)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if "weapon" in value:
            return f"{value['weapon']} " + "/".join(
                "–" if value.get(k) is None else str(value[k])
                for k in ("launched", "intercepted", "hit"))
        if "side" in value and "place" not in value:
            return f"{value.get('name') or ''} ({value.get('side') or '?'})".strip()
        return ", ".join(str(value[k]) for k in ("place", "admin1", "country") if value.get(k))
    if isinstance(value, list):
        return "; ".join(show_value(v) for v in value) or "–"
    return str(value)


def missing_assets() -> list[str]:
    return [f for f in VENDOR_FILES if not (VENDOR / f).is_file()]


class ReviewIn(BaseModel):
    """A review decision: confirm, reject or correct a report; check a fused event."""

    action: str = Field(description="confirm, reject, correct, split, move or check")
    event_key: str | None = Field(None, description="The report (its store key)")
    fused_id: str | None = Field(None, description="The fused event (for check)")
    field: str | None = Field(None, description="With correct: launched, intercepted, hit, "
                                                "killed, injured or date")
    value: Any = Field(None, description="With correct: the person's value")
    target: str | None = Field(None, description="With move: the fused event to move it to")
    reason: str | None = Field(None, max_length=2000)
    who: str | None = Field(None, max_length=200)


class UploadFile_(BaseModel):
    name: str = Field(max_length=300, description="The file's name (.txt, .html, .jsonl, .json)")
    content: str = Field(description="The file's text")


class IngestIn(BaseModel):
    """Articles to extract and store: pasted text and/or files read by the page."""

    text: str | None = Field(None, description="A pasted article")
    id: str | None = Field(None, max_length=300, description="The pasted article's id")
    published: str | None = Field(None, description="The pasted article's date, YYYY-MM-DD")
    files: list[UploadFile_] = Field(default_factory=list)


class UndoIn(BaseModel):
    reason: str | None = Field(None, max_length=2000)
    who: str | None = Field(None, max_length=200)


def create_app(db: str | Path, *, read_only: bool = False, token: str | None = None) -> FastAPI:
    """The desk over the store at ``db``. ``token``: the write token (read from beside the
    database when not given, unless read-only)."""
    from ..store import check_store_path

    db = str(db)
    check_store_path(db, must_exist=True)
    if not read_only and token is None:
        token, _ = ensure_token(db)
    app = FastAPI(title="veille desk", docs_url=None, redoc_url=None,
                  description="The ledger's map, timeline, claims and review. Every page has "
                              "a JSON twin: its path with .json, or Accept: application/json.")
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html
    templates.env.filters["show"] = show_value
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    if VENDOR.is_dir():
        app.mount("/vendor", StaticFiles(directory=str(VENDOR)), name="vendor")

    def store():
        from ..store import open_store

        s = open_store(db, read_only=read_only)
        try:
            yield s
        finally:
            s.close()

    def page(request: Request, name: str, data: dict, *, as_json: bool = False):
        if as_json or "application/json" in request.headers.get("accept", ""):
            return JSONResponse(data)
        return templates.TemplateResponse(request, name, {"data": data, "read_only": read_only,
                                                          "json": json.dumps(data, default=str)})

    # --- data ------------------------------------------------------------------------------

    def _filters(request: Request) -> dict:
        q = request.query_params
        out = {k: q.get(k) or None for k in ("since", "until", "type", "side", "weapon",
                                                "place", "flag")}
        try:
            out["min_reports"] = max(1, int(q.get("min_reports") or 1))
        except ValueError:
            raise HTTPException(422, "min_reports is a whole number") from None
        if out["type"] and out["type"] not in TYPES:
            raise HTTPException(422, f"type is one of {', '.join(TYPES)}")
        if out["flag"] and out["flag"] not in FLAGS:
            raise HTTPException(422, f"flag is one of {', '.join(FLAGS)}")
        from ..ingest import parse_published

        for key in ("since", "until"):
            if out[key]:
                parsed, problem = parse_published(out[key], key)
                if problem is not None or parsed != out[key]:
                    raise HTTPException(422, f"{key} is YYYY, YYYY-MM or YYYY-MM-DD")
        return out

    def _events(s, f: dict):
        from ..fuse.ledger import fused_events

        for e in fused_events(s, _flt(f)):
            side = (e.value("actor") or {}).get("side")
            if f["side"] and side != f["side"]:
                continue
            yield e

    def _flt(f: dict):
        from ..fuse.ledger import FusedFilter
        from ..kb import canonical_names, load_kb

        kb = load_kb() if f["place"] or f["weapon"] else None
        try:
            places = canonical_names(kb, f["place"], "place", strict=True)
            weapons = canonical_names(kb, f["weapon"], "weapon", strict=True)
        except ValueError as err:
            raise HTTPException(422, str(err)) from None
        return FusedFilter(type=f["type"], since=f["since"], until=f["until"], places=places,
                           weapons=weapons, flag=f["flag"], min_reports=f["min_reports"])

    @app.get("/api/events", summary="Fused events for the map (GeoJSON)")
    def api_events(request: Request, s=Depends(store)):
        """Fused events as a GeoJSON FeatureCollection: a point where a place or region is
        named (``location_precision`` says which), no geometry at country level."""
        from ..fuse.ledger import map_rows

        f = _filters(request)
        features = []
        for r in map_rows(s, _flt(f), side=f["side"]):
            precision = "place" if r["place"] else "admin1" if r["admin1"] else \
                "country" if r["country"] else None
            point = precision in ("place", "admin1") and r["lat"] is not None
            props = {**r, "location_precision": precision,
                     "weapons": r["weapons"].replace("|", "; ") if r["weapons"] else None,
                     "flags": r["flags"].split(",") if r["flags"] else []}
            if not point:
                props["lat"] = props["lon"] = None
            features.append({"type": "Feature", "id": r["fused_id"],
                             "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
                             if point else None, "properties": props})
        # serialised here: FastAPI's encoder walks every value (5x slower on 10^4 events)
        return Response(json.dumps({"type": "FeatureCollection", "features": features},
                                   ensure_ascii=False, separators=(",", ":")),
                        media_type="application/json")

    @app.get("/api/timeline", summary="Day by day, by attacker side")
    def api_timeline(request: Request, s=Depends(store)):
        """Per day (month-precise events under their month): events by type, and launched,
        intercepted, hit, killed and injured by attacker side, from the fused consensus (a
        local strike counted by the night's national tally is not counted twice)."""
        days: dict[str, dict] = {}
        for e in _events(s, _filters(request)):
            key = e.date or "undated"
            day = days.setdefault(key, {"date": key, "events": 0, "by_side": {}, "ids": []})
            day["events"] += 1
            day["ids"].append(e.fused_id)
            if e.type != "strike" or e.part_of:
                continue
            side = (e.value("actor") or {}).get("side") or "unknown"
            sums = day["by_side"].setdefault(side, {k: None for k in
                                                    ("launched", "intercepted", "hit", "killed",
                                                     "injured")})
            for k in sums:
                v = e.value(k)
                if v is not None:
                    sums[k] = (sums[k] or 0) + v
        return [days[k] for k in sorted(days, key=lambda d: (d == "undated", d))]

    # --- pages ---------------------------------------------------------------------------

    def _index_data(s) -> dict:
        counts = {"fused": s.db.execute("SELECT count(*) FROM fused_events").fetchone()[0],
                  "articles": s.db.execute("SELECT count(*) FROM articles").fetchone()[0]}
        return {"db": Path(db).name, "counts": counts, "types": TYPES, "flags": FLAGS,
                "assets_missing": missing_assets()}

    @app.get("/", response_class=HTMLResponse, summary="The map")
    def index(request: Request, s=Depends(store)):
        return page(request, "index.html", _index_data(s))

    @app.get("/index.json", include_in_schema=False)
    def index_json(request: Request, s=Depends(store)):
        return _index_data(s)

    @app.get("/timeline", response_class=HTMLResponse, summary="The timeline")
    def timeline_page(request: Request, s=Depends(store)):
        return page(request, "timeline.html", {"days": api_timeline(request, s),
                                               "filters": _filters(request)})

    @app.get("/timeline.json", include_in_schema=False)
    def timeline_json(request: Request, s=Depends(store)):
        return page(request, "timeline.html", {"days": api_timeline(request, s),
                                               "filters": _filters(request)}, as_json=True)

    def _event_data(s, fused_id: str) -> dict:
        from ..export import fused_dict
        from ..fuse.claims import by_side
        from ..fuse.ledger import find_fused, links_of, member_records
        from ..review import decisions

        event = find_fused(s, fused_id)
        if event is None:
            raise HTTPException(404, f"no fused event {fused_id!r}")
        data = fused_dict(event, member_records(s, event.members), links_of(s, event.fused_id))
        data["by_side"] = by_side(event.claims)
        keys = {c.event_key for c in event.claims}
        hashes = {k.split(":", 1)[0] for k in keys}
        data["decisions"] = [d.to_dict() for d in decisions(s)
                             if d.fused_id == event.fused_id or d.article_hash in hashes]
        # the reports a person rejected: out of the event, still shown to be undone
        return data

    @app.get("/event/{fused_id}", response_class=HTMLResponse, summary="One fused event")
    def event_page(request: Request, fused_id: str, s=Depends(store)):
        if fused_id.endswith(".json"):
            return page(request, "event.html", _event_data(s, fused_id[:-5]), as_json=True)
        return page(request, "event.html", _event_data(s, fused_id))

    @app.get("/article/{article_id}", response_class=HTMLResponse,
             summary="An article's cleaned text, evidence highlighted")
    def article_page(request: Request, article_id: str, s=Depends(store)):
        as_json = article_id.endswith(".json")
        article_id = article_id[:-5] if as_json else article_id
        row = s.db.execute("SELECT hash, id, title, url, source, published, cleaned FROM "
                           "articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        h, ident, title, url, source, published, text = row
        spans = []
        for part in (request.query_params.get("spans") or "").split(","):
            try:
                a, b = (int(x) for x in part.split("-"))
            except ValueError:
                continue
            if 0 <= a < b <= len(text):
                spans.append((a, b))
        segments, at = [], 0  # (text, highlighted): the template escapes each
        for a, b in sorted(spans):
            if a < at:
                continue
            segments += [(text[at:a], False), (text[a:b], True)]
            at = b
        segments.append((text[at:], False))
        safe = url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) \
            else None  # a "javascript:" url is never a link
        data = {"id": ident, "hash": h, "title": title, "url": url, "link": safe,
                "outlet": source,
                "published": published, "text": text, "spans": spans, "segments": segments}
        return page(request, "article.html", data, as_json=as_json)

    @app.get("/review", response_class=HTMLResponse, summary="The review log")
    def review_page(request: Request, s=Depends(store)):
        from ..review import decisions, unmatched

        data = {"decisions": [d.to_dict() for d in decisions(s)],
                "unmatched": [d.id for d in unmatched(s)]}
        return page(request, "review.html", data)

    @app.get("/review.json", include_in_schema=False)
    def review_json(request: Request, s=Depends(store)):
        from ..review import decisions, unmatched

        return {"decisions": [d.to_dict() for d in decisions(s)],
                "unmatched": [d.id for d in unmatched(s)]}

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="veille desk API",
                                   swagger_js_url="/vendor/swagger-ui-dist/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui-dist/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    if read_only:
        return app

    # --- writes: the token, from this origin ----------------------------------------------

    def authorized(request: Request) -> None:
        given = request.headers.get("x-veille-token") or ""
        auth = request.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not token or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a write needs the desk's token (X-Veille-Token)")
        origin = request.headers.get("origin")
        if origin is not None:
            own = f"{request.url.scheme}://{request.headers.get('host', '')}"
            if origin != own:
                raise HTTPException(403, f"writes come from the desk's own pages ({own})")

    def _refuse(s) -> None:
        from ..fuse import fuse

        fuse(s)

    @app.post("/api/review", summary="Record a review decision", dependencies=[Depends(authorized)])
    def post_review(body: ReviewIn, s=Depends(store)):
        from ..review import decide

        from ..fuse.ledger import find_fused

        before = find_fused(s, body.fused_id) if body.fused_id else None
        try:
            decision = decide(s, body.action, event_key=body.event_key, fused_id=body.fused_id,
                              field=body.field, value=body.value, reason=body.reason,
                              who=body.who, target=body.target)
        except ValueError as err:
            raise HTTPException(422, str(err)) from None
        _refuse(s)
        now = _now(s, before, body.event_key)
        if now and now != decision.fused_id:
            # the event the decision shows under: the one holding its report's siblings now
            # (a fused id follows its first report: rejecting that one gives a new id)
            with s.write():
                s.db.execute("UPDATE review_decisions SET fused_id = ? WHERE id = ?",
                             (now, decision.id))
        return {**decision.to_dict(), "fused_id": now or decision.fused_id, "now": now}

    def _now(s, before, key: str | None) -> str | None:
        """The fused event the page should show after a decision: the one that holds the
        decided report now, else one that holds another report of the event before."""
        from ..fuse.ledger import find_fused

        keys = ([key] if key else []) + (list(before.members) if before else [])
        for k in keys:
            found = find_fused(s, k)
            if found is not None:
                return found.fused_id
        return None

    jobs: dict[str, dict] = {}
    app.state.extractor = None
    import threading

    extracting = threading.Lock()  # one ingest extracts at a time: one pipeline, one thread

    def _run_ingest(job: dict, folder: str, pasted) -> None:
        """Extract and store in the background: the CLI's reading, limits and messages."""
        import shutil

        from ..extract import Extractor, Options, Result
        from ..fuse import fuse
        from ..ingest import read_articles
        from ..records import Notice
        from ..store import open_store

        try:
            job["state"] = "waiting for another ingest"
            with extracting:
                job["state"] = "loading the model"
                if app.state.extractor is None:
                    app.state.extractor = Extractor(Options())
                    app.state.extractor.nlp
                job["state"] = "extracting"
                items = list(read_articles([folder])) + pasted
                job["total"] = sum(1 for i in items if not isinstance(i, Notice))
                with open_store(db) as st:
                    for item in app.state.extractor.extract_many(items):
                        if isinstance(item, Notice):
                            job["notices"].append(str(item).replace(folder + "/", ""))
                            job["skipped" if item.skipped else "warnings"] += 1
                            continue
                        assert isinstance(item, Result)
                        kept = st.put(item.article, item.cleaned, item.events)
                        job["notices"] += [str(n) for n in kept.notices]
                        job["read"] += 1
                        job["events"] += len(kept.events)
                    job["state"] = "fusing"
                    fuse(st)
            job["state"] = "done"
        except Exception as err:  # noqa: BLE001 - the job says what broke, the app goes on
            job["state"] = "failed"
            job["error"] = f"{type(err).__name__}: {err}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    @app.post("/api/ingest", summary="Extract and store articles", dependencies=[Depends(authorized)])
    async def post_ingest(request: Request):
        """Pasted text and files (.txt, .html, .jsonl, .json) are read, extracted and stored
        in the background, then fused; poll ``/api/ingest/{job}`` for progress."""
        import tempfile
        import threading

        from ..ingest import SUFFIXES, parse_published
        from ..records import Article, Notice

        size = int(request.headers.get("content-length") or 0)
        if size > MAX_UPLOAD:
            raise HTTPException(413, f"at most {MAX_UPLOAD:,} bytes at once")
        raw = await request.body()
        if len(raw) > MAX_UPLOAD:
            raise HTTPException(413, f"at most {MAX_UPLOAD:,} bytes at once")
        try:
            body = IngestIn.model_validate_json(raw)
        except ValueError as err:
            raise HTTPException(422, str(err)[:500]) from None
        names = []
        for n, f in enumerate(body.files):
            name = Path(f.name.replace("\x00", "")).name.lstrip(".") or "file"
            if Path(name).suffix.lower() not in SUFFIXES:
                raise HTTPException(422, f"{name[:80]}: unsupported file type (.txt, .jsonl, "
                                         ".json, .html, .htm)")
            stem = Path(name).stem[:100]  # numbered: two files of one name are both read
            names.append(f"{n:04d}-{stem}{Path(name).suffix.lower()}")
        folder = tempfile.mkdtemp(prefix="veille-ingest-")
        try:
            for name, f in zip(names, body.files):
                Path(folder, name).write_text(f.content, encoding="utf-8", errors="replace")
        except (OSError, ValueError) as err:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(422, f"cannot take these files: {err}") from None
        pasted: list = []
        if body.text and body.text.strip():
            published, problem = parse_published(body.published, "published")
            if problem is not None:
                pasted.append(problem)
            from ..records import content_hash

            pasted.append(Article(id=body.id or f"pasted-{content_hash(body.text)[:8]}",
                                  text=body.text, published=published, origin="pasted text"))
        if not body.files and not pasted:
            raise HTTPException(422, "nothing to read: paste a text or add files")
        job_id = secrets.token_hex(6)
        jobs[job_id] = {"id": job_id, "state": "queued", "total": None, "read": 0,
                        "skipped": 0, "warnings": 0, "events": 0, "notices": [], "error": None}
        threading.Thread(target=_run_ingest, args=(jobs[job_id], folder, pasted),
                         daemon=True).start()
        return jobs[job_id]

    @app.get("/api/ingest/{job_id}", summary="Progress of an ingest")
    def get_ingest(job_id: str):
        if job_id not in jobs:
            raise HTTPException(404, f"no ingest {job_id!r}")
        return jobs[job_id]

    @app.post("/api/review/{decision_id}/undo", summary="Undo a review decision",
              dependencies=[Depends(authorized)])
    def post_undo(decision_id: int, body: UndoIn | None = None, s=Depends(store)):
        from ..review import undo

        body = body or UndoIn()
        try:
            decision = undo(s, decision_id, who=body.who, reason=body.reason)
        except ValueError as err:
            raise HTTPException(422, str(err)) from None
        _refuse(s)
        from ..review import _matching_records

        keys = [k for k, _ in _matching_records(s, decision)]
        return {**decision.to_dict(), "now": _now(s, None, keys[0] if keys else None)}

    return app
