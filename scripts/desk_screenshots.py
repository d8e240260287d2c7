#!/usr/bin/env python3
"""Screenshots of each page of the desk, for the README, in headless Chromium (Debian's
chromium and chromium-driver).

    python scripts/desk_screenshots.py demo.db            writes docs/screenshots/*.png
"""
from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def serve(db: str):
    import uvicorn

    from veille.desk.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, read_only=True), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def browser():
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1400,950"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    import json
    import urllib.request

    server, base = serve(args.db)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    features = json.load(urllib.request.urlopen(base + "/api/events"))["features"]
    busiest = max(features, key=lambda f: (f["properties"]["reports"] or 0,
                                           f["properties"]["launched"] or 0))["properties"]
    event = json.load(urllib.request.urlopen(f"{base}/event/{busiest['fused_id']}.json"))
    claim = event["claims"][0]
    spans = ",".join(f"{a}-{b}" for a, b in claim["evidence_spans"])
    pages = {"map": "/", "timeline": "/timeline", "event": f"/event/{busiest['fused_id']}",
             "evidence": f"/article/{claim['article_id']}?spans={spans}#hl", "review": "/review"}
    driver = browser()
    try:
        for name, path in pages.items():
            driver.get(base + path)
            time.sleep(1.5 if name == "map" else 0.5)
            driver.save_screenshot(str(out / f"{name}.png"))
            print(out / f"{name}.png")
    finally:
        driver.quit()
        server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
