"""Before and after, interrupted time series and difference in differences for one intervention."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats
from statsmodels.regression.linear_model import OLS

from analysis.impact_common import (
    CONFIDENCE,
    ITS_NEEDS,
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

ALPHA = 1 - CONFIDENCE
# Below this many points, Newey-West intervals run narrow: in simulation with 12 independent-error points a
# "95%" interval held the true level change about 85% of the time (docs/impact-methods.md).
ITS_SHORT = 20
SHORT_SERIES_NOTE = ("With fewer than {n} points the autocorrelation-robust intervals tend to be too narrow (in "
                     "simulations with 12 points a 95% interval held the true change about 85% of the time), so read "
                     "p-values near 0.05 with care.")


@dataclass(frozen=True)
class BeforeAfter(MethodResult):
    """Mean level before and after the start with 95% intervals, and their difference."""

    n_before: int | None = None
    n_after: int | None = None
    before_mean: float | None = None
    before_lower: float | None = None
    before_upper: float | None = None
    after_mean: float | None = None
    after_lower: float | None = None
    after_upper: float | None = None
    difference: float | None = None  # after minus before
    difference_lower: float | None = None
    difference_upper: float | None = None
    p_value: float | None = None
    note: str = ""  # e.g. that an interval was cut at zero because the indicator cannot go below it


@dataclass(frozen=True)
class ITSResult(MethodResult):
    """Segmented regression at the start: change in level and in slope (per year) with HAC intervals."""

    n_before: int | None = None
    n_after: int | None = None
    maxlags: int | None = None
    start: float | None = None
    level_change: float | None = None
    level_change_lower: float | None = None
    level_change_upper: float | None = None
    level_change_p: float | None = None
    slope_change: float | None = None  # per year
    slope_change_lower: float | None = None
    slope_change_upper: float | None = None
    slope_change_p: float | None = None
    pre_slope: float | None = None  # per year, before the start
    post_slope: float | None = None  # per year, after the start (pre_slope + slope_change)
    level_at_start: float | None = None  # the pre-period line's value at the start
    r_squared: float | None = None
    note: str = ""  # a warning about a usable result, e.g. that short series give over-narrow intervals
    fitted: list[tuple[float, float]] = field(default_factory=list)
    counterfactual: list[tuple[float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class DiDResult(MethodResult):
    """Change in the treated area minus the change in the comparators' mean, with a robust 95% interval."""

    n_before: int | None = None
    n_after: int | None = None
    comparators: tuple[str, ...] = ()
    treated_before: float | None = None
    treated_after: float | None = None
    treated_change: float | None = None
    comparator_before: float | None = None
    comparator_after: float | None = None
    comparator_change: float | None = None
    comparator_changes: dict[str, float] = field(default_factory=dict)  # each comparator's own change
    difference: float | None = None  # treated_change minus comparator_change
    difference_lower: float | None = None
    difference_upper: float | None = None
    p_value: float | None = None
    note: str = ""  # comparators or periods left out for missing values


def _mean_ci(y: np.ndarray, se: np.ndarray | None) -> tuple[float, float, float]:
    """Mean with its SE and the critical value: t on n-1 df from the points, or normal from the points' SEs."""
    m = float(np.mean(y))
    if se is None:
        return m, float(np.std(y, ddof=1) / math.sqrt(len(y))), float(stats.t.ppf(1 - ALPHA / 2, len(y) - 1))
    # The mean of independent estimates: its variance is the sum of their variances over n squared.
    return m, float(math.sqrt(np.sum(se**2)) / len(y)), float(stats.norm.ppf(1 - ALPHA / 2))


