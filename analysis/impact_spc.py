"""Statistical process control: XmR and p-charts with limits recalculated at the intervention, special-cause rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from analysis.impact_common import (
    MIN_POINTS,
    NO_BOUNDS,
    Bounds,
    InputProblem,
    MethodResult,
    as_array,
    as_time,
    clip,
    paired,
    too_few,
)

XMR_FACTOR = 2.66  # 3 / d2 with d2 = 1.128 for moving ranges of two: the usual XmR constant
RUN_LENGTH = 8  # points in a row on one side of the centre (Western Electric; NHS Making Data Count uses 7)
TREND_LENGTH = 6  # points in a row all increasing or all decreasing
PROVISIONAL_BELOW = MIN_POINTS["spc"]["preferred"]  # a baseline shorter than this gives provisional limits
STRONG_AUTOCORRELATION = 0.5  # lag-1 correlation of the baseline above which moving-range limits run too narrow
TREND_ALPHA = 0.05  # a baseline whose straight-line slope is significant at this level is trending

OUTSIDE = "outside_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
RULE_LABELS = {
    OUTSIDE: "A point outside the control limits",
    SHIFT: f"A run of {RUN_LENGTH} or more points on one side of the centre line",
    TREND: f"{TREND_LENGTH} or more points in a row all increasing or all decreasing",
    TWO_OF_THREE: "2 of 3 points in a row beyond 2 sigma on the same side",
}


@dataclass(frozen=True)
class SPCResult(MethodResult):
    """Per-point centre, limits and special-cause flags for an XmR or p-chart, one phase each side of the start."""

    kind: str | None = None
    start: float | None = None
    run_length: int | None = None
    trend_length: int | None = None
    points: list[dict[str, Any]] = field(default_factory=list)  # t, y, phase, centre, lower, upper, flags (+ sigma)
    phases: list[dict[str, Any]] = field(default_factory=list)  # name, n, first_t, last_t, centre (and xmr limits)
    signals: int | None = None  # how many points carry at least one flag
    provisional: bool | None = None  # the baseline has fewer than PROVISIONAL_BELOW points
    warnings: list[str] = field(default_factory=list)  # the baseline is autocorrelated or trending, limits carried


def _runs(values: np.ndarray) -> list[tuple[int, int, float]]:
    """Maximal runs of equal non-zero values as (first index, last index, value)."""
    out, i = [], 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        if values[i] != 0:
            out.append((i, j, float(values[i])))
        i = j + 1
    return out


def rule_flags(y: np.ndarray, centre: np.ndarray, lower: np.ndarray, upper: np.ndarray, sigma: np.ndarray,
               run_length: int = RUN_LENGTH, trend_length: int = TREND_LENGTH) -> list[list[str]]:
    """The special-cause rules each point of one phase breaks (a point on the centre line breaks a run)."""
    n = len(y)
    flags: list[list[str]] = [[] for _ in range(n)]
    for i in range(n):
        if y[i] > upper[i] or y[i] < lower[i]:
            flags[i].append(OUTSIDE)
    for a, b, _ in _runs(np.sign(y - centre)):
        if b - a + 1 >= run_length:
            for i in range(a, b + 1):
                flags[i].append(SHIFT)
    # A trend of k points is k-1 steps in one direction; a repeated value breaks it.
    for a, b, _ in _runs(np.sign(np.diff(y))):
        if b - a + 2 >= trend_length:
            for i in range(a, b + 2):
                flags[i].append(TREND)
    for side in (1, -1):
        beyond = side * (y - centre) > 2 * sigma
        for i in range(n - 2):
            if beyond[i:i + 3].sum() >= 2:
                for k in range(i, i + 3):
                    if beyond[k] and TWO_OF_THREE not in flags[k]:
                        flags[k].append(TWO_OF_THREE)
    return flags


def _xmr_limits(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    centre = float(np.mean(y))
    mr = float(np.mean(np.abs(np.diff(y))))
    half = XMR_FACTOR * mr
    ones = np.ones_like(y)
    info = {"centre": centre, "lower": centre - half, "upper": centre + half, "mean_moving_range": mr}
    return centre * ones, (centre - half) * ones, (centre + half) * ones, (half / 3) * ones, info


def _p_limits(y: np.ndarray, n: np.ndarray, scale: float):
    pbar = float(np.sum(y / scale * n) / np.sum(n))
    sig = np.sqrt(pbar * (1 - pbar) / n)
    lower = np.clip(pbar - 3 * sig, 0, 1) * scale
    upper = np.clip(pbar + 3 * sig, 0, 1) * scale
    ones = np.ones_like(y)
    return pbar * scale * ones, lower, upper, sig * scale, {"centre": pbar * scale, "denominator": float(np.sum(n))}


def baseline_warnings(t: np.ndarray, y: np.ndarray, kind: str) -> list[str]:
    """Plain warnings when the baseline cannot describe a steady process: strong autocorrelation or a trend."""
    out = []
    if len(y) >= 3 and np.ptp(y) > 0:
        d = y - y.mean()
        r1 = float(np.sum(d[:-1] * d[1:]) / np.sum(d**2))
        if r1 > STRONG_AUTOCORRELATION:
            out.append(f"Each point in the baseline is strongly tied to the one before (correlation {r1:.2f}), as "
                       "monthly figures often are, so the limits are narrower than they should be and will flag "
                       "more signals than are real.")
        fit = stats.linregress(t, y)
        if fit.pvalue < TREND_ALPHA:
            way = "rising" if fit.slope > 0 else "falling"
            out.append(f"The baseline is {way} (by about {abs(fit.slope):.3g} a year), so a flat centre line does "
                       "not describe it and later points drift away from it whatever the intervention did.")
    return out


def spc(t: Sequence[float], y: Sequence[float], start: float | None = None, kind: str = "xmr",
        n: Sequence[float] | None = None, scale: float = 1.0, run_length: int = RUN_LENGTH,
        events: Sequence[float] | None = None, bounds: Bounds = NO_BOUNDS,
        min_baseline: int | None = None) -> SPCResult:
    """XmR (limits mean ± 2.66 mean moving range) or p-chart (p̄ ± 3σ per point; y as proportions x `scale`).

    The baseline is every point before `start` (at least `min_baseline`, default 12; 20 preferred). Limits are
    rebased only at registered `events` (default: the start) and only when the new phase has as many points as a
    baseline needs; otherwise the earlier limits are carried on and later points judged against them.
    """
    need = MIN_POINTS["spc"]["baseline"] if min_baseline is None else max(2, int(min_baseline))
    try:
        if kind not in ("xmr", "p"):
            raise InputProblem(f"Unknown chart kind {kind!r}: use 'xmr' or 'p'.")
        s = None if start is None else as_time(start, "start date")
        if kind == "p":
            if n is None:
                raise InputProblem("A p-chart needs the denominators (n) of each point.")
            sc = as_time(scale, "scale")
            if sc <= 0:
                raise InputProblem("The scale of the proportions must be positive (1, or 100 for percentages).")
            tt, yy, nn = paired(t, (y, "values"), (n, "denominators"))
            if np.any(nn <= 0):
                raise InputProblem("Every denominator must be more than zero.")
            if np.any((yy < 0) | (yy > sc)):
                raise InputProblem(f"A proportion lies outside 0 to {sc:g}.")
        else:
            tt, yy = paired(t, (y, "values"))
            nn, sc = as_array([], "denominators"), 1.0
        if isinstance(run_length, bool) or not isinstance(run_length, int) or run_length < 2:
            raise InputProblem("The run length must be a whole number of at least 2.")
    except InputProblem as exc:
        return SPCResult(ok=False, message=str(exc))
    try:
        marks = [] if s is None else sorted({s, *(as_time(e, "event date") for e in (events or [s]) if e is not None)})
    except InputProblem as exc:
        return SPCResult(ok=False, message=str(exc))
    marks = [m for m in marks if s is not None and m >= s]
    if s is not None and marks and marks[0] != s:  # the start always closes the baseline
        marks = [s, *marks]
    edges = [-np.inf, *marks, np.inf]
    masks = [(tt >= a) & (tt < b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    names = ["all"] if s is None else ["before"] + ["after" if i == 0 else f"after event {i + 1}"
                                                    for i in range(len(marks))]
    base = int(masks[0].sum())
    if base < need:
        where = "in the series" if s is None else "before the start (the baseline)"
        return SPCResult(ok=False, message=too_few(where, need, base) + (
            " Control limits from fewer points do not describe a steady process"
            f"{'' if need >= PROVISIONAL_BELOW else f'; {PROVISIONAL_BELOW} are preferred'}."))
    if s is not None and not masks[1:] or (s is not None and sum(int(m.sum()) for m in masks[1:]) == 0):
        return SPCResult(ok=False, message="There are no points from the start to set against the baseline.")
    warnings = baseline_warnings(tt[masks[0]], yy[masks[0]], kind)
    points: list[dict[str, Any]] = []
    phases: list[dict[str, Any]] = []
    carried: np.ndarray | None = None  # the earlier phase's values, whose limits a short phase keeps
    for name, m in zip(names, masks, strict=True):
        if not m.any():
            continue
        py = yy[m]
        rebased = carried is None or int(m.sum()) >= need
        src, src_n = (py, nn[m] if kind == "p" else None) if rebased else carried
        if kind == "xmr":
            centre, lower, upper, sigma, info = _xmr_limits(src)
            k = len(py)
            centre, lower, upper, sigma = (np.full(k, centre[0]), np.full(k, lower[0]), np.full(k, upper[0]),
                                           np.full(k, sigma[0]))
        else:
            pbar = float(np.sum(src / sc * src_n) / np.sum(src_n))
            sig = np.sqrt(pbar * (1 - pbar) / nn[m])
            centre, lower, upper, sigma = (np.full(len(py), pbar * sc), np.clip(pbar - 3 * sig, 0, 1) * sc,
                                           np.clip(pbar + 3 * sig, 0, 1) * sc, sig * sc)
            info = {"centre": pbar * sc, "denominator": float(np.sum(src_n))}
        lower = np.array([clip(float(v), bounds) for v in lower])
        upper = np.array([clip(float(v), bounds) for v in upper])
        if kind == "xmr" and "lower" in info:
            info = {**info, "lower": clip(info["lower"], bounds), "upper": clip(info["upper"], bounds)}
        if not rebased:
            warnings.append(f"Only {int(m.sum())} points {'from the start' if name == 'after' else 'after an event'}: "
                            f"fewer than the {need} a new set of limits needs, so the baseline's limits are carried on "
                            "and these points are judged against them.")
        else:
            carried = (py, nn[m] if kind == "p" else None)
        flags = rule_flags(py, centre, lower, upper, sigma, run_length)
        phases.append({"name": name, "n": int(m.sum()), "first_t": float(tt[m][0]), "last_t": float(tt[m][-1]),
                       "rebased": bool(rebased), **info})
        for i, (a, v) in enumerate(zip(tt[m], py, strict=True)):
            point = {"t": float(a), "y": float(v), "phase": name, "centre": float(centre[i]), "lower": float(lower[i]),
                     "upper": float(upper[i]), "sigma": float(sigma[i]), "flags": flags[i]}
            if kind == "p":
                point["n"] = float(nn[m][i])
            points.append(point)
    method = ("XmR chart: centre the phase mean, limits mean ± 2.66 × mean moving range" if kind == "xmr" else
              "p-chart: centre the pooled proportion p̄, limits p̄ ± 3√(p̄(1−p̄)/n) for each point")
    method += (", from a baseline before the start, rebased only at registered events with enough points"
               if s is not None else "") + (
        f"; rules: outside limits, {run_length} in a row on one side, {TREND_LENGTH} rising or falling, "
        "2 of 3 beyond 2 sigma")
    return SPCResult(ok=True, method=method, kind=kind, start=s, run_length=run_length, trend_length=TREND_LENGTH,
                     points=points, phases=phases, signals=sum(1 for p in points if p["flags"]),
                     provisional=base < PROVISIONAL_BELOW, warnings=warnings)
