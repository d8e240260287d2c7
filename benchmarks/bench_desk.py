#!/usr/bin/env python3
"""Benchmark: the desk with 10,000 fused events in the store.

Prints the time the map's data route (/api/events) takes, unfiltered and filtered, and the
time until the map page is interactive (its markers drawn) in headless Chromium. The store
is generated: strikes on the towns of the fusion test places, day after day, every report a
different night (no merging), so the number of fused events is what is asked.

    python benchmarks/bench_desk.py                 # 10,000 fused events
    python benchmarks/bench_desk.py --events 2000
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def build(path: Path, n: int) -> None:
    from fusion_records import PLACES, record
    from veille.fuse import fuse
    from veille.records import Article, Event
    from veille.store import open_store

    towns = [p for p in PLACES if not p.startswith("P")]
    start = dt.date(2022, 3, 1)
    with open_store(path) as store:
        for i in range(n):
            day = (start + dt.timedelta(days=i // len(towns))).isoformat()
            town = towns[i % len(towns)]
            rec = record(f"a{i}", place=town, date=day, side="RU" if i % 3 else "UA",
                         weapons=["Shahed"] if i % 2 else ["Iskander"], launched=i % 40 + 1,
                         intercepted=i % 30)
            art = Article(id=f"a{i}", text=f"Dépêche {i}.", published=day, source=f"Journal {i % 50}")
            store.add(art, art.text, [Event.from_dict(rec)])
        fuse(store)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from veille.desk.app import create_app

    folder = Path(tempfile.mkdtemp())
    db = folder / "bench.db"
    t0 = time.perf_counter()
    build(db, args.events)
    print(f"store: {args.events:,} reports fused in {time.perf_counter() - t0:.1f} s")
    app = create_app(db, read_only=True)
    client = TestClient(app)
    for label, params in (("all", {}), ("one month", {"since": "2022-06", "until": "2022-06"}),
                          ("type+place", {"type": "strike", "place": "Odesa"})):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            res = client.get("/api/events", params=params)
            times.append(time.perf_counter() - t)
        n = len(res.json()["features"])
        print(f"/api/events {label:10}: {n:6,} events, median {statistics.median(times) * 1000:6.0f} ms "
              f"(min {min(times) * 1000:.0f})")
    if shutil.which("chromium") and shutil.which("chromedriver"):
        import socket
        import threading

        import uvicorn
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import WebDriverWait

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            times = []
            for _ in range(3):
                t = time.perf_counter()
                driver.get(f"http://127.0.0.1:{port}/")
                WebDriverWait(driver, 60).until(lambda d: d.execute_script(
                    "return document.body.dataset.markers"))
                times.append(time.perf_counter() - t)
            print(f"map page interactive (markers drawn): median {statistics.median(times):.2f} s")
        finally:
            driver.quit()
            server.should_exit = True
    else:
        print("no chromium: page time not measured")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
