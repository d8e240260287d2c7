"""The desk in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium; nothing is downloaded): open the map, filter, open an event, follow a figure to
its highlighted evidence, reject a report, reload, see it gone, undo."""
from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from fusion_records import record
from veille.fuse import fuse
from veille.records import Article, Event
from veille.store import open_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Debian's chromium and chromium-driver are not installed "
                                       "(make test installs them with apt where it can)")
TOKEN = "jeton-navigateur"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from veille.desk.app import create_app, missing_assets

    if missing_assets():
        pytest.skip("the desk's npm assets are not installed (make install)")
    import uvicorn

    path = tmp_path_factory.mktemp("desk") / "ledger.db"
    with open_store(path) as store:
        for ident, rec in (
                ("a", record("a", place="Kyiv", side="RU", weapons=["Shahed"], launched=12)),
                ("b", record("b", place="Kyiv", side="RU", weapons=["Shahed"], launched=14)),
                ("c", record("c", place="Odesa", side="RU", weapons=["Kalibr"], launched=4)),
                ("d", record("d", type="threat", place="Kyiv", side="RU", actor="Kremlin")),
                ("e", record("e", country="UA", side="RU", launched=40, date="2024-03-20"))):
            text = f"Texte de l'article {ident}, écrit pour le test du navigateur. " * 3
            art = Article(id=ident, text=text, published="2024-03-16", source=f"Journal {ident}")
            store.add(art, art.text, [Event.from_dict(rec)])
        fuse(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(path, token=TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def test_map_filter_event_evidence_reject_undo(desk, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(desk + "/")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-markers"))
    markers = browser.find_elements(By.CSS_SELECTOR, "path.event-marker")
    assert len(markers) == 3  # Kyiv strike, Odesa strike, Kyiv threat; the national tally:
    listed = browser.find_elements(By.CSS_SELECTOR, "#country-level li")
    assert len(listed) == 1  # listed apart, not a dot in central Ukraine
    assert browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")  # borders drawn
    Select(browser.find_element(By.NAME, "type")).select_by_visible_text("threat")
    browser.find_element(By.ID, "apply").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.event-marker")) == 1)

    browser.get(desk + "/api/events?place=Kyiv&type=strike")
    fused_id = __import__("json").loads(browser.find_element(By.TAG_NAME, "pre").text)[
        "features"][0]["properties"]["fused_id"]
    browser.get(f"{desk}/event/{fused_id}")
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.claim")
    assert len(rows) == 2
    link = rows[0].find_element(By.CSS_SELECTOR, "a.evidence")
    link.click()
    mark = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "mark#hl"))
    assert mark.text == "Texte de l"  # characters 0-10: the report's evidence span

    browser.get(f"{desk}/event/{fused_id}")
    browser.execute_script(f"localStorage.setItem('veille-token', '{TOKEN}')")
    browser.get(f"{desk}/event/{fused_id}")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tr.claim")
               if "Journal b" in r.text)
    row.find_element(By.CSS_SELECTOR, "button[data-action=reject]").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.claim")) == 1)
    browser.refresh()
    claims = browser.find_elements(By.CSS_SELECTOR, "tr.claim")
    assert len(claims) == 1 and "Journal b" not in claims[0].text  # gone after a reload
    browser.find_element(By.CSS_SELECTOR, "button.undo").click()
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr.claim")) == 2)
    assert browser.find_elements(By.CSS_SELECTOR, "tr.decision.undone")
