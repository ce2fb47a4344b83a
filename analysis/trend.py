"""Fingertips "recent trend" marker: chi-square test for trend over the latest five points."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy.stats import chi2

from analysis._inputs import is_missing
from analysis.polarity import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity

POINTS = 5
THRESHOLD = float(chi2.ppf(0.998, 1))  # 9.5495: two-sided 99.8 % on one degree of freedom
# Legacy Fingertips hard-codes 3.92 (= 2 x 1.96) to turn a 95 % interval width into an SE;
# we keep it so our chi-square matches Fingertips to the printed decimals (R fork: 2z = 3.919928).
CI_WIDTH_PER_SE = 3.92

INCREASING = "increasing"
DECREASING = "decreasing"
NO_CHANGE = "no_significant_change"
CANNOT = "cannot_be_calculated"
GETTING_BETTER = "getting_better"
GETTING_WORSE = "getting_worse"

CHI_SQUARE_PROPORTIONS = "chi-square for trend in proportions"
CI_WEIGHTED = "CI-weighted regression"

VALUE_TYPES = ("proportion", "crude_rate", "dsr", "isr", "count", "mean", "other")


@dataclass(frozen=True)
class Trend:
    """A recent-trend result; chi_square and slope are NaN when it cannot be calculated."""

    marker: str
    judgement: str | None
    chi_square: float
    slope: float
    method: str | None
    periods: tuple[Any, ...]  # the periods of the points tested, oldest first
    reason: str


def _num(point: Mapping[str, Any], key: str) -> float:
    x = point.get(key)
    if is_missing(x):
        return math.nan
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def _latest(points: list[Mapping[str, Any]], usable) -> list[Mapping[str, Any]]:
    """The latest five points that pass `usable`, oldest first (invalid points are skipped)."""
    return [p for p in points if usable(p)][-POINTS:]


def _proportion_usable(p: Mapping[str, Any]) -> bool:
    c, d = _num(p, "count"), _num(p, "denominator")
    return math.isfinite(c) and math.isfinite(d) and d > 0 and 0 <= c <= d


def _ci_usable(p: Mapping[str, Any]) -> bool:
    v, lo, hi = _num(p, "value"), _num(p, "lower"), _num(p, "upper")
    # A zero-width interval would get infinite weight, so it is not usable.
    return math.isfinite(v) and math.isfinite(lo) and math.isfinite(hi) and hi > lo


def _weighted_slope(y: np.ndarray, t: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Slope and its chi-square from the Fingertips weighted least-squares sums."""
    s1, s2, s3, s4, s5 = w.sum(), (w * y * t).sum(), (w * t).sum(), (w * y).sum(), (w * t * t).sum()
    det = s1 * s5 - s3 * s3
    slope = (s1 * s2 - s3 * s4) / det
    return float(slope), float(slope * slope / (s1 / det))


def _logit_slope(c: np.ndarray, d: np.ndarray, t: np.ndarray) -> float:
    """OLS slope of logit(c/d) on t: the direction of a proportion trend."""
    p = c / d
    y, n = np.log(p / (1 - p)), t.size
    return float((n * (y * t).sum() - y.sum() * t.sum()) / (n * (t * t).sum() - t.sum() ** 2))


def _proportion_chi_square(c: np.ndarray, d: np.ndarray, t: np.ndarray) -> float:
    big_d, big_c = d.sum(), c.sum()
    num = big_d * (big_d * (c * t).sum() - big_c * (d * t).sum()) ** 2
    den = big_c * (big_d - big_c) * (big_d * (d * t * t).sum() - (d * t).sum() ** 2)
    return float(num / den)


def _keeps_sign(slope: float, slope_without) -> bool:
    """The outlier check: dropping any one point must not change the slope's sign."""
    return all(np.sign(slope_without(j)) == np.sign(slope) for j in range(POINTS))


def _judgement(marker: str, polarity: Any) -> str | None:
    p = normalise_polarity(polarity)
    if marker not in (INCREASING, DECREASING) or p not in (HIGH_IS_GOOD, LOW_IS_GOOD):
        return None
    return GETTING_BETTER if (marker == INCREASING) == (p == HIGH_IS_GOOD) else GETTING_WORSE


def _valued(p: Mapping[str, Any]) -> bool:
    """A point the series shows: it has a value (or the counts that make one)."""
    return math.isfinite(_num(p, "value")) or _proportion_usable(p)


