"""The pages suite: each page loaded in headless Chromium, cold (empty cache) and warm (reload), as a visitor would.

    python -m bench.pages [--url http://127.0.0.1:8050]   -> a table; without --url it serves the app itself

Per page, the median of three loads: time until the page's first screen is drawn (cold and warm), KiB fetched, layout shift (CLS), blocking time
(long tasks beyond 50 ms, summed: Lighthouse's TBT measured rather than simulated) and which of the heavy libraries
were fetched. Lighthouse itself (`npx lighthouse --preset=desktop`) gives the scored figures; this needs no npm.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# page, the selector that says its first screen is drawn, and the libraries it may fetch (anything else is a FAIL);
# charts and tables further down draw when scrolled to (assets/04_lazy_until_seen.js), so a load fetches no plotly
PAGES = [
    ("/", "h1", {"dash_leaflet", "dash_extensions"}),
    ("/explore", "path.leaflet-interactive", {"dash_leaflet", "dash_extensions"}),
    ("/compare", "#compare-grid-body table", set()),
    ("/area/E05015253", "h1", {"dash_leaflet", "dash_extensions"}),
    ("/impact", "#impact-table table", set()),
    ("/data", "#data-count", set()),
]
CLS_TARGET, BLOCKING_TARGET_MS = 0.1, 200
COLD_LOADS = 3  # per page: the figures are medians
LIBRARIES = {"dash_leaflet": "/dash_leaflet/", "dash_extensions": "/dash_extensions/", "plotly": "plotly-basic"}
OBSERVE = """window.__bench = {cls: 0, blocking: 0};
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__bench.cls += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => { window.__bench.blocking += Math.max(0, e.duration - 50); }))
  .observe({type: 'longtask', buffered: true});"""


def serve(store: Path | None = None) -> tuple[subprocess.Popen, str]:
    """The app on a free loopback port, reading `store` (default OBSERVATORY_STORE), and its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # without the evidence packs a start makes ahead (a low-priority child, about a minute of CPU): pages are timed
    # as a running server serves them, not while it competes with that one-off job on 2 cores
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), OBSERVATORY_PRERENDER="0")
    if store is not None:
        env["OBSERVATORY_STORE"] = str(store)
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("app did not start within 90 s")


def _load(page, url: str, ready: str) -> dict:
    """One load: ms until `ready` is drawn, KiB fetched, CLS, blocking time and libraries fetched."""
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: fetched.append((r.url, (r.sizes() or {}).get("responseBodySize", 0))))
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, state="attached", timeout=60000)
    ms = (time.perf_counter() - start) * 1000
    page.wait_for_load_state("networkidle", timeout=60000)
    figures = page.evaluate("window.__bench")
    libs = sorted(name for name, part in LIBRARIES.items() if any(part in u for u, _ in fetched))
    return {"ms": ms, "kib": sum(n for _, n in fetched) / 1024, "cls": figures["cls"],
            "blocking": figures["blocking"], "libraries": libs}


def _median_load(loads: list[dict]) -> dict:
    """One figure per measure over several loads: the median (one cold load's blocking time swings by 2-3x)."""
    mid = {k: statistics.median(x[k] for x in loads) for k in ("ms", "kib", "cls", "blocking")}
    return {**mid, "blocking_max": max(x["blocking"] for x in loads),
            "libraries": sorted(set().union(*(x["libraries"] for x in loads)))}


def measure(base: str, repeats: int = COLD_LOADS) -> list[dict]:
    """Each page cold (a fresh browser context) then warm (a reload in the same context), `repeats` times."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for path, ready, allowed in PAGES:
            colds, warms = [], []
            for _ in range(repeats):
                context = browser.new_context(viewport={"width": 1350, "height": 940})
                context.add_init_script(OBSERVE)
                colds.append(_load(context.new_page(), base + path, ready))
                warms.append(_load(context.new_page(), base + path, ready))
                context.close()
            rows.append({"page": path, "cold": _median_load(colds), "warm": _median_load(warms), "allowed": allowed})
    return rows


def pages_suite(ctx):
    """The pages in Chromium on the real store: CLS, blocking time and libraries against the issue's targets."""
    from bench.run import Check, SuiteResult

    res = SuiteResult("pages")
    if not Path("/usr/bin/chromium").exists():
        res.notes.append("pages not measured: no /usr/bin/chromium (make system)")
        return res
    proc, base = serve()
    try:
        rows = measure(base)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    for r in rows:
        cold, warm = r["cold"], r["warm"]
        detail = f"warm {warm['ms']:.0f} ms, {cold['kib']:.0f} KiB, libraries: {', '.join(cold['libraries']) or 'none'}"
        res.checks.append(Check(f"{r['page']}: cold load to content", cold["ms"], "ms", detail=detail))
        res.checks.append(Check(f"{r['page']}: layout shift (CLS)", cold["cls"], "", CLS_TARGET))
        res.checks.append(Check(f"{r['page']}: blocking time (median of {COLD_LOADS} cold loads)", cold["blocking"], "ms",
                                BLOCKING_TARGET_MS, detail=f"slowest {cold['blocking_max']:.0f} ms"))
        extra = set(cold["libraries"]) - r["allowed"]
        res.checks.append(Check(f"{r['page']}: libraries it does not draw with", len(extra), "", 0,
                                detail=", ".join(sorted(extra))))
    res.data = {"pages": [{k: v for k, v in r.items() if k != "allowed"} for r in rows]}
    return res


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an app already running (default: serve one on OBSERVATORY_STORE)")
    args = ap.parse_args(argv)
    proc, base = (None, args.url.rstrip("/")) if args.url else serve()
    try:
        rows = measure(base)
    finally:
        if proc:
            proc.terminate()
    print(f"{'page':<18}{'cold ms':>9}{'warm ms':>9}{'KiB':>7}{'CLS':>7}{'block ms':>10}  libraries")
    for r in rows:
        c, w = r["cold"], r["warm"]
        print(f"{r['page']:<18}{c['ms']:>9.0f}{w['ms']:>9.0f}{c['kib']:>7.0f}{c['cls']:>7.3f}{c['blocking']:>10.0f}  "
              f"{', '.join(c['libraries']) or 'none'}")


if __name__ == "__main__":
    main()
