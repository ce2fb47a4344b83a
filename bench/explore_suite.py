"""The Explore suite: page callbacks timed as functions (server time), and a browser page load on the real store."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bench.fresh import run_worker
from bench.pages import serve

ROOT = Path(__file__).resolve().parents[1]
CALLBACK_P95_MS = {"real": 150, "synthetic": 300}
PAGE_READY_S = 2.0
CHARTS_AFTER_SCROLL_S = 1.0  # a reader scrolling down should not wait on a blank box
EXPLORE_URL = "/explore?indicator=population_aged_65_plus&level=ward_2022"


def time_callbacks(store: Path, reps: int, seed: int) -> dict:
    """Each Explore callback's times in ms, and what a click on the map costs ({"round_trips", "queries", "ms"}),
    from a fresh process that builds the app on `store`."""
    answer = run_worker("bench.explore_worker", store, reps, seed)
    return {"times_ms": answer["times_ms"], "click": answer.get("click") or {}}


def time_page_load(store: Path, loads: int = 5) -> dict[str, list[float]]:
    """Explore in headless Chromium: seconds from navigation to the first screen drawn (the coloured map and the
    indicator's summary), and from a scroll down to the ranking, trend and table drawn (they draw when seen)."""
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(exe):
        return {"ready": [], "charts": []}
    from playwright.sync_api import sync_playwright

    server, url = serve(store)
    try:
        seconds: dict[str, list[float]] = {"ready": [], "charts": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for i in range(loads + 1):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                t0 = time.perf_counter()
                page.goto(url + EXPLORE_URL)
                page.wait_for_function("new Set(Array.from(document.querySelectorAll('path.leaflet-interactive'))"
                                       ".map(p => p.getAttribute('fill'))).size >= 3 && "
                                       "document.querySelector('#explore-meta p') !== null", timeout=30000)
                t1 = time.perf_counter()
                page.locator("#explore-table").scroll_into_view_if_needed()
                page.wait_for_function("document.querySelectorAll('#explore-table tbody tr').length > 10 && "
                                       "document.querySelectorAll('#explore-ranking .bars path').length > 10",
                                       timeout=30000)
                if i:  # the first load warms the server's caches and the browser's
                    seconds["ready"].append(t1 - t0)
                    seconds["charts"].append(time.perf_counter() - t1)
                page.close()
            browser.close()
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=10)