def before_after(t: Sequence[float], y: Sequence[float], start: float, end: float | None = None,
                 se: Sequence[float] | None = None, bounds: Bounds = NO_BOUNDS) -> BeforeAfter:
    """Mean before `start` and from `start` (to before `end`) with 95% CIs; Welch t (or z with `se`) on the difference.

    `bounds` (lowest, highest) are the values the indicator can take: the means' intervals are cut there.
    """
    need = MIN_POINTS["before_after"]
    try:
        s = as_time(start, "start date")
        e = None if end is None else as_time(end, "end date")
        if se is None:
            tt, yy = paired(t, (y, "values"))
            ss = None
        else:
            tt, yy, ss = paired(t, (y, "values"), (se, "standard errors"))
            if np.any(ss < 0):
                raise InputProblem("A standard error is negative.")
    except InputProblem as exc:
        return BeforeAfter(ok=False, message=str(exc))
    if e is not None and e <= s:
        return BeforeAfter(ok=False, message="The end date is not after the start date.")
    pre = tt < s
    post = (tt >= s) if e is None else (tt >= s) & (tt < e)
    nb, na = int(pre.sum()), int(post.sum())
    if nb < need["before"]:
        return BeforeAfter(ok=False, message=too_few("before the start", need["before"], nb))
    if na < need["after"]:
        where = "from the start" if e is None else "between the start and the end"
        return BeforeAfter(ok=False, message=too_few(where, need["after"], na))
    bm, bse, bq = _mean_ci(yy[pre], None if ss is None else ss[pre])
    am, ase, aq = _mean_ci(yy[post], None if ss is None else ss[post])
    diff = am - bm
    dse = math.sqrt(bse**2 + ase**2)
    if ss is None:
        # Welch-Satterthwaite degrees of freedom: the two periods need not share a variance.
        denom = bse**4 / (nb - 1) + ase**4 / (na - 1)
        df = dse**4 / denom if denom > 0 else math.inf
        dist = stats.t(df) if math.isfinite(df) else stats.norm()
        method = "Welch t-test on the period means (95% t intervals from the points)"
    else:
        dist = stats.norm()
        method = "z-test on the period means (95% intervals from the points' standard errors)"
    if dse > 0:
        q = float(dist.ppf(1 - ALPHA / 2))
        p = float(2 * dist.sf(abs(diff) / dse))
    else:
        q, p = 0.0, (1.0 if diff == 0 else 0.0)  # no variation at all: the difference is exact
    raw = (bm - bq * bse, bm + bq * bse, am - aq * ase, am + aq * ase)
    cut = tuple(clip(v, bounds) for v in raw)
    note = "" if cut == raw else ("An interval is cut at the lowest or highest value the indicator can take "
                                  "(a count cannot fall below zero).")
    return BeforeAfter(
        ok=True, method=method, n_before=nb, n_after=na,
        before_mean=bm, before_lower=cut[0], before_upper=cut[1],
        after_mean=am, after_lower=cut[2], after_upper=cut[3],
        difference=diff, difference_lower=diff - q * dse, difference_upper=diff + q * dse, p_value=p, note=note,
    )


def its_design(t: np.ndarray, start: float) -> np.ndarray:
    """Columns 1, (t - start), post, (t - start)*post: centred at the start so the level change is b2 exactly."""
    post = (t >= start).astype(float)
    c = t - start
    return np.column_stack([np.ones_like(t), c, post, c * post])


def interrupted_time_series(t: Sequence[float], y: Sequence[float], start: float,
                            maxlags: int | None = None, bounds: Bounds = NO_BOUNDS,
                            min_per_side: int | None = None) -> ITSResult:
    """Segmented OLS y = b0 + b1*t + b2*post + b3*(t-start)*post with Newey-West (HAC) errors, t intervals.

    Refused below `min_per_side` points each side (default MIN_POINTS: 12, per Wagner et al. 2002; an analyst may
    lower it knowingly, never below 3). Fitted lines and the projection are held within `bounds`.
    """
    default = MIN_POINTS["interrupted_time_series"]
    need = default if min_per_side is None else {"before": max(3, int(min_per_side)),
                                                 "after": max(3, int(min_per_side))}
    lags = 1 if maxlags is None else maxlags
    try:
        s = as_time(start, "start date")
        tt, yy = paired(t, (y, "values"))
        if not isinstance(lags, int | np.integer) or isinstance(lags, bool) or lags < 0:
            raise InputProblem(f"maxlags must be a whole number from 0, got {maxlags!r}.")
    except InputProblem as exc:
        return ITSResult(ok=False, message=str(exc))
    pre = tt < s
    nb, na = int(pre.sum()), int((~pre).sum())
    if nb < need["before"]:
        return ITSResult(ok=False, message=too_few("before the start", need["before"], nb) + " "
                         + ITS_NEEDS.format(n=need["before"]))
    if na < need["after"]:
        return ITSResult(ok=False, message=too_few("from the start", need["after"], na) + " "
                         + ITS_NEEDS.format(n=need["after"]))
    if lags >= len(tt):
        return ITSResult(ok=False, message=f"maxlags must be smaller than the number of points ({len(tt)}).")
    if np.ptp(yy) == 0:
        return ITSResult(ok=False, message="Every value is the same, so there is no change in level or trend to test.")
    X = its_design(tt, s)
    with np.errstate(divide="ignore", invalid="ignore"):  # an exact fit has zero residuals: p-values become None, no warning
        res = OLS(yy, X).fit(cov_type="HAC", cov_kwds={"maxlags": int(lags), "use_correction": True}, use_t=True)
        ci = res.conf_int(alpha=ALPHA)
        pv = [float(v) if np.isfinite(v) else None for v in res.pvalues]
        r2 = float(res.rsquared)
    b = res.params
    # A projection is held within what the indicator can take (a straight line would run below zero).
    fitted = [(float(a), clip(float(v), bounds)) for a, v in zip(tt, res.fittedvalues, strict=True)]
    counter = [(float(a), clip(float(b[0] + b[1] * (a - s)), bounds)) for a in tt[~pre]]
    method = (f"Segmented OLS regression with Newey-West (HAC) standard errors, maxlags {lags}, small-sample "
              f"correction n/(n-4), t intervals on {int(res.df_resid)} residual degrees of freedom")
    return ITSResult(
        ok=True, method=method, n_before=nb, n_after=na, maxlags=int(lags), start=s,
        level_change=float(b[2]), level_change_lower=float(ci[2, 0]), level_change_upper=float(ci[2, 1]),
        level_change_p=pv[2],
        slope_change=float(b[3]), slope_change_lower=float(ci[3, 0]), slope_change_upper=float(ci[3, 1]),
        slope_change_p=pv[3],
        pre_slope=float(b[1]), post_slope=float(b[1] + b[3]), level_at_start=float(b[0]),
        r_squared=r2 if np.isfinite(r2) else None,
        note=SHORT_SERIES_NOTE.format(n=ITS_SHORT) if len(tt) < ITS_SHORT else "",
        fitted=fitted, counterfactual=counter,
    )