def recent_trend(points: Iterable[Mapping[str, Any]], value_type: str, polarity: Any = None,
                 skip_invalid: bool = False) -> Trend:
    """Recent-trend marker over the latest five points of the series, sorted by their `period`.

    Each point is a mapping with period, value, lower, upper, count, denominator (missing keys
    count as missing). Periods are sorted as given, so pass sortable periods (numbers, dates,
    ISO start dates). Time index t = 1..5 by position. value_type "proportion" uses the
    chi-square test for trend in proportions when the five points have a count and denominator,
    otherwise every type uses regression weighted by 1/s², s = (upper - lower) / 3.92 (95 %
    limits). Significant when chi-square > chi2.ppf(0.998, 1) and no single dropped point
    flips the slope's sign.

    The five are the latest points with a value, as a chart shows them: if any of them cannot be tested
    (no interval, no counts), the result is "cannot_be_calculated" with the reason, never a test of older
    points shown beside a newer value. `skip_invalid=True` is FingertipsNext's rule instead: the latest five
    testable points, skipping those that are not.
    """
    if value_type not in VALUE_TYPES:
        raise ValueError(f"value_type must be one of {', '.join(VALUE_TYPES)}; got {value_type!r}")
    ordered = sorted((p for p in points if not is_missing(p.get("period"))), key=lambda p: p["period"])
    t = np.arange(1.0, POINTS + 1)
    keep = [np.arange(POINTS) != j for j in range(POINTS)]

    if skip_invalid:
        chosen = _latest(ordered, _proportion_usable) if value_type == "proportion" else []
        use_counts = len(chosen) == POINTS
        if not use_counts:
            chosen = _latest(ordered, _ci_usable)
            if len(chosen) < POINTS:
                return _cannot(chosen, None, f"fewer than {POINTS} usable points")
    else:
        valued = [p for p in ordered if _valued(p)]
        chosen = valued[-POINTS:]
        if len(chosen) < POINTS:
            n = len(valued)
            return _cannot(chosen, None, f"only {n} period{'' if n == 1 else 's'} with a value; {POINTS} are needed")
        use_counts = value_type == "proportion" and all(_proportion_usable(p) for p in chosen)
        if not use_counts and not all(_ci_usable(p) for p in chosen):
            return _cannot(chosen, None, _untestable(chosen, value_type))

    if use_counts:
        method = CHI_SQUARE_PROPORTIONS
        c = np.array([_num(p, "count") for p in chosen])
        d = np.array([_num(p, "denominator") for p in chosen])
        if ((c == 0) | (c == d)).any():
            return _cannot(chosen, method, "a proportion of 0% or 100% has no logit slope")
        slope, chi_square = _logit_slope(c, d, t), _proportion_chi_square(c, d, t)
        robust = _keeps_sign(slope, lambda j: _logit_slope(c[keep[j]], d[keep[j]], t[keep[j]]))
    else:
        method = CI_WEIGHTED
        y = np.array([_num(p, "value") for p in chosen])
        width = np.array([_num(p, "upper") - _num(p, "lower") for p in chosen])
        s = width / CI_WIDTH_PER_SE
        w = 1 / (s * s)
        slope, chi_square = _weighted_slope(y, t, w)
        robust = _keeps_sign(slope, lambda j: _weighted_slope(y[keep[j]], t[keep[j]], w[keep[j]])[0])

    periods = tuple(p["period"] for p in chosen)
    if not chi_square > THRESHOLD:
        return Trend(NO_CHANGE, None, chi_square, slope, method, periods, "chi-square below 9.5495")
    if not robust:
        return Trend(NO_CHANGE, None, chi_square, slope, method, periods, "slope sign depends on one point")
    marker = INCREASING if slope > 0 else DECREASING
    return Trend(marker, _judgement(marker, polarity), chi_square, slope, method, periods, "significant")


def _untestable(chosen: list[Mapping[str, Any]], value_type: str) -> str:
    """Why the latest five points cannot be tested: how many lack an interval (and counts, for a proportion)."""
    what = "a confidence interval or counts" if value_type == "proportion" else "a confidence interval"
    bad = sum(not (_ci_usable(p) or (value_type == "proportion" and _proportion_usable(p))) for p in chosen)
    if bad == len(chosen):
        return f"none of the latest {POINTS} points has {what} (the source gives values only)"
    if bad == 0:  # each point is testable one way, but not all the same way
        return f"the latest {POINTS} points mix counts and intervals, so no one test covers them"
    return f"{bad} of the latest {POINTS} points {'has' if bad == 1 else 'have'} no {what[2:]}"


def labelled(trend: Trend, labels: Mapping[Any, str]) -> Trend:
    """The trend with its periods shown by their labels (a caller sorts by period start, people read '2019/20')."""
    return replace(trend, periods=tuple(labels.get(p, p) for p in trend.periods))


def _cannot(chosen: list[Mapping[str, Any]], method: str | None, reason: str) -> Trend:
    periods = tuple(p["period"] for p in chosen)
    return Trend(CANNOT, None, math.nan, math.nan, method, periods, reason)
