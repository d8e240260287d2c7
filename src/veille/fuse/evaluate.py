"""Scoring fusion: B-cubed precision and recall of clusters against gold clusters.

A fusion set is a directory with ``articles.jsonl`` (the articles) and ``gold.jsonl`` (their
gold article-level events, each with a ``cluster`` label naming the real-world event it
reports). Two scores are computed over the gold records:

* ``gold input``: the gold records themselves are fused, which measures clustering alone;
* ``end to end``: the articles are extracted and fused, and each gold record takes the
  cluster of the predicted record matched to it (matching as in ``veille eval``); a gold
  record the extractor missed is a cluster of its own.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from ..evaluate import match
from .claims import Member
from .cluster import FuseOptions


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items of ``gold`` (item -> label); an item
    missing from ``pred`` is a predicted cluster of its own."""
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "items": 0}
    pred = {item: pred.get(item, f"\0{item}") for item in gold}
    gold_members, pred_members = defaultdict(set), defaultdict(set)
    for item, label in gold.items():
        gold_members[label].add(item)
        pred_members[pred[item]].add(item)
    p = r = 0.0
    for item in gold:
        g, q = gold_members[gold[item]], pred_members[pred[item]]
        both = len(g & q)
        p += both / len(q)
        r += both / len(g)
    p, r = p / len(gold), r / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "items": len(gold)}


def _pick(value):
    """A gold value with the scorer's devices resolved: the first non-null option."""
    if isinstance(value, dict) and "any" in value:
        options = [v for v in value["any"] if v is not None]
        return _pick(options[0]) if options else None
    if isinstance(value, dict):
        return {k: _pick(v) for k, v in value.items()}
    return value


def _pick_date(value):
    """A gold date with its alternatives resolved the way veille dates: the most precise,
    and of a night's two days the later (the morning the tallies give)."""
    if isinstance(value, dict) and "any" in value:
        options = [v for v in value["any"] if isinstance(v, str)]
        return max(options, key=lambda d: (len(d), d)) if options else None
    return value


def gold_record(gold: dict, kb) -> dict:
    """A gold line as an event record veille could have written (coordinates from the
    knowledge base, since gold gives names only)."""
    record = {k: _pick_date(v) if k == "date" else _pick(v) for k, v in gold.items()}
    loc = record.get("location")
    if loc and loc.get("place") and loc.get("lat") is None:
        for hit in kb.lookup(loc["place"], ("place",)):
            if hit.entry.lat is not None and (not loc.get("country") or
                                              hit.entry.country == loc.get("country")):
                loc["lat"], loc["lon"] = hit.entry.lat, hit.entry.lon
                break
    return record


def load_set(path: str | Path) -> tuple[list[dict], list[dict]]:
    """The articles and gold records of a fusion set; a bad line raises a VeilleError that
    names the file and line."""
    from ..errors import UsageErrors, VeilleError

    path = Path(path)

    def bad(where: str, what: str) -> VeilleError:
        return VeilleError("E101", UsageErrors.E101.format(where=where, what=what))

    def read(name: str) -> list[dict]:
        out = []
        with (path / name).open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise bad(f"{path / name}:{number}", f"malformed JSON: {err.msg}")
                if not isinstance(obj, dict):
                    raise bad(f"{path / name}:{number}", "not a JSON object")
                out.append((number, obj))
        return out

    articles = read("articles.jsonl")
    ids = set()
    for number, article in articles:
        if "id" not in article or "text" not in article:
            raise bad(f"{path / 'articles.jsonl'}:{number}", "an article needs 'id' and 'text'")
        ids.add(article["id"])
    gold = read("gold.jsonl")
    for number, record in gold:
        for key in ("article_id", "type", "cluster"):
            if key not in record:
                raise bad(f"{path / 'gold.jsonl'}:{number}", f"a gold record needs '{key}'")
        if record["article_id"] not in ids:
            raise bad(f"{path / 'gold.jsonl'}:{number}",
                      f"article {record['article_id']!r} is not in articles.jsonl")
    return [a for _, a in articles], [g for _, g in gold]


def _fuse_in_memory(records: list[tuple[str, dict, dict]], opts: FuseOptions) -> list:
    """Fuse (key, record, article) triples in memory: the fused events."""
    from ..kb import load_kb
    from . import _weapon_kinds, fuse_records, person_test, site_test
    from .cluster import block_of, item_from_record, undated_homes

    kinds = _weapon_kinds(load_kb())
    is_person, is_site = person_test(load_kb()), site_test(load_kb())
    items = [(block_of(record["type"], record.get("date")),
              item_from_record(key, key.split(":", 1)[0], record, kinds, is_person, is_site))
             for key, record, _ in records]
    # undated reports that strongly match the dated reports of one month are fused there
    homes = undated_homes([it for _, it in items if it.date is None], items, opts)
    blocks: dict[str, list[Member]] = defaultdict(list)
    for key, record, article in records:
        blocks[homes.get(key) or block_of(record["type"], record.get("date"))].append(Member(
            key=key, record=record, article_id=article["id"],
            published=article.get("published"), source=article.get("source"),
            url=article.get("url")))
    return [fused for block, members in sorted(blocks.items())
            for fused in fuse_records(block, members, opts, kinds, is_person,
                                         is_site=is_site)]


def _cluster_records(records: list[tuple[str, dict, dict]], opts: FuseOptions) -> dict[str, str]:
    """Fuse (key, record, article) triples in memory; key -> fused id."""
    return {key: fused.fused_id for fused in _fuse_in_memory(records, opts)
            for key in fused.members}


