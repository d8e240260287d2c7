"""Scoring extracted events against gold events: ``veille eval GOLD PRED``.

The definitions are those of the project's reference scorer (../shared/eval/score.py):
events are matched inside each article, type by type, greedily by similarity; event F1
counts matched events and slot F1 every filled field. A test checks that both give the
same figures. Only the standard library is used.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict

COUNTS = ("launched", "intercepted", "hit", "killed", "injured")
FAMILIES = {"pantsirs1": "pantsir", "pantsirsm": "pantsir", "iskanderm": "iskander",
            "iskanderk": "iskander", "shahed136": "shahed", "shahed131": "shahed",
            "geran2": "geran", "geran1": "geran", "kh101": "kh101", "s400triumf": "s400",
            "mgm140": "atacms", "mgm140atacms": "atacms", "stormshadowscalp": "stormshadow",
            "scalpeg": "scalp", "drones": "drone", "uav": "drone", "missiles": "missile",
            "ballisticmissiles": "ballisticmissile", "cruisemissiles": "cruisemissile"}
ALIASES_PLACE = {"kiev": "kyiv", "moscou": "moscow", "koursk": "kursk", "kharkov": "kharkiv",
                 "odessa": "odesa", "dnipropetrovsk": "dnipro"}


def norm(value):
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, int):
        return value
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if c.isalnum()).lower()
    return text or None


def weapon_key(name):
    key = norm(name)
    return FAMILIES.get(key, key) if key else None


def place_key(name):
    key = norm(name)
    return ALIASES_PLACE.get(key, key) if key else None


def options(gold_value, keyfn):
    """Acceptable normalised values, and whether leaving it empty is acceptable."""
    if isinstance(gold_value, dict) and "any" in gold_value:
        vals = gold_value["any"]
        return {keyfn(v) for v in vals if v is not None}, any(v is None for v in vals)
    if gold_value is None:
        return set(), True
    return {keyfn(gold_value)}, False


def get(event, path):
    cur = event
    for part in path.split("."):
        if isinstance(cur, dict) and "any" in cur and part not in cur:
            return cur  # an "any" at a higher level is handled by the caller
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def location_slot(gold):
    """Compare location at the finest level that the gold gives."""
    loc = gold.get("location")
    if isinstance(loc, dict) and "any" in loc:
        return None
    loc = loc or {}
    for level in ("place", "admin1", "country"):
        val = loc.get(level)
        if val is not None:
            return level
    return None


def scalar_slots(gold, pred):
    """Yield (field, outcome) for each scalar field; outcome in tp/fp/fn/fpfn/none."""
    def judge(gval, pval, keyfn):
        ok, may_be_empty = options(gval, keyfn)
        p = keyfn(pval) if pval is not None else None
        if p is None:
            return "none" if (not ok or may_be_empty) else "fn"
        if p in ok:
            return "tp"
        if not ok:
            return "fp"
        return "fpfn"

    yield "date", judge(gold.get("date"), pred.get("date") if pred else None, str)
    level = location_slot(gold)
    ploc = (pred or {}).get("location") or {}
    if level:
        keyfn = place_key if level == "place" else norm
        yield "location", judge(gold["location"][level], ploc.get(level), keyfn)
    elif pred and (ploc.get("place") or ploc.get("admin1") or ploc.get("country")):
        yield "location", "none" if gold.get("location") is not None else "fp"
    yield "actor", judge(side(gold.get("actor")), side((pred or {}).get("actor")), norm)
    yield "claimed_by", judge(side(gold.get("claimed_by")), side((pred or {}).get("claimed_by")), norm)
    for field in COUNTS:
        gval = gold.get(field)
        pval = (pred or {}).get(field)
        yield field, judge(gval, pval if isinstance(pval, int) else None, lambda v: int(v))
    if "hedged" in gold:
        g = gold["hedged"]
        p = bool((pred or {}).get("hedged", False))
        yield "hedged", ("tp" if p == g else "fpfn") if g else ("none" if not p else "fp")


def side(obj):
    if isinstance(obj, dict) and "any" in obj:
        return {"any": [side(o) if isinstance(o, dict) else o for o in obj["any"]]}
    if isinstance(obj, dict):
        return obj.get("side")
    return obj


def list_slots(gold, pred, field):
    gset = {weapon_key(w) for w in (gold.get(field) or [])}
    pset = {weapon_key(w) for w in ((pred or {}).get(field) or [])}
    ok = {weapon_key(w) for w in (gold.get(field + "_ok") or [])}
    tp = len(gset & pset)
    fp = len(pset - gset - ok)
    fn = len(gset - pset)
    return tp, fp, fn


def compatible_date(g, p):
    if g is None or not isinstance(p, str):
        return 0
    gs = [v for v in (g["any"] if isinstance(g, dict) else [g]) if v]
    if not gs:
        return 0
    if p in gs:
        return 1.0
    if any(p.startswith(gv) or gv.startswith(p) for gv in gs):
        return 0.5
    return -1.5


def similarity(g, p):
    score = compatible_date(g.get("date"), p.get("date"))
    gl, pl = g.get("location") or {}, p.get("location") or {}
    if isinstance(gl, dict) and "any" not in gl and pl:
        places, _ = options(gl.get("place"), place_key)
        admins, _ = options(gl.get("admin1"), norm)
        countries, _ = options(gl.get("country"), norm)
        if places and place_key(pl.get("place")) in places:
            score += 1.0
        elif admins and norm(pl.get("admin1")) in admins:
            score += 0.8
        elif countries and norm(pl.get("country")) in countries:
            score += 0.3
        elif countries and pl.get("country"):
            score -= 1.0
    gw = {weapon_key(w) for w in g.get("weapons") or []}
    pw = {weapon_key(w) for w in p.get("weapons") or []}
    if gw & pw:
        score += 1.0
    gs, ps = side(g.get("actor")), side(p.get("actor"))
    if isinstance(gs, str) and gs and ps:
        score += 0.5 if norm(gs) == norm(ps) else -0.5
    for field in COUNTS:
        gv, pv = g.get(field), p.get(field)
        if isinstance(gv, int) and isinstance(pv, int):
            score += 0.4 if gv == pv else -0.2
    if g.get("type") == "threat" and isinstance(gs, str) and gs and norm(gs) == norm(ps):
        score += 0.5
    return score


def match(golds, preds):
    """Greedy one-to-one matching of one article's gold and predicted events of the same
    type: best similarity first; on ties, required gold before optional, then file order.
    Returns (gold index, prediction index) pairs."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if g.get("type") == p.get("type"):
                sim = similarity(g, p)
                if sim >= 0.5:
                    pairs.append((sim, gi, pi))
    pairs.sort(key=lambda t: (-t[0], bool(golds[t[1]].get("optional")), t[1], t[2]))
    used_g, used_p, matches = set(), set(), []
    for sim, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matches.append((gi, pi))
    return matches


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(gold_events, pred_events, details=False):
    by_article = defaultdict(lambda: ([], []))
    for g in gold_events:
        by_article[g["article_id"]][0].append(g)
    gold_articles = set(by_article)
    for p in pred_events:
        if p.get("article_id") in gold_articles:
            by_article[p["article_id"]][1].append(p)
    ev = {"tp": 0, "fp": 0, "fn": 0}
    slots = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    log = []

    def add_scalars(g, p):
        for field, outcome in scalar_slots(g, p):
            s = slots[field]
            if outcome == "tp":
                s["tp"] += 1
            elif outcome == "fp":
                s["fp"] += 1
            elif outcome == "fn":
                s["fn"] += 1
            elif outcome == "fpfn":
                s["fp"] += 1
                s["fn"] += 1
        for field in ("weapons", "defenses"):
            tp, fp, fn = list_slots(g, p, field)
            slots[field]["tp"] += tp
            slots[field]["fp"] += fp
            slots[field]["fn"] += fn

    for article, (golds, preds) in sorted(by_article.items()):
        matches = match(golds, preds)
        used_g = {gi for gi, _ in matches}
        used_p = {pi for _, pi in matches}
        for gi, pi in matches:
            g, p = golds[gi], preds[pi]
            if g.get("optional"):
                continue
            ev["tp"] += 1
            add_scalars(g, p)
            log.append(("match", article, g, p))
        for gi, g in enumerate(golds):
            if gi not in used_g and not g.get("optional"):
                ev["fn"] += 1
                add_scalars(g, None)
                log.append(("missed", article, g, None))
        empty_gold = {"type": None}
        for pi, p in enumerate(preds):
            if pi not in used_p:
                ev["fp"] += 1
                for field, outcome in scalar_slots(empty_gold, p):
                    if outcome == "fp":
                        slots[field]["fp"] += 1
                for field in ("weapons", "defenses"):
                    slots[field]["fp"] += len(p.get(field) or [])
                log.append(("spurious", article, None, p))

    def prf(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), **c}

    total = {"tp": 0, "fp": 0, "fn": 0}
    for c in slots.values():
        for k in total:
            total[k] += c[k]
    result = {"events": prf(ev), "slots": prf(total),
              "fields": {k: prf(v) for k, v in sorted(slots.items())}}
    if details:
        result["log"] = [
            {"kind": kind, "article": art,
             "gold": {k: v for k, v in (g or {}).items() if k != "evidence"} or None,
             "pred": {k: v for k, v in (p or {}).items() if k != "evidence"} or None}
            for kind, art, g, p in log]
    return result


def format_report(result: dict) -> str:
    """The reference scorer's plain-text report."""
    lines = []
    for name, c in result["fields"].items():
        lines.append(f"{name:12s} P {c['p']:.3f}  R {c['r']:.3f}  F1 {c['f1']:.3f}")
    e, s = result["events"], result["slots"]
    lines.append(f"events       P {e['p']:.3f}  R {e['r']:.3f}  F1 {e['f1']:.3f}  "
                 f"(tp {e['tp']} fp {e['fp']} fn {e['fn']})")
    lines.append(f"slot F1 {s['f1']:.3f}  event F1 {e['f1']:.3f}")
    return "\n".join(lines)
