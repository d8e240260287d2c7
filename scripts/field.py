#!/usr/bin/env python3
"""The field set: real French articles kept as pointers, their blind gold, and its scores.

The texts are third-party: they live in ``field/texts/<id>.txt`` (git-ignored), are
re-collected with the search tool from each pointer's ``query`` and ``url`` (see
field/README.md), and are checked against the pointer's ``sha256`` and ``length``.
The repo keeps only pointers (``field/pointers/<id>.json``) and gold whose evidence is
character offsets (``field/gold/<id>.jsonl``; a second annotator's in ``field/gold2/``).

    python scripts/field.py status              what is present, missing or stale; the make-up
    python scripts/field.py queries             the pointer list a re-collecting helper needs
    python scripts/field.py assemble            field/build/{tune,check,all}/articles.jsonl, gold.jsonl
    python scripts/field.py score               veille on tune and check (and dated / undated)
    python scripts/field.py score --errors      tune's per-article errors (never check's)
    python scripts/field.py agreement           second annotator against the first: the human ceiling
    python scripts/field.py compare             air-force tallies against the Air Force dataset
    python scripts/field.py import DIR          helper batches (DIR/<p>-pointers.jsonl, <p>-gold.jsonl)
    python scripts/field.py overlap             runs of a field text's or seed's words in the repo's files

Only the standard library, plus veille itself for ``score`` and ``compare``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELD = ROOT / "field"
POINTERS, GOLD, GOLD2 = FIELD / "pointers", FIELD / "gold", FIELD / "gold2"
TEXTS, BUILD = FIELD / "texts", FIELD / "build"
SHARED = ROOT.parent / "shared"
AIRFORCE = SHARED / "eval" / "raw" / "missile_attacks_daily" / "missile_attacks_daily.csv"
SPLITS = ("tune", "check")
POINTER_KEYS = ("id", "url", "query", "sha256", "length", "published", "outlet", "agency",
                "split", "group", "features")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_pointers() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(POINTERS.glob("*.json"))]


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def text_state(pointer: dict) -> tuple[str, str | None]:
    """("ok", text), ("missing", None) or ("stale", None) for one pointer's text file."""
    path = TEXTS / f"{pointer['id']}.txt"
    if not path.exists():
        return "missing", None
    text = path.read_text(encoding="utf-8")
    if len(text) != pointer["length"] or sha256(text) != pointer["sha256"]:
        return "stale", None
    return "ok", text


# ---------------------------------------------------------------------------- status

def cmd_status(args) -> int:
    pointers = load_pointers()
    if not pointers:
        print("no pointers in field/pointers", file=sys.stderr)
        return 1
    states = {p["id"]: text_state(p)[0] for p in pointers}
    counts = Counter(states.values())
    print(f"{len(pointers)} articles: {counts['ok']} present, {counts['missing']} missing, "
          f"{counts['stale']} stale (text differs from the pointer's sha256)")
    for p in pointers:
        if states[p["id"]] != "ok":
            print(f"  {states[p['id']]:8} {p['id']}  {p['url']}")
    gold = {p["id"]: read_jsonl(GOLD / f"{p['id']}.jsonl") for p in pointers}
    events = Counter(e["type"] for g in gold.values() for e in g if not e.get("optional"))
    years = Counter(p["published"][:4] if p["published"] else "undated" for p in pointers)
    print(f"outlets {len({p['outlet'] for p in pointers})}; "
          f"split {dict(Counter(p['split'] for p in pointers))}; "
          f"undated {sum(p['published'] is None for p in pointers)}")
    print("published: " + ", ".join(f"{k} {v}" for k, v in sorted(years.items())))
    print("gold events (required): " + ", ".join(f"{k} {v}" for k, v in sorted(events.items())) +
          f"; optional {sum(e.get('optional', False) for g in gold.values() for e in g)}; "
          f"second annotation {len(list(GOLD2.glob('*.jsonl')))} articles")
    features = Counter(f for p in pointers for f in p.get("features") or ())
    print("features: " + ", ".join(f"{k} {v}" for k, v in features.most_common()))
    return 0 if counts["ok"] == len(pointers) else 1


