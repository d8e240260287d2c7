"""Fusion speed on synthetic article-level events: 10,000 to 1,000,000 reports.

Synthetic real-world events on real places of the knowledge base, at a fixed, stated
density: 20 to 60 strikes a night on towns (plus one threat or deployment for every ten) and
each attacked country's tally of the night, each reported by 3 to 10 made-up articles, some
with a coarser date or place (the month, the region), other counts, or no attacker; more
reports cover more nights. The generator's counts are printed. The reports are written straight into a fresh store,
then ``fuse`` is timed. Printed per size: fusion time, a baseline (reading and parsing every
stored record once, in the same process), their ratio, the time of a second run (nothing
changed), of a run after 1% more articles about the last month, the process's peak memory so far, and B-cubed against the synthetic
truth.

    python benchmarks/bench_fuse.py [--sizes 10000 100000 1000000] [--seed 1]
"""
from __future__ import annotations

import argparse
import itertools
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


UA_SPEAKERS = ("Volodymyr Zelensky", "Andriy Yermak", "Rustem Umerov", "Andrii Sybiha",
               "Kyrylo Budanov", "Oleksandr Syrskyi")
SPEAKERS = UA_SPEAKERS + ("Vladimir Poutine", "Dmitri Peskov", "Maria Zakharova",
                          "Dmitri Medvedev", "Sergueï Lavrov", "Andreï Belooussov",
                          "Sergueï Choïgou", "Ramzan Kadyrov")
ATTACKS_PER_NIGHT = (20, 60)  # strikes a night (threats and deployments come on top, 1 in 10 each)
REPORTS_PER_EVENT = (3, 10)  # articles telling each one


def synthetic(n_reports: int, seed: int, first_day: int = 0, days: int | None = None):
    """(truth label, article id, record) triples, about n_reports of them. The density is
    fixed (``ATTACKS_PER_NIGHT`` strikes a night, each told by ``REPORTS_PER_EVENT``
    articles), so more reports means more nights, not more crowded ones; ``days`` instead
    spreads them over that many nights from ``first_day`` (the 'news of the last month')."""
    return list(itertools.islice(generate(seed, first_day, days), n_reports))


def generate(seed: int, first_day: int = 0, days: int | None = None):
    """The triples of :func:`synthetic`, one at a time, without end."""
    rng = random.Random(seed)
    places = _places()
    n_event = 0
    night = 0
    while True:
        out = []
        day = START + dt.timedelta(days=first_day + (rng.randrange(days) if days else night))
        night += 1
        strikes = rng.randint(*ATTACKS_PER_NIGHT)
        launched: dict[str, int] = {}
        for type_ in ["strike"] * strikes + rng.choices(["threat", "deployment"], k=strikes // 10):
            n_event += 1
            reports = _reports(rng, f"E{n_event}", type_, day, places)
            out.extend(reports)
            if type_ == "strike":
                country = reports[0][2]["location"]["country"]
                launched[country] = launched.get(country, 0) + reports[0][2]["launched"]
        if not days:  # each attacked country's tally of the night: an event of its own
            for country, total in sorted(launched.items()):
                n_event += 1
                out.extend(_tally(rng, f"E{n_event}", day, country, total))
        yield from out


def _tally(rng, label, day, country, total):
    """The reports of a country's overnight tally: the air force's or the ministry's count,
    relayed by 3 to 10 articles (a few with the figure rounded)."""
    side = "UA" if country == "RU" else "RU"
    body = "armée de l'air ukrainienne" if country == "UA" else "ministère russe de la Défense"
    out = []
    for r in range(rng.randint(*REPORTS_PER_EVENT)):
        article = f"{label}-r{r}"
        out.append((label, article, {
            "article_id": article, "type": "strike", "date": day.isoformat(),
            "location": {"place": None, "admin1": None, "country": country, "lat": None,
                         "lon": None},
            "actor": {"name": side, "side": side}, "weapons": ["drone", "missile"],
            "defenses": [], "launched": total if rng.random() < 0.8 else round(total, -1),
            "intercepted": None, "hit": None, "killed": None, "injured": None, "munitions": [],
            "claimed_by": {"name": body, "side": "UA" if country == "UA" else "RU"},
            "hedged": False, "evidence": [f"Phrase {r} de {label}."],
            "event_id": content_hash(article), "evidence_spans": [[0, 20]], "provenance": {}}))
    return out


def _reports(rng, label, type_, day, places):
    place = rng.choice(places)
    side = "UA" if place.country == "RU" else "RU"
    kind = rng.choice(list(WEAPONS))
    weapon = rng.choice(WEAPONS[kind])
    launched = rng.randint(1, 60)
    speaker = rng.choice(SPEAKERS)
    out = []
    for r in range(rng.randint(*REPORTS_PER_EVENT)):
        coarse = rng.random()
        date = day.isoformat()
        loc = {"place": place.name, "admin1": place.admin1, "country": place.country,
               "lat": place.lat, "lon": place.lon}
        if coarse < 0.08:
            date = date[:7]
        elif coarse < 0.18:
            loc = {"place": None, "admin1": place.admin1, "country": place.country,
                   "lat": None, "lon": None}
        article = f"{label}-r{r}"
        record = {
            "article_id": article, "type": type_, "date": date,
            "location": None if type_ == "threat" else loc,
            "actor": ({"name": speaker, "side": "UA" if speaker in UA_SPEAKERS else "RU"}
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
    return out


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
    # streamed into the store: only the truth stays in memory, so the peak is fusion's
    truth, events, last = {}, set(), ""
    with open_store(tmp / f"bench-{size}.db") as store:
        stream = itertools.islice(generate(seed), size)
        while chunk := list(itertools.islice(stream, 20_000)):
            load(store, chunk)
            for label, a, rec in chunk:
                truth[f"{content_hash(a)}:{rec['event_id']}"] = label
                events.add(label)
                last = max(last, rec["date"][:10])
        nights = (dt.date.fromisoformat(last) - START).days + 1
        # news of the last month: 1% more reports about its nights
        extra = synthetic(size // 100, seed + 1, first_day=max(0, nights - 30), days=30)
        extra = [(f"X{label}", f"X{a}", dict(rec, article_id=f"X{a}",
                                             event_id=content_hash(f"X{a}")))
                 for label, a, rec in extra]
    # fused through a connection of its own, as ``veille fuse`` after ``veille extract``
    # would: the store as extraction leaves it, its write-ahead log folded in on close
    with open_store(tmp / f"bench-{size}.db") as store:
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
        pred = dict(store.db.execute("SELECT event_key, fused_id FROM fused_members"))
    quality = bcubed(truth, pred)
    return {"size": size, "events": len(events), "nights": nights, "fused": report.fused, "fuse_s": first, "baseline_s": base,
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
    print(f"density: {ATTACKS_PER_NIGHT[0]}-{ATTACKS_PER_NIGHT[1]} strikes a night and 1 threat or "
          f"deployment for 10 of them, and each country's tally, {REPORTS_PER_EVENT[0]}-{REPORTS_PER_EVENT[1]} "
          f"reports each")
    for r in results:
        print(f"  {r['size']:,} reports: {r['events']:,} true events over {r['nights']:,} nights "
              f"({r['events'] / r['nights']:.0f} a night, {r['size'] / r['events']:.1f} reports each)")
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
