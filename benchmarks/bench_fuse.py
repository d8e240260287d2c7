"""Fusion speed on synthetic article-level events: 10,000 and 100,000 reports.

Synthetic real-world events (strikes, threats, deployments over two years on real places of
the knowledge base) are each reported by 1 to 8 made-up articles, some with a coarser date
or place, other counts, or no attacker. The reports are written straight into a fresh store,
then ``fuse`` is timed. Printed per size: fusion time, a baseline (reading and parsing every
stored record once, in the same process), their ratio, the time of a second run (nothing
changed), of a run after 1% more articles about the last month, the process's peak memory so far, and B-cubed against the synthetic
truth.

    python benchmarks/bench_fuse.py [--sizes 10000 100000] [--seed 1]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from veille.fuse import fuse  # noqa: E402
from veille.fuse.evaluate import bcubed  # noqa: E402
from veille.kb import load_kb  # noqa: E402
from veille.records import content_hash  # noqa: E402
from veille.store import date_bounds, open_store  # noqa: E402

START = dt.date(2024, 1, 1)
WEAPONS = {"drone": ["drone", "Shahed", "Geran"], "missile": ["missile", "Kalibr", "Iskander",
                                                               "Kh-101", "ATACMS"]}


def _places():
    kb = load_kb()
    return [p for p in kb.places.values()
            if p.kind == "city" and p.country in ("UA", "RU") and p.lat is not None and not p.minor]


def synthetic(n_reports: int, seed: int, first_day: int = 0, days: int = 730):
    """(truth label, article id, record) triples, about n_reports of them, about events on
    ``days`` days from ``first_day`` days after the start."""
    rng = random.Random(seed)
    places = _places()
    out = []
    n_event = 0
    while len(out) < n_reports:
        n_event += 1
        label = f"E{n_event}"
        type_ = rng.choices(["strike", "threat", "deployment"], [8, 1, 1])[0]
        day = START + dt.timedelta(days=first_day + rng.randrange(days))
        place = rng.choice(places)
        side = "UA" if place.country == "RU" else "RU"
        kind = rng.choice(list(WEAPONS))
        weapon = rng.choice(WEAPONS[kind])
        launched = rng.randint(1, 60)
        speaker = rng.choice(["Vladimir Poutine", "Dmitri Peskov", "Maria Zakharova",
                              "Volodymyr Zelensky", "Andriy Yermak", "Dmitri Medvedev"])
        for r in range(rng.choice([1, 1, 2, 3, 4, 5, 6, 8])):
            coarse = rng.random()
            date = day.isoformat()
            loc = {"place": place.name, "admin1": place.admin1, "country": place.country,
                   "lat": place.lat, "lon": place.lon}
            if coarse < 0.08:
                date = date[:7]
            elif coarse < 0.18:
                loc = {"place": None, "admin1": place.admin1, "country": place.country,
                       "lat": None, "lon": None}
            elif coarse < 0.22:
                loc = {"place": None, "admin1": None, "country": place.country, "lat": None,
                       "lon": None}
            article = f"{label}-r{r}"
            record = {
                "article_id": article, "type": type_, "date": date,
                "location": None if type_ == "threat" else loc,
                "actor": ({"name": speaker, "side": speaker in ("Volodymyr Zelensky",
                                                                 "Andriy Yermak") and "UA" or "RU"}
                          if type_ == "threat" else
                          ({"name": side, "side": side} if rng.random() < 0.7 else None)),
                "weapons": [weapon] if rng.random() < 0.7 else [],
                "defenses": [], "launched": launched + rng.choice([0, 0, 0, 1, -1]),
                "intercepted": None, "hit": None, "killed": rng.choice([None, None, 1, 2]),
                "injured": None, "munitions": [],
                "claimed_by": {"name": rng.choice(["armée de l'air", "ministère"]),
                               "side": rng.choice(["UA", "RU"])},
                "hedged": False, "evidence": [f"Phrase {r} de {label}."],
                "event_id": content_hash(article), "evidence_spans": [[0, 20]],
                "provenance": {}}
            out.append((label, article, record))
    return out[:n_reports]


def load(store, triples, now="2026-12-01T00:00:00"):
    """Write articles and events straight into the store's tables."""
    arts, evs = [], []
    for _, article, rec in triples:
        h = content_hash(article)
        arts.append((h, article, rec["date"], None, f"outlet-{hash(article) % 40}", None, "fr",
                     None, article, article, now))
        start, end = date_bounds(rec["date"])
        loc = rec["location"] or {}
        text = json.dumps(rec, ensure_ascii=False)
        evs.append((f"{h}:{rec['event_id']}", rec["event_id"], h, article, rec["type"],
                    rec["date"], start, end, loc.get("place"), loc.get("admin1"),
                    loc.get("country"), loc.get("lat"), loc.get("lon"),
                    (rec["actor"] or {}).get("side"), text, content_hash(text)))
    with store.db:
        store.db.executemany("INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)", arts)
        store.db.executemany("INSERT OR REPLACE INTO events VALUES "
                             "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", evs)