def cmd_queries(args) -> int:
    """One block per query: the urls to keep from its results and where to write each."""
    by_query = defaultdict(list)
    for p in load_pointers():
        if args.missing and text_state(p)[0] == "ok":
            continue
        by_query[p["query"]].append(p)
    for query, pointers in by_query.items():
        print(json.dumps({"query": query, "keep": [
            {"url": p["url"], "write": f"field/texts/{p['id']}.txt", "sha256": p["sha256"],
             "length": p["length"]} for p in pointers]}, ensure_ascii=False))
    return 0


# ---------------------------------------------------------------------------- assemble

def assemble(quiet: bool = False) -> dict[str, dict]:
    """Write field/build/<split>/{articles,gold}.jsonl from the texts present."""
    pointers = load_pointers()
    out: dict[str, dict] = {s: {"articles": [], "gold": [], "gold2": []} for s in (*SPLITS, "all")}
    missing = []
    for p in pointers:
        state, text = text_state(p)
        if state != "ok":
            missing.append((state, p["id"]))
            continue
        article = {"id": p["id"], "text": text, "published": p["published"], "url": p["url"],
                   "source": p["outlet"], "lang": "fr"}
        for split in (p["split"], "all"):
            out[split]["articles"].append(article)
            for key, folder in (("gold", GOLD), ("gold2", GOLD2)):
                out[split][key].extend(with_evidence(e, text) for e in read_jsonl(folder / f"{p['id']}.jsonl"))
    for split, parts in out.items():
        folder = BUILD / split
        folder.mkdir(parents=True, exist_ok=True)
        for key, rows in parts.items():
            with open(folder / f"{key}.jsonl", "w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not quiet:
        for state, ident in missing:
            print(f"{state}: field/texts/{ident}.txt", file=sys.stderr)
        sizes = ", ".join(f"{split} {len(out[split]['articles'])}" for split in SPLITS)
        print(f"assembled {len(out['all']['articles'])} of {len(pointers)} articles into "
              f"{BUILD.relative_to(ROOT)}/ ({sizes}); {len(missing)} missing or stale",
              file=sys.stderr)
    return out


def with_evidence(event: dict, text: str) -> dict:
    event = dict(event)
    event["evidence"] = [text[s:e] for s, e in event.get("evidence_spans") or ()]
    return event


def cmd_assemble(args) -> int:
    out = assemble()
    return 0 if out["all"]["articles"] else 1


# ---------------------------------------------------------------------------- score

def cmd_score(args) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from veille.evaluate import score
    from veille.extract import Extractor, Options
    from veille.ingest import read_articles
    from veille.records import Article

    built = assemble(quiet=True)
    if not built["all"]["articles"]:
        print("no field texts present: nothing to score (field/README.md says how to "
              "re-collect them)", file=sys.stderr)
        return 1
    if args.errors and args.split is None:
        args.split = "tune"  # errors are read on tune only
    if args.errors and args.split != "tune":
        print("--errors is for the tune split only: check's per-article errors are never read",
              file=sys.stderr)
        return 2
    extractor = Extractor(Options(lang="fr"))
    report = {}
    for split in ((args.split,) if args.split else SPLITS):
        folder = BUILD / split
        articles = [a for a in read_articles([folder / "articles.jsonl"]) if isinstance(a, Article)]
        preds = [e.to_dict() for r in extractor.extract_many(articles) if hasattr(r, "events")
                 for e in r.events]
        with open(folder / "pred.jsonl", "w", encoding="utf-8") as handle:
            for row in preds:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        gold = built[split]["gold"]
        undated = {a.id for a in articles if not a.published}
        result = score(gold, preds, details=args.errors)
        report[split] = {
            "articles": len(articles), "gold_events": sum(not g.get("optional") for g in gold),
            "events": result["events"], "slots": result["slots"], "fields": result["fields"],
            "dated": score([g for g in gold if g["article_id"] not in undated], preds)["events"],
            "undated": score([g for g in gold if g["article_id"] in undated], preds)["events"]}
        if args.errors:
            print_errors(result["log"], {a.id: a.text for a in articles})
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print_report(report)
    return 0


def print_report(report: dict) -> None:
    fields = sorted({f for r in report.values() for f in r["fields"]})
    splits = list(report)
    print(f"{'':14}" + "".join(f"{s:>22}" for s in splits))
    print(f"{'articles':14}" + "".join(f"{r['articles']:>22}" for r in report.values()))
    print(f"{'gold events':14}" + "".join(f"{r['gold_events']:>22}" for r in report.values()))
    for name, key in (("event P/R/F1", "events"), ("slot P/R/F1", "slots")):
        print(f"{name:14}" + "".join(
            f"{r[key]['p']:>8.3f}{r[key]['r']:>7.3f}{r[key]['f1']:>7.3f}" for r in report.values()))
    for name in ("dated", "undated"):
        print(f"{'recall ' + name:14}" + "".join(
            f"{r[name]['r']:>15.3f} ({r[name]['tp'] + r[name]['fn']:>3})" for r in report.values()))
    print("per field F1:")
    for f in fields:
        print(f"  {f:12}" + "".join(f"{r['fields'].get(f, {}).get('f1', 0):>22.3f}"
                                    for r in report.values()))


def print_errors(log: list[dict], texts: dict[str, str]) -> None:
    keys = ("date", "location", "actor", "weapons", "defenses", "launched", "intercepted", "hit",
            "killed", "injured", "claimed_by", "hedged")
    for item in log:
        gold, pred = item["gold"] or {}, item["pred"] or {}
        diffs = [k for k in keys if _brief(gold.get(k), k) != _brief(pred.get(k), k)]
        if item["kind"] == "match" and not diffs:
            continue
        print(f"== {item['kind']:8} {item['article']}  {(gold or pred).get('type')}")
        for k in (keys if item["kind"] != "match" else diffs):
            g, p = gold.get(k), pred.get(k)
            if g in (None, [], False) and p in (None, [], False):
                continue
            print(f"   {k:12} gold {_brief(g, k)!s:40.40} pred {_brief(p, k)!s:40.40}")
        if pred.get("evidence_spans"):
            print(f"   pred evidence at {pred['evidence_spans']}")


def _brief(value, key):
    if isinstance(value, dict) and "any" in value:
        return "any" + str([_brief(v, key) for v in value["any"]])
    if key == "location" and isinstance(value, dict):
        return "/".join(str(value.get(k)) for k in ("place", "admin1", "country"))
    if key in ("actor", "claimed_by") and isinstance(value, dict):
        return value.get("side")
    return value


# ---------------------------------------------------------------------------- agreement

def cmd_agreement(args) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from veille.evaluate import score

    built = assemble(quiet=True)
    second = {g["article_id"] for g in built["all"]["gold2"]} | {
        p.stem for p in GOLD2.glob("*.jsonl")}
    present = {a["id"] for a in built["all"]["articles"]}
    ids = second & present
    if not ids:
        print("no doubly annotated article present", file=sys.stderr)
        return 1
    # each annotation is scored as the other's prediction: its required records, with the
    # first value of each 'any' (an optional record is one its author would not insist on)
    first = [g for g in built["all"]["gold"] if g["article_id"] in ids]
    second = [g for g in built["all"]["gold2"] if g["article_id"] in ids]
    result = score(first, [as_prediction(g) for g in second if not g.get("optional")])
    result_rev = score(second, [as_prediction(g) for g in first if not g.get("optional")])
    if args.json:
        print(json.dumps({"articles": len(ids), "second_vs_first": result,
                          "first_vs_second": result_rev}, indent=1))
        return 0
    print(f"{len(ids)} articles annotated twice")
    for name, r in (("second scored against first", result), ("first scored against second", result_rev)):
        e, s = r["events"], r["slots"]
        print(f"{name:30} event P {e['p']:.3f} R {e['r']:.3f} F1 {e['f1']:.3f}   slot F1 {s['f1']:.3f}")
    mean_e = (result["events"]["f1"] + result_rev["events"]["f1"]) / 2
    mean_s = (result["slots"]["f1"] + result_rev["slots"]["f1"]) / 2
    print(f"human ceiling (mean of both directions): event F1 {mean_e:.3f}, slot F1 {mean_s:.3f}")
    return 0


def as_prediction(event: dict) -> dict:
    """A gold record as a plain prediction: the first value of each 'any', no optional."""
    out = {}
    for key, value in event.items():
        if key in ("optional", "weapons_ok"):
            continue
        out[key] = _first(value)
    if isinstance(out.get("location"), dict):
        out["location"] = {k: _first(v) for k, v in out["location"].items()}
    return out


def _first(value):
    if isinstance(value, dict) and "any" in value:
        return next((v for v in value["any"] if v is not None), None)
    return value


# ---------------------------------------------------------------------------- compare

def _why_missing(check, stated, preds, published) -> str:
    """Why veille gives no national figure the article states: it read that figure nowhere,
    or in a record that is not the country's tally (a town's or region's, another
    country's), or in a tally with no day to set it against."""
    from veille.compare import _day, event_figures

    key = (check.figure, check.weapon_class)
    own = next((c.veille for c in stated if c.article_id == check.article_id and
                (c.figure, c.weapon_class) == key), None)
    mine = [e for e in preds if e["article_id"] == check.article_id and e.get("type") == "strike"]
    holding = [e for e in mine if event_figures(e).get(key) == own]
    if not holding:
        return "not read" if not any(key in event_figures(e) for e in mine) else "another value"
    loc = holding[0].get("location") or {}
    if loc.get("place") or loc.get("admin1"):
        return "read in a town's or region's record"
    if not loc.get("country"):
        return "read in a record with no place"
    if loc.get("country") != "UA":
        return "read in a record of another country"
    if _day(published.get(check.article_id)) is None and _day(holding[0].get("date")) is None:
        return "read, with no day"
    return "read elsewhere"


def cmd_compare(args) -> int:
    """Where an article credits a national tally to the Ukrainian air force (by its gold),
    veille's figure for that night against the Air Force dataset; and the articles' own
    figures against it (what a perfect reader would reach)."""
    sys.path.insert(0, str(ROOT / "src"))
    from veille.compare import Check, agreement, compare_airforce, format_checks, load_airforce

    dataset = Path(args.dataset)
    if not dataset.exists():
        print(f"{dataset}: the Air Force dataset is not here (../shared/eval/raw)", file=sys.stderr)
        return 1
    built = assemble(quiet=True)
    if not built["all"]["articles"]:
        print("no field texts present: nothing to compare", file=sys.stderr)
        return 1
    for split in SPLITS:
        if not (BUILD / split / "pred.jsonl").exists():
            print(f"field/build/{split}/pred.jsonl is missing: run 'score' first", file=sys.stderr)
            return 1
    nights = load_airforce(dataset)
    published = {a["id"]: a["published"] for a in built["all"]["articles"]}
    gold = [as_prediction(g) for g in built["all"]["gold"] if not g.get("optional")]
    stated = compare_airforce(gold, nights, published=published)
    preds = [e for s in SPLITS for e in read_jsonl(BUILD / s / "pred.jsonl")
             if e["article_id"] in {c.article_id for c in stated}]
    found = {}
    for c in compare_airforce(preds, nights, published=published, credited=False):
        key = (c.article_id, c.figure, c.weapon_class)
        if key not in found or c.agrees:
            found[key] = c
    checks = []
    for c in stated:  # every figure the article states: veille's, or none
        mine = found.get((c.article_id, c.figure, c.weapon_class))
        checks.append(mine if mine is not None else Check(
            article_id=c.article_id, event_id=None, night=c.night, figure=c.figure,
            weapon_class=c.weapon_class, veille=-1, dataset=c.dataset, agrees=False,
            note="veille gives no such figure"))
    split_of = {p["id"]: p["split"] for p in load_pointers()}
    print(f"== {len({c.article_id for c in stated})} articles credit a national tally to the "
          f"Ukrainian air force ({len(stated)} figures)")
    for split in SPLITS:
        mine = [c for c in checks if split_of.get(c.article_id) == split]
        print(f"-- {split}: veille against the dataset" +
              (" (veille -1: no figure)" if split == "tune" else " (rates only: check's "
               "per-article errors are never read)"))
        text = format_checks(mine)
        if split != "tune":
            text = "\n".join(line for line in text.splitlines() if " agree (" in line)
        print(text)
        wrong = [c for c in mine if not c.agrees]
        print(f"disagreements {len(wrong)}: {sum(c.veille == -1 for c in wrong)} with no figure "
              f"from veille, {sum(c.veille != -1 for c in wrong)} with another value")
        why = Counter(_why_missing(c, stated, preds, published) for c in wrong if c.veille == -1)
        if why:  # counts only: on check, no article is named
            print("  no figure, why: " + "; ".join(f"{n} {reason}" for reason, n in why.most_common()))
    print("-- both splits: veille against the dataset")
    print(_rates(agreement(checks)))
    print("-- the articles' own figures (gold) against the dataset: what a perfect reader reaches")
    print(_rates(agreement(stated)))
    agreed = {(c.article_id, c.figure, c.weapon_class) for c in stated if c.agrees}
    print("-- veille where the article's own figure agrees with the dataset (its reading alone)")
    print(_rates(agreement([c for c in checks if (c.article_id, c.figure, c.weapon_class) in agreed])))
    return 0


def _rates(rates: dict) -> str:
    return "\n".join(f"{name:12} {r['agreed']}/{r['checked']} agree ({r['rate']:.1%})"
                     for name, r in rates.items())


# ---------------------------------------------------------------------------- import

def _slug(outlet: str) -> str:
    flat = unicodedata.normalize("NFKD", outlet)
    flat = "".join(c for c in flat if c.isalnum() or c in " -.").lower()
    flat = re.sub(r"\.(?:fr|com|be|ch|ca|net|org|info|lu|eu)\b", "", flat)
    return re.sub(r"[^a-z0-9]+", "-", flat).strip("-")[:20] or "page"


def cmd_import(args) -> int:
    """Helper batches to pointers and gold with offsets; splits new groups once."""
    work = Path(args.dir)
    POINTERS.mkdir(parents=True, exist_ok=True)
    GOLD.mkdir(parents=True, exist_ok=True)
    existing = {p["url"]: p for p in load_pointers()}
    taken_texts = {p["sha256"] for p in existing.values()}
    imported = problems = 0
    for pointer_file in sorted(work.glob("*-pointers.jsonl")):
        prefix = pointer_file.name[: -len("-pointers.jsonl")]
        gold_by_tmp = defaultdict(list)
        for line_no, event in enumerate(read_jsonl(work / f"{prefix}-gold.jsonl"), 1):
            gold_by_tmp[event.get("article_id")].append((line_no, event))
        for raw in read_jsonl(pointer_file):
            tmp = raw["tmp_id"]
            src = TEXTS / f"{tmp}.txt"
            if raw["url"] in existing or not src.exists():
                if not src.exists():
                    print(f"{tmp}: no text file, skipped", file=sys.stderr)
                    problems += 1
                continue
            text = src.read_text(encoding="utf-8")
            digest = sha256(text)
            if digest in taken_texts:
                print(f"{tmp}: same text as an article already in the set, skipped", file=sys.stderr)
                continue
            ident = f"{_slug(raw.get('outlet') or 'page')}-{hashlib.sha1(raw['url'].encode()).hexdigest()[:6]}"
            published = raw.get("published") or None
            month = published[:7] if published else "undated"
            pointer = {"id": ident, "url": raw["url"], "query": raw["query"], "sha256": digest,
                       "length": len(text), "published": published, "outlet": raw.get("outlet"),
                       "agency": raw.get("agency"), "split": None,
                       "group": f"{_slug(raw.get('outlet') or 'page')}|{month}",
                       "features": sorted(set(raw.get("features") or ()))}
            events = []
            for line_no, event in gold_by_tmp.get(tmp, ()):
                event, lost = as_offsets(event, text)
                for ev in lost:
                    print(f"{prefix}-gold.jsonl:{line_no}: evidence not found in {tmp}: "
                          f"{len(ev)} characters", file=sys.stderr)
                    problems += 1
                event["article_id"] = ident
                events.append(event)
            (POINTERS / f"{ident}.json").write_text(json.dumps(pointer, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
            (GOLD / f"{ident}.jsonl").write_text(
                "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
            (TEXTS / f"{ident}.txt").write_text(text, encoding="utf-8")
            existing[raw["url"]] = pointer
            taken_texts.add(digest)
            imported += 1
    assign_splits()
    problems += import_second(work)
    print(f"imported {imported} articles, {problems} problems", file=sys.stderr)
    return 0


def import_second(work: Path) -> int:
    """A second annotator's gold (``<p>-second.jsonl``, final ids) into field/gold2/."""
    GOLD2.mkdir(parents=True, exist_ok=True)
    texts = {p["id"]: text_state(p)[1] for p in load_pointers()}
    problems = 0
    by_id = defaultdict(list)
    for path in sorted(work.glob("*-second.jsonl")):
        for line_no, event in enumerate(read_jsonl(path), 1):
            ident = event.get("article_id")
            if texts.get(ident) is None:
                print(f"{path.name}:{line_no}: no such article or no text: {ident}", file=sys.stderr)
                problems += 1
                continue
            event, lost = as_offsets(event, texts[ident])
            for ev in lost:
                print(f"{path.name}:{line_no}: evidence not found in {ident}: {len(ev)} characters",
                      file=sys.stderr)
                problems += 1
            by_id[ident].append(event)
        for ident in _annotated_ids(path):
            by_id.setdefault(ident, [])
    for ident, events in by_id.items():
        (GOLD2 / f"{ident}.jsonl").write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    return problems


def _annotated_ids(path: Path) -> list[str]:
    """The articles a second annotator read (``<p>-second-ids.txt``), events or not."""
    ids = path.with_name(path.name.replace("-second.jsonl", "-second-ids.txt"))
    return ids.read_text(encoding="utf-8").split() if ids.exists() else []


def as_offsets(event: dict, text: str) -> tuple[dict, list[str]]:
    """The event with every piece of evidence as offsets: its own (``evidence``, or strings
    left in ``evidence_spans``) and each claim's. The strings not found are returned."""
    def convert(item: dict) -> tuple[dict, list[str]]:
        typed = [e for e in item.get("evidence_spans") or () if isinstance(e, str)]
        kept = [e for e in item.get("evidence_spans") or () if not isinstance(e, str)]
        spans, lost = evidence_spans(list(item.get("evidence") or ()) + typed, text)
        out = {k: v for k, v in item.items() if k != "evidence"}
        out["evidence_spans"] = kept + spans
        return out, lost

    out, lost = convert(event)
    if isinstance(out.get("claims"), list):
        claims = []
        for claim in out["claims"]:
            if isinstance(claim, dict) and ("evidence" in claim or "evidence_spans" in claim):
                claim, missed = convert(claim)
                lost += missed
            claims.append(claim)
        out["claims"] = claims
    return out, lost


def text_in_gold(event: dict) -> bool:
    """Does a gold record still hold article text as evidence, anywhere in it?"""
    def walk(node) -> bool:
        if isinstance(node, dict):
            return any((key in ("evidence", "evidence_spans") and isinstance(value, list) and
                        any(isinstance(v, str) for v in value)) or walk(value)
                       for key, value in node.items())
        return isinstance(node, list) and any(walk(v) for v in node)
    return walk(event)


def evidence_spans(evidence, text: str) -> tuple[list[list[int]], list[str]]:
    """Offsets of each evidence string in the text (exactly, else ignoring how white space
    and quotes were typed); the strings not found."""
    spans, lost = [], []
    for ev in evidence:
        start = text.find(ev)
        if start >= 0:
            spans.append([start, start + len(ev)])
            continue
        found = _loose_find(ev, text)
        if found:
            spans.append(list(found))
        else:
            lost.append(ev)
    return spans, lost


def _loose_find(needle: str, text: str) -> tuple[int, int] | None:
    """Find ``needle`` with runs of white space as one space and ’ as '."""
    flat_chars, index = [], []
    prev_space = False
    for i, c in enumerate(text):
        if c.isspace():
            if prev_space:
                continue
            c, prev_space = " ", True
        else:
            prev_space = False
        flat_chars.append("'" if c == "’" else c)
        index.append(i)
    target = re.sub(r"\s+", " ", needle.replace("’", "'")).strip()
    pos = "".join(flat_chars).find(target) if target else -1
    if pos < 0:
        return None
    return index[pos], index[pos + len(target) - 1] + 1


def assign_splits() -> None:
    """Give each outlet-and-month group without a split one, once, keeping the halves even;
    a split, once given, never changes."""
    pointers = load_pointers()
    size = Counter(p["split"] for p in pointers if p["split"])
    groups = defaultdict(list)
    for p in pointers:
        groups[p["group"]].append(p)
    for group in sorted(groups, key=lambda g: hashlib.sha1(g.encode()).hexdigest()):
        members = groups[group]
        known = {p["split"] for p in members if p["split"]}
        split = known.pop() if known else min(SPLITS, key=lambda s: (size[s], s))
        for p in members:
            if p["split"] is None:
                p["split"] = split
                size[split] += 1
                (POINTERS / f"{p['id']}.json").write_text(
                    json.dumps(p, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------- overlap

_OVERLAP_FILES = ("tests", "src", "docs", "examples", "benchmarks", "scripts", "field")
_OVERLAP_SKIP = {".tsv", ".pyc", ".db", ".parquet", ".png", ".jpg", ".gz"}
_SHINGLE = 8


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"\w+", "".join(c for c in folded if not unicodedata.combining(c)))


def _repo_files() -> list[Path]:
    """The files the repo holds (git's list where there is one; else the tracked folders,
    without the texts, the build and the helpers' work)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode("utf-8").split("\0")
        files = [ROOT / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        files = [f for top in _OVERLAP_FILES for f in sorted((ROOT / top).rglob("*"))] + \
            sorted(ROOT.glob("*.md"))
        files = [f for f in files if not {TEXTS, BUILD, FIELD / "work"} & set(f.parents)]
    # (a pointer holds its page's url, whose slug is the headline: that is the pointer)
    return [f for f in files if f.is_file() and f.suffix not in _OVERLAP_SKIP
            and POINTERS not in f.parents]


def cmd_overlap(args) -> int:
    """Third-party wording that crept into the repo: every run of at least ``--words``
    words that a file shares with a field text or a seed article. Runs of formulaic
    phrases stay short ("a indiqué l'armée de l'air ukrainienne"); a long run is a copied
    sentence, to be rewritten in our own words."""
    sources = sorted(TEXTS.glob("*.txt")) + sorted((SHARED / "dev" / "seeds").glob("*.txt"))
    if not sources:
        print("no field texts or seeds present: nothing to compare against", file=sys.stderr)
        return 2
    shingles: dict[str, str] = {}
    for path in sources:
        words = _words(path.read_text(encoding="utf-8"))
        for i in range(len(words) - _SHINGLE + 1):
            shingles.setdefault(" ".join(words[i:i + _SHINGLE]), path.stem)
    found = 0
    for path in _repo_files():
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        hits = [" ".join(words[i:i + _SHINGLE]) in shingles for i in range(len(words) - _SHINGLE + 1)]
        i = 0
        while i < len(hits):
            if not hits[i]:
                i += 1
                continue
            j = i
            while j < len(hits) and hits[j]:
                j += 1
            length = j - i + _SHINGLE - 1
            if length >= args.words:
                found += 1
                source = shingles[" ".join(words[i:i + _SHINGLE])]
                print(f"{path.relative_to(ROOT)}: {length} words shared with {source}: "
                      f"{' '.join(words[i:i + 6])} ...")
            i = j
    print(f"{found} run{'s' * (found != 1)} of {args.words} or more words shared with "
          f"{len(sources)} texts", file=sys.stderr)
    return 1 if found else 0


# ---------------------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("status", help="present, missing and stale texts; the set's make-up")
    q = sub.add_parser("queries", help="the queries and urls to re-collect the texts")
    q.add_argument("--missing", action="store_true", help="only what is missing or stale")
    sub.add_parser("assemble", help="write field/build/<split>/articles.jsonl and gold.jsonl")
    s = sub.add_parser("score", help="extract and score tune and check")
    s.add_argument("--split", choices=SPLITS)
    s.add_argument("--errors", action="store_true", help="per-article errors (tune only)")
    s.add_argument("--json", action="store_true")
    a = sub.add_parser("agreement", help="the second annotation against the first")
    a.add_argument("--json", action="store_true")
    c = sub.add_parser("compare", help="air-force tallies against the Air Force dataset")
    c.add_argument("--dataset", default=str(AIRFORCE))
    i = sub.add_parser("import", help="import helper batches")
    i.add_argument("dir")
    o = sub.add_parser("overlap", help="runs of a field text's words in the repo's files")
    o.add_argument("--words", type=int, default=15, help="shortest run reported (default 15)")
    args = parser.parse_args(argv)
    return {"status": cmd_status, "queries": cmd_queries, "assemble": cmd_assemble,
            "score": cmd_score, "agreement": cmd_agreement, "compare": cmd_compare,
            "import": cmd_import, "overlap": cmd_overlap}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
