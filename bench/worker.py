"""Measurements that run in a process of their own, so peak memory and start-up are the measured work's alone.

    python -m bench.worker queries ARGS.json   # warm timings of the query functions, then peak RSS
    python -m bench.worker pandas ARGS.json    # the pandas baseline: load all values, filter for map and series

Each prints one JSON object on its last stdout line. The store is OBSERVATORY_STORE. COLD_START is the
program bench.run starts with `python -c` to time process start to first answer.
"""

from __future__ import annotations

import json
import resource
import sys
import time

# Runs as `python -c COLD_START <json args>`: the clock inside starts before any import, and the answer line
# is printed (and flushed) the moment the first query returns, so the parent can time spawn -> answer.
COLD_START = """\
import time; _t0 = time.perf_counter()
import json, sys
import queries
_rows = queries.level_values(*json.loads(sys.argv[1]))
_t1 = time.perf_counter()
print(json.dumps({"inside_s": _t1 - _t0, "rows": len(_rows)}), flush=True)
from bench.worker import peak_rss_mb
print(json.dumps({"maxrss_mb": peak_rss_mb()}), flush=True)
"""


def peak_rss_mb() -> float:
    """Peak resident set size of this process's own memory so far, in MB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a worker spawned by a bench that
    has just built a 2 GB synthetic store would report the parent's 2 GB as its own peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux; an upper bound


def run_queries(spec: dict) -> dict:
    """Warm timings (ms) of each query function over the given arguments, interleaved, then peak memory."""
    t0 = time.perf_counter()
    import queries
    from queries import db

    db.connect()
    import_s = time.perf_counter() - t0
    rss_import = peak_rss_mb()
    calls = spec["calls"]
    fns = {name: getattr(queries, name) for name in calls}
    first = {}
    for name, fn in fns.items():  # warm-up: one call each (connection, catalogue caches), not timed
        t = time.perf_counter()
        fn(*calls[name][0])
        first[name] = (time.perf_counter() - t) * 1000
    times: dict[str, list[float]] = {name: [] for name in fns}
    sizes: dict[str, list[int]] = {name: [] for name in fns}
    reps = min(len(v) for v in calls.values())
    for i in range(reps):  # interleaved, so machine noise falls on every function alike
        for name, fn in fns.items():
            t = time.perf_counter()
            out = fn(*calls[name][i])
            times[name].append((time.perf_counter() - t) * 1000)
            sizes[name].append(len(out) if hasattr(out, "__len__") else 1)
    return {"import_connect_s": import_s, "rss_after_import_mb": rss_import, "maxrss_mb": peak_rss_mb(),
            "first_call_ms": first, "times_ms": times, "result_rows": {k: float(sum(v) / len(v)) for k, v in sizes.items()}}


def run_pandas(spec: dict) -> dict:
    """The naive baseline: read every value into one DataFrame, then filter it for the map and series queries."""
    t0 = time.perf_counter()
    import pandas as pd

    from config import store_dir

    store = store_dir()
    values = pd.read_parquet(store / "values")  # hive partitions: `level` comes back as a categorical
    areas = pd.read_parquet(store / "areas.parquet")
    load_s = time.perf_counter() - t0
    rss_load = peak_rss_mb()
    parent = {(r.area_code, r.level): (r.parent_code, r.parent_level) for r in areas.itertuples()
              if isinstance(r.parent_code, str)}
    names = areas[["area_code", "level", "area_name"]]
    # the columns queries.level_values returns
    map_cols = ["area_code", "value", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998", "numerator",
                "denominator", "suppressed", "estimated", "provisional", "period", "period_start", "period_end"]
    series_cols = ["area_code", "level", "period", "period_start", "period_end", "value", "lower_ci", "upper_ci",
                   "numerator", "denominator", "suppressed"]

    def level_values(indicator, level, period, breakdown):
        hit = ((values["level"] == level) & (values["indicator_id"] == indicator) & (values["period"] == period)
               & (values["breakdown"] == breakdown))
        a = areas.loc[areas["level"] == level, ["area_code", "area_name"]]
        return a.merge(values.loc[hit, map_cols], on="area_code", how="left").sort_values("area_name")

    def area_series(indicator, code, level, breakdown):
        chain, key = [], (code, level)
        while key not in chain:
            chain.append(key)
            if key not in parent:
                break
            key = parent[key]
        codes, levels = {c for c, _ in chain}, {lv for _, lv in chain}
        hit = ((values["indicator_id"] == indicator) & (values["breakdown"] == breakdown)
               & values["area_code"].isin(codes) & values["level"].isin(levels))
        rows = values.loc[hit, series_cols]
        wanted = set(chain)
        rows = rows[[(c, lv) in wanted for c, lv in zip(rows["area_code"], rows["level"], strict=True)]]
        rows = rows.astype({"level": "str"}).merge(names, on=["area_code", "level"])
        return rows.sort_values(["area_code", "period_start", "period"])

    first = level_values(*spec["calls"]["level_values"][0])
    first_answer_s = time.perf_counter() - t0
    fns = {"level_values": level_values, "area_series": area_series}
    times: dict[str, list[float]] = {name: [] for name in fns}
    sizes: dict[str, list[int]] = {name: [] for name in fns}
    reps = min(len(spec["calls"][name]) for name in fns)
    for i in range(reps):
        for name, fn in fns.items():
            t = time.perf_counter()
            out = fn(*spec["calls"][name][i])
            times[name].append((time.perf_counter() - t) * 1000)
            sizes[name].append(len(out))
    return {"load_s": load_s, "rows_loaded": len(values), "first_answer_s": first_answer_s,
            "first_rows": len(first), "rss_after_load_mb": rss_load,
            "frame_mb": float(values.memory_usage(deep=True).sum() / 2**20), "maxrss_mb": peak_rss_mb(),
            "times_ms": times, "result_rows": {k: float(sum(v) / len(v)) for k, v in sizes.items()}}


TASKS = {"queries": run_queries, "pandas": run_pandas}


def main(argv: list[str]) -> int:
    task, path = argv
    with open(path, encoding="utf-8") as fh:
        spec = json.load(fh)
    print(json.dumps(TASKS[task](spec)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
