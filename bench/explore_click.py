"""What one click on the Explore map costs the server: the callbacks it fires and the SQL queries they run.

Read from the app's own callback registry (every server callback with the selection as an input), so a callback
added later is counted too; the queries are counted where every one runs, queries.db.frame_text. Needs the app
built (app.create_app) on a store.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager

SELECTED = "explore-selected.value"


def _registry() -> tuple[list[dict], dict]:
    """Every callback and the server functions by output: still global before the app's first request, the
    app's own after it."""
    import dash
    from dash import _callback

    app = dash.get_app()
    return ([*_callback.GLOBAL_CALLBACK_LIST, *app._callback_list],
            {**_callback.GLOBAL_CALLBACK_MAP, **app.callback_map})


def click_callbacks() -> list[dict]:
    """The server callbacks a change of selection fires (clientside ones cost no round trip)."""
    found = {}
    for c in _registry()[0]:
        if not c.get("clientside_function") and SELECTED in {f"{i['id']}.{i['property']}" for i in c["inputs"]}:
            found[c["output"]] = c
    return list(found.values())


@contextmanager
def counted_queries():
    """A list that collects the SQL text of every query run inside the block."""
    from queries import db

    run, seen = db.frame_text, []

    def counting(text, *args, **kwargs):
        seen.append(text)
        return run(text, *args, **kwargs)

    db.frame_text = counting
    try:
        yield seen
    finally:
        db.frame_text = run


def click(values: dict) -> tuple[int, int, float]:
    """(round trips, queries, ms) of one click, with `values` giving every input and state by 'id.property'."""
    callbacks, functions = click_callbacks(), _registry()[1]
    t0 = time.perf_counter()
    with counted_queries() as seen:
        for c in callbacks:
            fn = functions[c["output"]]["callback"].__wrapped__
            fn(*[values[f"{i['id']}.{i['property']}"] for i in (*c["inputs"], *c["state"])])
    return len(callbacks), len(seen), (time.perf_counter() - t0) * 1000


def click_costs(clicks: int, seed: int, indicator: str | None = None, level: str = "ward_2023") -> dict:
    """Round trips and queries of `clicks` clicks on random areas (after one click that warms the caches)."""
    import queries
    from analysis.judgement import default_benchmark

    rng = random.Random(seed)
    indicator = indicator or queries.indicators()["indicator_id"].iloc[0]
    areas = queries.areas_of_level(level)
    options = [{"label": r.area_name, "value": r.area_code} for r in areas.itertuples()]
    base = {"explore-indicator.value": indicator, "explore-level.value": level,
            "explore-benchmark.value": default_benchmark(level), "explore-breakdown.value": "Persons",
            "explore-selected.options": options}
    out = {"round_trips": [], "queries": [], "ms": []}
    for n in range(clicks + 1):
        trips, count, ms = click({**base, SELECTED: [rng.choice(options)["value"]]})
        if n:  # the first click warms the per-store caches (catalogue, areas)
            out["round_trips"].append(trips)
            out["queries"].append(count)
            out["ms"].append(ms)
    return out
