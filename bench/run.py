"""The benchmark: time the query layer on a synthetic England-scale store (or the real one) against targets.

    .venv/bin/python -m bench.run [--rows N] [--reps 50] [--store PATH] [--skip-pandas] [--json out.json]
    .venv/bin/python -m bench.run --real            # the same warm timings on the real store (OBSERVATORY_STORE)

Builds (once; cached under bench/out/) a synthetic store of about N value rows with the real schema (see
bench/synthetic.py), then runs each registered suite and prints one table of measures with PASS/FAIL
against the targets of the issue. Measurements that depend on process state run in fresh subprocesses
(bench/worker.py): cold start to first answer, the warm loop (whose peak RSS is the memory figure) and the
pandas baseline (all values loaded into one DataFrame, then filtered). Machine load is printed before and
after: on a shared 2-core machine the absolute figures are noisy; ratios within one run are not.

Adding a suite (e.g. page-level callback timings): write `def my_suite(ctx: Context) -> SuiteResult` that
returns its checks (and any raw data for --json), and add it to SUITES below; `--suites name,...` selects.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from bench import arguments, synthetic
from bench.compare_suite import compare_suite
from bench.custom_suite import custom_suite
from bench.fresh import real_store
from bench.pages import pages_suite
from bench.pdf_suite import pdf_suite
from bench.worker import COLD_START
from data.ingest.writer import COMPRESSION

ROOT = Path(__file__).resolve().parents[1]
PANDAS_MAX_ROWS = 30_000_000  # beyond this the pandas baseline cannot load on this machine
PANDAS_PEAK_GB_PER_10M = 4.4  # measured: a 2.1 GB frame, 4.2-4.5 GB peak while loading 10M rows
COLD_RUNS = 5


@dataclass(frozen=True)
class Targets:
    """The issue's targets at one scale (None: no target at this scale, figure reported for information)."""

    label: str
    p95_ms: float
    first_answer_s: float | None
    peak_mb: float
    min_speedup: float | None


TARGETS_10M = Targets("10 million rows", p95_ms=30, first_answer_s=0.5, peak_mb=300, min_speedup=10)
TARGETS_100M = Targets("100 million rows", p95_ms=60, first_answer_s=None, peak_mb=600, min_speedup=None)


def targets_for(rows: int) -> Targets:
    """10M targets up to 30M rows, 100M targets above."""
    return TARGETS_10M if rows <= 30_000_000 else TARGETS_100M


@dataclass
class Check:
    """One measured figure, its target and whether it meets it (None: no target)."""

    name: str
    value: float | None
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    detail: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


@dataclass
class SuiteResult:
    """A suite's checks (printed as a table) and raw data (kept for --json)."""

    name: str
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)


@dataclass
class Context:
    """What a suite needs: the store, its size, the targets, the arguments and the options."""

    store: Path
    rows: int
    real: bool
    reps: int
    seed: int
    skip_pandas: bool
    targets: Targets
    spec: dict  # arguments.pick(): {"levels": ..., "calls": {function: [args, ...]}}
    spec_path: Path


# ---------------------------------------------------------------------------------------------- helpers