def baseline(store) -> float:
    started = time.perf_counter()
    for (rec,) in store.db.execute("SELECT record FROM events"):
        json.loads(rec)
    return time.perf_counter() - started


def run(size: int, seed: int, tmp: Path) -> dict:
    triples = synthetic(size, seed)
    extra = synthetic(size // 100, seed + 1, first_day=700, days=30)  # news of the last month
    extra = [(f"X{label}", f"X{a}", dict(rec, article_id=f"X{a}",
                                         event_id=content_hash(f"X{a}"))) for label, a, rec in extra]
    with open_store(tmp / f"bench-{size}.db") as store:
        load(store, triples)
        base = baseline(store)
        t0 = time.perf_counter()
        report = fuse(store)
        first = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        again = fuse(store)
        second = time.perf_counter() - t0
        load(store, extra)
        t0 = time.perf_counter()
        more = fuse(store)
        incremental = time.perf_counter() - t0
        truth = {f"{content_hash(a)}:{rec['event_id']}": label for label, a, rec in triples}
        pred = dict(store.db.execute("SELECT event_key, fused_id FROM fused_members"))
    quality = bcubed(truth, pred)
    return {"size": size, "fused": report.fused, "fuse_s": first, "baseline_s": base,
            "ratio": first / base, "rerun_s": second, "rerun_changed": again.changed,
            "plus1pct_s": incremental, "plus1pct_blocks": more.changed,
            "blocks": report.blocks, "peak_mb": peak, **{f"b3_{k}": v for k, v in quality.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    load_kb()  # loaded once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        results = [run(size, args.seed, Path(tmp)) for size in args.sizes]
    print(f"{'reports':>8} {'fused':>7} {'fuse s':>7} {'read s':>7} {'ratio':>6} "
          f"{'rerun s':>8} {'+1% s':>6} {'blocks':>11} {'peak MB':>8} {'B3 P':>6} {'B3 R':>6}")
    for r in results:
        print(f"{r['size']:>8,} {r['fused']:>7,} {r['fuse_s']:>7.2f} {r['baseline_s']:>7.2f} "
              f"{r['ratio']:>6.1f} {r['rerun_s']:>8.2f} {r['plus1pct_s']:>6.2f} "
              f"{r['plus1pct_blocks']:>4}/{r['blocks']:<6} {r['peak_mb']:>8.0f} "
              f"{r['b3_precision']:>6.3f} {r['b3_recall']:>6.3f}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"scaling: {b['size'] / a['size']:.0f}x the reports took "
              f"{b['fuse_s'] / a['fuse_s']:.1f}x the time (near-linear is about "
              f"{b['size'] / a['size']:.0f}x)")


if __name__ == "__main__":
    main()
