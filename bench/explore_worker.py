"""Subprocess for the Explore suite: build the app on a store and time Explore's callbacks as plain functions.

    python -m bench.explore_worker STORE REPS SEED   -> one JSON line: {callback: [ms, ...], "picked": {...}}
"""

from __future__ import annotations

import json
import os
import random
import sys
import time


def main() -> None:
    """Time indicator_changed, level_changed, update_views and update_trend with random valid arguments."""
    store, reps, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["OBSERVATORY_STORE"] = store
    from app import create_app

    create_app()
    import pages.explore as ex
    import queries
    from pages._explore_state import explore_levels
    from queries import catalog_cache

    rng = random.Random(seed)
    cat = queries.indicators()
    usable = [r for r in cat.itertuples() if explore_levels(r.levels)]
    times: dict[str, list[float]] = {k: [] for k in ("indicator_changed", "level_changed", "update_views", "update_trend")}
    for _ in range(reps):
        ind = rng.choice(usable)
        cov = catalog_cache.coverage(ind.indicator_id)
        breakdown = cov["breakdown"].iloc[0]
        level = rng.choice(explore_levels(cov.loc[cov["breakdown"] == breakdown, "level"].unique()))
        periods = cov[(cov["level"] == level) & (cov["breakdown"] == breakdown)].sort_values("period_start")["period"].tolist()
        codes = queries.areas_of_level(level)["area_code"].tolist()
        selected = rng.sample(codes, k=min(2, len(codes)))
        classify = rng.choice(["quantiles", "significance", "jenks"])
        for name, fn, args in (
            ("indicator_changed", ex.indicator_changed, (ind.indicator_id, level, breakdown)),
            ("level_changed", ex.level_changed, (level, breakdown, ind.indicator_id, periods, len(periods) - 1)),
            ("update_views", ex.update_views, (ind.indicator_id, level, len(periods) - 1, "england", classify,
                                               breakdown, selected, periods)),
            ("update_trend", ex.update_trend, (ind.indicator_id, level, "england", breakdown, selected)),
        ):
            t0 = time.perf_counter()
            fn(*args)
            times[name].append((time.perf_counter() - t0) * 1000)
    from bench.explore_click import click_costs

    wards = [r.indicator_id for r in usable if "ward_2023" in set(r.levels)]
    clicks = click_costs(10, seed, wards[0]) if wards else {}
    print(json.dumps({"times_ms": times, "click": clicks}))


if __name__ == "__main__":
    main()