def link_scores(gold: list[dict], fused: list, opts: FuseOptions) -> dict:
    """Escalation links found on gold input against the gold's ``answers`` (threat to the
    strike it answers) and ``answered_threat`` (strike to the threat it answers) labels.
    A fused event stands for the gold cluster most of its members carry."""
    from collections import Counter

    from ..kb import load_kb
    from . import _response_cue
    from .links import escalation_links, facts_of

    label_of = {}
    for event in fused:
        labels = Counter(gold[int(key.rsplit(":", 1)[1])]["cluster"] for key in event.members)
        label_of[event.fused_id] = labels.most_common(1)[0][0]
    expected = set()
    for g in gold:
        if g.get("answers"):
            expected.add((g["cluster"], g["answers"], "answers"))
        if g.get("answered_threat"):
            expected.add((g["answered_threat"], g["cluster"], "followed_by"))
    response = _response_cue(load_kb())

    kb = load_kb()
    facts = {e.fused_id: facts_of(e, response, kb) for e in fused}
    links = escalation_links([facts[e.fused_id] for e in fused if e.type == "threat"],
                             [facts[e.fused_id] for e in fused if e.type == "strike"],
                             window_days=opts.window_days)
    found = {(label_of[ln.threat], label_of[ln.strike], ln.relation) for ln in links}
    tp = len(found & expected)
    p = tp / len(found) if found else 0.0
    r = tp / len(expected) if expected else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "gold": len(expected),
            "found": len(found)}


def evaluate_set(path: str | Path, extractor=None, opts: FuseOptions = FuseOptions()) -> dict:
    """B-cubed on one fusion set: on gold input, and end to end when an extractor is given."""
    from ..kb import load_kb

    kb = load_kb()
    articles, gold = load_set(path)
    by_id = {a["id"]: a for a in articles}
    gold = [g for g in gold if not g.get("optional")]
    labels = {f"{g['article_id']}:{i}": g["cluster"] for i, g in enumerate(gold)}
    triples = [(f"{g['article_id']}:{i}", gold_record(g, kb), by_id[g["article_id"]])
               for i, g in enumerate(gold)]
    fused = _fuse_in_memory(triples, opts)
    result = {"set": Path(path).name, "articles": len(articles), "gold_records": len(gold),
              "gold_clusters": len(set(labels.values())),
              "gold_input": bcubed(labels, {k: f.fused_id for f in fused for k in f.members}),
              "links_gold_input": link_scores(gold, fused, opts)}
    if extractor is not None:
        from ..records import Article

        preds: dict[str, list[dict]] = defaultdict(list)
        triples = []
        for article in articles:
            res = extractor.extract(Article.from_dict(article))
            for n, event in enumerate(res.events):
                record = event.to_dict()
                preds[article["id"]].append(record)
                triples.append((f"{article['id']}:p{n}", record, article))
        fused = _cluster_records(triples, opts)
        pred_labels = {}
        golds_by_article: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for i, g in enumerate(gold):
            golds_by_article[g["article_id"]].append((f"{g['article_id']}:{i}", g))
        matched = 0
        for aid, items in golds_by_article.items():
            for gi, pi in match([g for _, g in items], preds.get(aid, [])):
                pred_labels[items[gi][0]] = fused[f"{aid}:p{pi}"]
                matched += 1
        result["end_to_end"] = bcubed(labels, pred_labels)
        result["end_to_end"]["matched"] = matched
        result["predicted_records"] = len(triples)
        pairs = [(g, preds[aid][pi]) for aid, items in golds_by_article.items()
                 for gi, pi in match([g for _, g in items], preds.get(aid, []))
                 for g in [items[gi][1]]]
        figures = claimant_figures(pairs)
        if figures["figures"]:
            result["claimants"] = figures
    return result


COUNT_NAMES = ("launched", "intercepted", "hit", "killed", "injured")


def _values(value) -> set:
    if isinstance(value, dict) and "any" in value:
        return {v for v in value["any"] if v is not None}
    return {value} if value is not None else set()


def source_of(record: dict, field: str) -> tuple[int | None, str | None]:
    """The figure a record gives for a count and the side of the source it credits it to:
    the entry of its ``claims`` list that gives the figure (the record's own value first),
    else the record's claimant."""
    value = record.get(field)
    for entry in record.get("claims") or ():
        if entry.get(field) is not None and (value is None or entry.get(field) == value):
            return entry[field], (entry.get("claimed_by") or {}).get("side")
    return value, (record.get("claimed_by") or {}).get("side")


def claimant_figures(pairs: list[tuple[dict, dict]]) -> dict:
    """Issue 9's measure: of the figures a prediction gives that its matched gold record
    gives too (and credits to a source, ``figure_claimants``), the share whose source's
    side is right."""
    figures = right = 0
    for gold, pred in pairs:
        credited = gold.get("figure_claimants") or {}
        for field in COUNT_NAMES:
            if field not in credited or not _values(gold.get(field)):
                continue
            value, side = source_of(pred, field)
            if value is None:
                continue
            figures += 1
            right += side == (credited[field] or {}).get("side")
    return {"figures": figures, "right": right,
            "share": round(right / figures, 4) if figures else None}


def bcubed_mean(results: list[dict]) -> dict:
    """The mean of each mode's figures over sets (each set weighs the same); the
    claimant share over all figures."""
    out = {}
    told = [r["claimants"] for r in results if "claimants" in r]
    if told:
        n, ok = sum(t["figures"] for t in told), sum(t["right"] for t in told)
        out["claimants"] = {"figures": n, "right": ok, "share": round(ok / n, 4) if n else None}
    for mode in ("gold_input", "end_to_end", "links_gold_input"):
        found = [r[mode] for r in results if mode in r]
        if found:
            out[mode] = {k: round(sum(f[k] for f in found) / len(found), 4)
                         for k in ("precision", "recall", "f1") if k in found[0]}
    return out
