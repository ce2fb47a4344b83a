"""The Compare suite: each view's callback timed as a plain function (server time), p95 against 300 ms.

    python -m bench.compare_suite STORE REPS SEED   -> one JSON line: {"times_ms": {view: [ms, ...]}, "largest": ...}
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from bench.fresh import real_store, run_worker

ROOT = Path(__file__).resolve().parents[1]
VIEW_P95_MS = 300  # issue #6: each view answers a change in at most 300 ms server time at the p95


def time_views(store: Path, reps: int, seed: int) -> dict:
    """Each view's times in ms from a fresh process that builds the app on `store`."""
    return run_worker("bench.compare_suite", store, reps, seed)


def compare_suite(ctx):
    """Compare's five views as functions on the real store: p95 of each against 300 ms."""
    from bench.run import Check, SuiteResult, _median_p95

    res = SuiteResult("compare")
    # the target is the real store's (issue #6): the synthetic one has no pre-2023 wards, LSOA 2011 or IMD
    store = real_store()
    if store is None:
        res.notes.append("compare views not timed: no real store (make store)")
        return res
    got = time_views(store, max(20, ctx.reps // 2), ctx.seed)
    res.data = got
    for view, values in got["times_ms"].items():
        med, p95 = _median_p95(values)
        res.checks.append(Check(f"view {view}: p95 (median {med:.1f} ms)", p95, "ms", VIEW_P95_MS,
                                detail=f"{len(values)} redraws on the real store, random theme/level/benchmark"))
    theme, level, cells, ms = got["largest"]
    res.notes.append(f"largest grid: {theme} at {level}, {cells} cells, built in {ms:.0f} ms (server)")
    return res


def main() -> None:
    """Time every view's redraw with random valid states, and the largest grid of the store."""
    store, reps, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["OBSERVATORY_STORE"] = store
    from app import create_app

    create_app()
    import pages.compare as cp
    from data.schema import BENCHMARKS, MAP_LEVELS
    from pages._compare_state import LSOA_LEVELS, level_indicators, theme_indicators
    from queries import compare as cq

    rng = random.Random(seed)
    cov = cq.coverage()
    pairs = [(t, lv) for t in sorted(set(cov["theme"])) for lv in MAP_LEVELS if theme_indicators(cov, t, lv)]
    lsoa = [i for lv in LSOA_LEVELS for i in level_indicators(cov, lv)]
    names = {"grid": cp.redraw_grid, "scatter": cp.redraw_scatter, "inequality": cp.redraw_inequality,
             "side": cp.redraw_side, "similar": cp.redraw_similar}
    times: dict[str, list[float]] = {v: [] for v in names}
    for _ in range(reps):
        theme, level = rng.choice(pairs)
        ids = theme_indicators(cov, theme, level)
        at_level = level_indicators(cov, level)
        codes = cp.level_areas(level)["area_code"].tolist()
        chosen = rng.sample(codes, k=min(rng.randint(2, 6), len(codes)))
        for view, redraw in names.items():
            values = {"theme": theme, "level": level, "period": "latest", "benchmark": rng.choice(list(BENCHMARKS)),
                      "view": view, "areas": chosen, "sort": rng.choice(["name", *ids]), "order": "desc",
                      "x": rng.choice(at_level), "y": rng.choice(at_level), "ineq": rng.choice(lsoa) if lsoa else None,
                      "groups": rng.choice(["decile", "quintile"]), "target": rng.choice(codes), "on": []}
            t0 = time.perf_counter()
            redraw(*(values[k] for k in cp.CONTROLS))
            times[view].append((time.perf_counter() - t0) * 1000)
    theme, level = max(pairs, key=lambda p: len(theme_indicators(cov, *p)) * len(cp.level_areas(p[1])))
    values = {k: None for k in cp.CONTROLS} | {"theme": theme, "level": level, "view": "grid", "areas": [], "on": []}
    t0 = time.perf_counter()
    cp.redraw_grid(*(values[k] for k in cp.CONTROLS))
    ms = (time.perf_counter() - t0) * 1000
    cells = len(theme_indicators(cov, theme, level)) * len(cp.level_areas(level))
    print(json.dumps({"times_ms": times, "largest": [theme, level, cells, ms]}))


if __name__ == "__main__":
    main()