def difference_in_differences(t: Sequence[float], y_treated: Sequence[float],
                              y_comparators: Mapping[str, Sequence[float]], start: float) -> DiDResult:
    """(post - pre mean) in the treated minus in the comparators' mean; CI from OLS with HC1 robust errors."""
    need = MIN_POINTS["difference_in_differences"]
    try:
        s = as_time(start, "start date")
        if not isinstance(y_comparators, Mapping):
            raise InputProblem("Comparators must be given as a mapping of area to values.")
        given = {str(k): as_array(v, f"values of comparator {k}") for k, v in y_comparators.items()}
        # A comparator with no values at all would empty every period, so it is left out (and said so).
        empty = [k for k, v in given.items() if not np.isfinite(v).any()]
        names = tuple(k for k in given if k not in empty)
        if len(names) < need["comparators"]:
            extra = f" ({', '.join(empty)} had no values)" if empty else ""
            return DiDResult(ok=False, message=f"Needs at least 1 comparator area with values; none was given{extra}.")
        cols = [(y_treated, "treated values")] + [(given[k], f"values of comparator {k}") for k in names]
        tt, yt, *cs = paired(t, *cols)
        n_all = int(np.isfinite(as_array(t, "times")).sum())
    except InputProblem as exc:
        return DiDResult(ok=False, message=str(exc))
    notes = []
    if empty:
        notes.append(f"Left out for having no values: {', '.join(empty)}.")
    if len(tt) < n_all:
        notes.append(f"{n_all - len(tt)} period(s) left out because the area or a comparator has no value there.")
    yc = np.mean(np.vstack(cs), axis=0)
    pre = tt < s
    nb, na = int(pre.sum()), int((~pre).sum())
    if nb < need["before"]:
        return DiDResult(ok=False, message=too_few("before the start (with values in every area)", need["before"], nb))
    if na < need["after"]:
        return DiDResult(ok=False, message=too_few("from the start (with values in every area)", need["after"], na))
    tb, ta = float(yt[pre].mean()), float(yt[~pre].mean())
    cb, ca = float(yc[pre].mean()), float(yc[~pre].mean())
    y2, X = did_design(yt, yc, pre)
    res = OLS(y2, X).fit(cov_type="HC1", use_t=True)
    lo, hi = res.conf_int(alpha=ALPHA)[3]
    p = float(res.pvalues[3])
    return DiDResult(
        ok=True, n_before=nb, n_after=na, comparators=names,
        method=("Difference in differences: OLS of value on treated, post and treated x post over the treated "
                f"area and the mean of {len(names)} comparator(s), HC1 robust errors, t intervals"),
        treated_before=tb, treated_after=ta, treated_change=ta - tb,
        comparator_before=cb, comparator_after=ca, comparator_change=ca - cb,
        comparator_changes={k: float(c[~pre].mean() - c[pre].mean()) for k, c in zip(names, cs, strict=True)},
        difference=float(res.params[3]), difference_lower=float(lo), difference_upper=float(hi),
        p_value=p if math.isfinite(p) else None, note=" ".join(notes),
    )


def did_design(yt: np.ndarray, yc: np.ndarray, pre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Stacked treated and comparator-mean rows with columns 1, treated, post, treated*post."""
    post = (~pre).astype(float)
    n = len(yt)
    treated = np.r_[np.ones(n), np.zeros(n)]
    post2 = np.r_[post, post]
    X = np.column_stack([np.ones(2 * n), treated, post2, treated * post2])
    return np.r_[yt, yc], X