def _env(store: Path) -> dict:
    env = dict(os.environ, OBSERVATORY_STORE=str(store))
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _worker(task: str, ctx: Context) -> dict:
    """Run bench.worker <task> in a fresh process and return its JSON."""
    proc = subprocess.run([sys.executable, "-m", "bench.worker", task, str(ctx.spec_path)], cwd=ROOT,
                          env=_env(ctx.store), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.worker {task} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _median_p95(ms: list[float]) -> tuple[float, float]:
    return float(np.median(ms)), float(np.percentile(ms, 95))


def cold_start(ctx: Context, runs: int = COLD_RUNS) -> dict:
    """Spawn `python -c COLD_START` `runs` times: wall time from spawn to the answer line, and inside it."""
    walls, insides, rss = [], [], []
    for i in range(runs):
        args = json.dumps(ctx.spec["calls"]["level_values"][i % len(ctx.spec["calls"]["level_values"])])
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", COLD_START, args], cwd=ROOT, env=_env(ctx.store),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        walls.append(time.perf_counter() - t)
        rest, err = proc.stdout.read(), proc.stderr.read()  # not communicate(): it skips readline's buffer
        proc.wait()
        if proc.returncode != 0 or not line:
            raise RuntimeError(f"cold start failed:\n{err[-3000:]}")
        insides.append(json.loads(line)["inside_s"])
        rss.append(json.loads(rest.strip().splitlines()[-1])["maxrss_mb"])
    return {"wall_s": walls, "inside_s": insides, "maxrss_mb": rss}


# ---------------------------------------------------------------------------------------------- the suites


def query_suite(ctx: Context) -> SuiteResult:
    """The query functions: warm median/p95, cold start to first answer, peak memory, pandas baseline."""
    t = ctx.targets
    res = SuiteResult("queries")
    cold = cold_start(ctx)
    warm = _worker("queries", ctx)
    res.data = {"cold": cold, "warm": warm, "levels": ctx.spec["levels"]}
    for name, what in arguments.FUNCTIONS.items():
        med, p95 = _median_p95(warm["times_ms"][name])
        res.checks.append(Check(f"{name}: p95 (median {med:.1f} ms)", p95, "ms", t.p95_ms,
                                detail=f"{what}; ~{warm['result_rows'][name]:,.0f} rows"))
    first = statistics.median(cold["wall_s"])
    res.checks.append(Check(f"first answer: spawn -> map answer (median of {len(cold['wall_s'])}, "
                            f"max {max(cold['wall_s']):.2f} s)", first, "s", t.first_answer_s,
                            detail=f"inside the process (imports + connect + query): "
                                   f"{statistics.median(cold['inside_s']):.2f} s; its peak "
                                   f"{statistics.median(cold['maxrss_mb']):.0f} MB"))
    res.checks.append(Check(f"peak memory of the warm-loop process ({ctx.reps} reps x {len(arguments.FUNCTIONS)})",
                            warm["maxrss_mb"], "MB", t.peak_mb,
                            detail=f"{warm['rss_after_import_mb']:.0f} MB after imports and connect"))
    if ctx.skip_pandas:
        res.notes.append("pandas baseline skipped (--skip-pandas)")
    elif ctx.rows > PANDAS_MAX_ROWS:
        need = ctx.rows / 1e7 * PANDAS_PEAK_GB_PER_10M
        res.notes.append(f"pandas baseline skipped: pandas cannot load {ctx.rows:,} rows in the memory budget "
                         f"(peak about {PANDAS_PEAK_GB_PER_10M} GB per 10 million rows measured, so ~{need:.0f} GB "
                         f"here; this machine has {_total_gb():.0f} GB)")
    else:
        base = _worker("pandas", ctx)
        res.data["pandas"] = base
        res.notes.append(f"pandas baseline: load {base['load_s']:.1f} s, first answer {base['first_answer_s']:.1f} s "
                         f"after start, peak {base['maxrss_mb']:,.0f} MB (frame {base['frame_mb']:,.0f} MB)")
        for name, label in (("level_values", "map"), ("area_series", "series")):
            if base["result_rows"][name] != warm["result_rows"][name]:
                res.notes.append(f"WARNING: the pandas {label} returned {base['result_rows'][name]:,.1f} rows on "
                                 f"average, the query layer {warm['result_rows'][name]:,.1f}: not the same answer")
            pmed, pp95 = _median_p95(base["times_ms"][name])
            dmed, dp95 = _median_p95(warm["times_ms"][name])
            res.checks.append(Check(f"{label}: pandas / DuckDB median ({pmed:.0f} / {dmed:.1f} ms)", pmed / dmed,
                                    "x", t.min_speedup, higher_is_better=True,
                                    detail=f"p95 {pp95:.0f} / {dp95:.1f} ms = {pp95 / dp95:.0f}x"))
        res.checks.append(Check("first answer: pandas / DuckDB", base["first_answer_s"] / first, "x",
                                detail="pandas: import + load all values + first map"))
    return res


def explore_suite(ctx: Context) -> SuiteResult:
    """Explore's callbacks as functions (server time, p95) on this store, and a page load on the real store."""
    from bench import explore_suite as ex

    res = SuiteResult("explore")
    kind = "real" if ctx.real else "synthetic"
    measured = ex.time_callbacks(ctx.store, max(10, ctx.reps // 2), ctx.seed)
    times, click = measured["times_ms"], measured["click"]
    res.data = {"callbacks_ms": times, "click": click}
    if click.get("queries"):  # a click on the map: one server round trip, one query (the trend's)
        res.checks.append(Check(f"a click on the map: server round trips (max of {len(click['queries'])})",
                                max(click["round_trips"]), "", 1, detail="selection highlight is client-side"))
        res.checks.append(Check(f"a click on the map: SQL queries (max of {len(click['queries'])})",
                                max(click["queries"]), "", 1, detail=f"median {statistics.median(click['ms']):.0f} ms"))
    for name, values in times.items():
        med, p95 = _median_p95(values)
        res.checks.append(Check(f"callback {name}: p95 (median {med:.1f} ms)", p95, "ms", ex.CALLBACK_P95_MS[kind],
                                detail=f"{len(values)} calls on the {kind} store"))
    store = real_store()
    if store is not None:
        loads = ex.time_page_load(store)
        res.data["page_load_s"] = loads
        ready, charts = loads["ready"], loads["charts"]
        if ready:
            res.checks.append(Check(f"Explore first screen drawn in Chromium (median of {len(ready)}, max "
                                    f"{max(ready):.2f} s)", statistics.median(ready), "s", ex.PAGE_READY_S,
                                    detail="navigation to the coloured map and the summary; real store"))
            res.checks.append(Check(f"Explore ranking, trend and table drawn after a scroll to them (median of "
                                    f"{len(charts)})", statistics.median(charts), "s", ex.CHARTS_AFTER_SCROLL_S,
                                    detail=f"max {max(charts):.2f} s; they draw when seen"))
        else:
            res.notes.append("page load not timed: Debian chromium is not installed (make system)")
    else:
        res.notes.append("page load not timed: no real store (make store)")
    return res


# Suites run in this order; `--suites` picks some.
SUITES: dict[str, Callable[[Context], SuiteResult]] = {
    "queries": query_suite,
    "explore": explore_suite,
    "compare": compare_suite,
    "custom": custom_suite,
    "pdf": pdf_suite,  # the first ward evidence pack after a start, through its route, no cache
    "pages": pages_suite,  # each page in Chromium, cold and warm, on the real store
}


# ---------------------------------------------------------------------------------------------- report


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "x":
        return f"{value:,.1f}x"
    return f"{value:g} {unit}"


def report(results: list[SuiteResult], header: list[str]) -> str:
    lines = [*header, ""]
    width = max([len(c.name) for r in results for c in r.checks] + [20])
    for r in results:
        lines.append(f"== suite: {r.name}")
        lines.append(f"{'measure':<{width}}  {'value':>11}  {'target':>11}  result")
        for c in r.checks:
            target = "-" if c.target is None else ("≥ " if c.higher_is_better else "≤ ") + _fmt(c.target, c.unit)
            verdict = {True: "PASS", False: "FAIL", None: "info"}[c.passed]
            lines.append(f"{c.name:<{width}}  {_fmt(c.value, c.unit):>11}  {target:>11}  {verdict}")
            if c.detail:
                lines.append(f"{'':<{width}}    {c.detail}")
        lines += [f"  {n}" for n in r.notes]
        lines.append("")
    checks = [c for r in results for c in r.checks if c.passed is not None]
    failed = [c.name for c in checks if not c.passed]
    lines.append(f"{len(checks) - len(failed)}/{len(checks)} targets met" + (f"; FAIL: {'; '.join(failed)}" if failed else ""))
    return "\n".join(lines)


def _total_gb() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def _value_rows(store: Path) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for f in (store / "values").glob("*/*.parquet"))


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=synthetic.DEFAULT_ROWS, help="synthetic value rows (default 10M)")
    ap.add_argument("--reps", type=int, default=50, help="timed calls of each query function (default 50)")
    ap.add_argument("--store", type=Path, help="store folder (default bench/out/store-<rows>; built if missing)")
    ap.add_argument("--real", action="store_true", help="time the real store (OBSERVATORY_STORE, default data/store)")
    ap.add_argument("--skip-pandas", action="store_true", help="leave out the pandas baseline")
    ap.add_argument("--rebuild", action="store_true", help="regenerate the synthetic store")
    ap.add_argument("--row-group", type=int, default=synthetic.ROW_GROUP,
                    help="synthetic store's rows a row group, to try other layouts (default: the writer's)")
    ap.add_argument("--compression", default=COMPRESSION, help=f"synthetic store's parquet codec (default {COMPRESSION})")
    ap.add_argument("--file-row-groups", type=int, default=0,
                    help="synthetic store: a new part file every N row groups (default 0: one file a level)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the random arguments")
    ap.add_argument("--suites", default=",".join(SUITES), help=f"comma-separated, of: {', '.join(SUITES)}")
    ap.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = ap.parse_args(argv)

    if args.real:
        from config import store_dir

        store = args.store or store_dir()
        if not (store / "VERSION").exists():
            print(f"No store at {store}: run `make store` first.", file=sys.stderr)
            return 2
    elif args.store and (args.store / "VERSION").exists() and not (args.store / "params.json").exists():
        store = args.store  # some other store, used as it is
    else:
        store = synthetic.ensure(args.rows, args.store, rebuild=args.rebuild, row_group=args.row_group,
                                 compression=args.compression, file_row_groups=args.file_row_groups)
    store = store.absolute()
    rows = _value_rows(store)
    try:
        spec = arguments.pick(store, args.reps, args.seed)
    except ValueError as err:
        print(f"Nothing to time: {err}.", file=sys.stderr)
        return 0 if args.real else 2
    targets = targets_for(rows)
    if args.real:  # the targets are for England-scale stores; at the real store's size the pandas
        # baseline is as quick as a query (it loads ~150k rows in a blink), so its ratio is for information
        targets = replace(targets, label=f"{targets.label} (pandas ratio for information)", min_speedup=None)
    kind = "real" if args.real else "synthetic"
    header = [f"bench: {kind} store {store} ({rows:,} value rows; map level {spec['levels']['map']}, rank level "
              f"{spec['levels']['rank']}); {args.reps} reps; targets at {targets.label}",
              f"before: {_load()}"]
    unknown = [s for s in args.suites.split(",") if s not in SUITES]
    if unknown:
        ap.error(f"unknown suite {', '.join(unknown)}; have {', '.join(SUITES)}")

    out_dir = synthetic.OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=out_dir, delete=False) as fh:
        json.dump(spec, fh)
        spec_path = Path(fh.name)
    ctx = Context(store=store, rows=rows, real=args.real, reps=args.reps, seed=args.seed,
                  skip_pandas=args.skip_pandas, targets=targets, spec=spec, spec_path=spec_path)
    results = []
    started = time.perf_counter()
    try:
        for name in args.suites.split(","):
            print(f"running suite {name} ...", file=sys.stderr, flush=True)
            results.append(SUITES[name](ctx))
    finally:
        spec_path.unlink(missing_ok=True)
    header.append(f"after:  {_load()}; {time.perf_counter() - started:.0f} s of measuring")
    print(report(results, header))
    if args.json:
        args.json.write_text(json.dumps({
            "store": str(store), "kind": kind, "value_rows": rows, "reps": args.reps, "targets": asdict(targets),
            "header": header,
            "suites": {r.name: {"checks": [asdict(c) | {"passed": c.passed} for c in r.checks], "notes": r.notes,
                                "data": r.data} for r in results}}, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
