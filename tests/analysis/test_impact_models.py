"""Before and after, interrupted time series and difference in differences against statsmodels and known series."""

import math

import numpy as np
import pytest
import statsmodels.api as sm
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from analysis.impact import (
    CAVEAT,
    MIN_POINTS,
    before_after,
    decimal_year,
    difference_in_differences,
    interrupted_time_series,
)

START = 2016.0
T = np.arange(2010.0, 2022.0)  # 6 points before 2016, 6 from it
POST = (T >= START).astype(float)
# The hand-worked series: level 10 + 0.5 a year, then a jump of +3 and the slope falls by 0.4 a year.
TRUE = 10 + 0.5 * (T - 2010) + 3 * POST - 0.4 * (T - START) * POST


def noisy(seed: int, sd: float = 0.2, t: np.ndarray = T) -> np.ndarray:
    post = (t >= START).astype(float)
    base = 10 + 0.5 * (t - 2010) + 3 * post - 0.4 * (t - START) * post
    return base + np.random.default_rng(seed).normal(0, sd, len(t))


def numbers_are_none(result, skip=("ok", "message", "caveat", "note", "fitted", "counterfactual", "comparators",
                                   "comparator_changes")) -> bool:
    return all(v is None for k, v in vars(result).items() if k not in skip)


# ---- before and after ------------------------------------------------------------------------------------------

def test_before_after_matches_statsmodels():
    y = noisy(1, sd=0.8)
    r = before_after(T, y, START)
    pre, post = DescrStatsW(y[T < START]), DescrStatsW(y[T >= START])
    assert r.ok and r.n_before == 6 and r.n_after == 6
    assert r.before_mean == pytest.approx(pre.mean, abs=1e-9)
    assert (r.before_lower, r.before_upper) == pytest.approx(pre.tconfint_mean(alpha=0.05), abs=1e-9)
    assert (r.after_lower, r.after_upper) == pytest.approx(post.tconfint_mean(alpha=0.05), abs=1e-9)
    cm = CompareMeans(post, pre)
    assert r.difference == pytest.approx(post.mean - pre.mean, abs=1e-9)
    assert (r.difference_lower, r.difference_upper) == pytest.approx(cm.tconfint_diff(usevar="unequal"), abs=1e-9)
    assert r.p_value == pytest.approx(cm.ttest_ind(usevar="unequal")[1], abs=1e-9)
    assert r.caveat == CAVEAT and "not proof" in r.caveat


def test_before_after_known_step():
    y = np.r_[[5.0, 5.2, 4.8, 5.0], [8.0, 8.2, 7.8, 8.0]]
    r = before_after(np.arange(2012.0, 2020.0), y, 2016.0)
    assert r.difference == pytest.approx(3.0, abs=1e-12)
    assert r.difference_lower < 3 < r.difference_upper and r.p_value < 0.001


def test_before_after_end_excludes_later_points():
    t = np.arange(2010.0, 2020.0)
    y = np.r_[[1.0, 2, 1, 2], [5.0, 6, 5], [100.0, 100, 100]]
    r = before_after(t, y, 2014.0, end=2017.0)
    assert r.n_after == 3 and r.after_mean == pytest.approx(16 / 3)
    assert not before_after(t, y, 2014.0, end=2013.0).ok


def test_before_after_with_standard_errors_by_hand():
    t, y, se = [1.0, 2.0, 3.0, 4.0], [10.0, 12.0, 15.0, 17.0], [1.0, 1.0, 2.0, 2.0]
    r = before_after(t, y, 3.0, se=se)
    z = 1.959963984540054
    assert r.before_mean == 11 and r.before_upper == pytest.approx(11 + z * math.sqrt(2) / 2, abs=1e-9)
    dse = math.sqrt(2 / 4 + 8 / 4)
    assert r.difference == 5 and r.difference_lower == pytest.approx(5 - z * dse, abs=1e-9)
    assert r.p_value == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(5 / dse / math.sqrt(2)))), abs=1e-9)
    assert not before_after(t, y, 3.0, se=[1, -1, 1, 1]).ok


@pytest.mark.parametrize(("n_before", "n_after", "text"), [
    (1, 5, "Needs at least 2 points before the start; this series has 1."),
    (5, 1, "Needs at least 2 points from the start; this series has 1."),
    (0, 5, "Needs at least 2 points before the start; this series has 0."),
])
def test_before_after_too_short(n_before, n_after, text):
    t = np.arange(n_before + n_after) + 2010.0
    r = before_after(t, np.ones(len(t)), 2010.0 + n_before)
    assert not r.ok and r.message == text and numbers_are_none(r) and r.caveat


# ---- interrupted time series ----------------------------------------------------------------------------------

def statsmodels_its(t, y, start, maxlags=1):
    """The interface's model written out plainly: uncentred t, as a reader would fit it."""
    post = (t >= start).astype(float)
    X = np.column_stack([np.ones_like(t), t, post, (t - start) * post])
    return sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": maxlags, "use_correction": True}, use_t=True)


@pytest.mark.parametrize("maxlags", [None, 0, 2])
def test_its_matches_statsmodels(maxlags):
    y = noisy(7, sd=0.5)
    r = interrupted_time_series(T, y, START, maxlags=maxlags, min_per_side=3)
    ref = statsmodels_its(T, y, START, 1 if maxlags is None else maxlags)
    ci, p = ref.conf_int(alpha=0.05), ref.pvalues
    assert r.ok and r.maxlags == (1 if maxlags is None else maxlags)
    assert r.level_change == pytest.approx(ref.params[2], abs=1e-9)
    assert r.slope_change == pytest.approx(ref.params[3], abs=1e-9)
    assert r.pre_slope == pytest.approx(ref.params[1], abs=1e-9)
    assert (r.level_change_lower, r.level_change_upper) == pytest.approx(tuple(ci[2]), abs=1e-9)
    assert (r.slope_change_lower, r.slope_change_upper) == pytest.approx(tuple(ci[3]), abs=1e-9)
    assert r.level_change_p == pytest.approx(p[2], abs=1e-9)
    assert r.slope_change_p == pytest.approx(p[3], abs=1e-9)
    assert [v for _, v in r.fitted] == pytest.approx(list(ref.fittedvalues), abs=1e-9)
    assert r.r_squared == pytest.approx(ref.rsquared, abs=1e-9)


def test_its_recovers_exact_series():
    r = interrupted_time_series(T, TRUE, START, min_per_side=3)
    assert r.level_change == pytest.approx(3, abs=1e-9)
    assert r.slope_change == pytest.approx(-0.4, abs=1e-9)
    assert r.pre_slope == pytest.approx(0.5, abs=1e-9) and r.post_slope == pytest.approx(0.1, abs=1e-9)
    assert [v for _, v in r.fitted] == pytest.approx(list(TRUE), abs=1e-9)
    post = T[T >= START]
    assert [a for a, _ in r.counterfactual] == list(post)
    assert [v for _, v in r.counterfactual] == pytest.approx(list(10 + 0.5 * (post - 2010)), abs=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_its_recovers_noisy_series(seed):
    t = np.arange(2004.0, 2028.0)  # 12 each side
    r = interrupted_time_series(t, noisy(seed, 0.2, t), START)
    assert r.level_change == pytest.approx(3, abs=0.5)
    assert r.slope_change == pytest.approx(-0.4, abs=0.1)
    assert r.level_change_p < 0.001 and r.slope_change_p < 0.01
    assert r.level_change_lower < r.level_change < r.level_change_upper


def test_its_intervals_cover_the_true_changes():
    """Across 200 seeded noisy series the 95% intervals hold the known changes most of the time."""
    t = np.arange(2004.0, 2028.0)
    level = slope = 0
    for seed in range(200):
        r = interrupted_time_series(t, noisy(100 + seed, 0.3, t), START)
        level += r.level_change_lower < 3 < r.level_change_upper
        slope += r.slope_change_lower < -0.4 < r.slope_change_upper
    # Newey-West runs a little narrow in short series (about 88-90% here): docs/impact-methods.md says so.
    assert level / 200 > 0.82 and slope / 200 > 0.82
    assert r.note == ""  # 24 points: no short-series warning


def test_its_short_series_carries_a_note():
    assert "too narrow" in interrupted_time_series(T, noisy(1), START, min_per_side=3).note


def test_its_decimal_year_start_between_points():
    t = np.array([decimal_year(f"{y}-07-01") for y in range(2012, 2022)])
    y = np.where(t >= 2016.25, 20.0, 10.0) + 0.1 * (t - 2012)
    r = interrupted_time_series(t, y, decimal_year("2016-04-01"), min_per_side=3)
    assert r.ok and r.n_before == 4 and r.n_after == 6


@pytest.mark.parametrize(("n_before", "n_after", "text"), [
    (3, 20, "Needs at least 12 points before the start; this series has 3."),
    (20, 11, "Needs at least 12 points from the start; this series has 11."),
])
def test_its_too_short(n_before, n_after, text):
    """Fewer than 12 points a side (Wagner et al. 2002): no fit, and the message says why and what would do."""
    t = np.arange(n_before + n_after) + 2010.0
    r = interrupted_time_series(t, np.arange(len(t), dtype=float), 2010.0 + n_before)
    assert not r.ok and r.message.startswith(text) and numbers_are_none(r)
    assert "Wagner" in r.message and "monthly or quarterly" in r.message
    assert r.fitted == [] and r.counterfactual == []


def test_its_constant_series_is_refused_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = interrupted_time_series(T, np.full(len(T), 5.0), START, min_per_side=3)
    assert not r.ok and "Every value is the same" in r.message


def test_its_missing_values_are_dropped_before_counting():
    y = TRUE.copy()
    y[[0, 1, 2, 3]] = np.nan
    r = interrupted_time_series(T, y, START, min_per_side=3)
    assert not r.ok and "this series has 2." in r.message


@pytest.mark.parametrize(("t", "y", "start", "maxlags", "fragment"), [
    ([1, 2, 3], [1, 2], 2, None, "have 2 values but there are 3 times"),
    ([1, 2, 3], [1, "x", 2], 2, None, "not a number"),
    ([1, 2, 3], [1, math.inf, 2], 2, None, "infinite"),
    ([1, 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 7], 4, None, "same time"),
    (list(T), list(TRUE), None, None, "start date is missing"),
    (list(T), list(TRUE), "soon", None, "not a date"),
    (list(T), list(TRUE), START, -1, "maxlags"),
    (list(T), list(TRUE), START, 1.5, "maxlags"),
    (list(T), list(TRUE), START, 12, "maxlags must be smaller than the number of points (12)"),
])
def test_its_bad_input_is_a_message(t, y, start, maxlags, fragment):
    r = interrupted_time_series(t, y, start, maxlags=maxlags, min_per_side=3)
    assert not r.ok and fragment in r.message


# ---- difference in differences ---------------------------------------------------------------------------------

def test_did_known_effect_by_hand():
    common = 5 + 0.3 * (T - 2010)
    treated = common + 2 + 3 * POST
    comps = {"A": common, "B": common + 4}
    r = difference_in_differences(T, treated, comps, START)
    pre = T < START
    hand_t = treated[~pre].mean() - treated[pre].mean()
    cmean = (comps["A"] + comps["B"]) / 2
    hand_c = cmean[~pre].mean() - cmean[pre].mean()
    assert r.ok and r.comparators == ("A", "B")
    assert r.treated_change == pytest.approx(hand_t, abs=1e-12)
    assert r.comparator_change == pytest.approx(hand_c, abs=1e-12)
    assert r.difference == pytest.approx(3.0, abs=1e-9) == pytest.approx(hand_t - hand_c, abs=1e-9)
    assert r.comparator_changes == pytest.approx({"A": hand_c, "B": hand_c})


def test_did_matches_statsmodels_hc1():
    rng = np.random.default_rng(11)
    treated = TRUE + rng.normal(0, 0.4, len(T))
    comps = {"A": 8 + 0.5 * (T - 2010) + rng.normal(0, 0.4, len(T)), "B": 9 + 0.4 * (T - 2010) + rng.normal(0, 0.4, len(T))}
    r = difference_in_differences(T, treated, comps, START)
    cm = (comps["A"] + comps["B"]) / 2
    n = len(T)
    post = np.r_[POST, POST]
    tr = np.r_[np.ones(n), np.zeros(n)]
    X = np.column_stack([np.ones(2 * n), tr, post, tr * post])
    ref = sm.OLS(np.r_[treated, cm], X).fit(cov_type="HC1", use_t=True)
    assert r.difference == pytest.approx(ref.params[3], abs=1e-9)
    assert (r.difference_lower, r.difference_upper) == pytest.approx(tuple(ref.conf_int(alpha=0.05)[3]), abs=1e-9)
    assert r.p_value == pytest.approx(ref.pvalues[3], abs=1e-9)
    assert r.difference_lower < r.difference < r.difference_upper


def test_did_drops_periods_missing_in_any_area():
    treated = list(TRUE)
    comp = list(TRUE - 1)
    comp[0] = None
    r = difference_in_differences(T, treated, {"A": comp}, START)
    assert r.n_before == 5 and r.difference == pytest.approx(0, abs=1e-9)
    assert r.note == "1 period(s) left out because the area or a comparator has no value there."


def test_did_leaves_out_a_comparator_without_values():
    r = difference_in_differences(T, TRUE, {"A": list(TRUE - 1), "B": [None] * len(T)}, START)
    assert r.ok and r.comparators == ("A",) and r.note == "Left out for having no values: B."
    r = difference_in_differences(T, TRUE, {"B": [float("nan")] * len(T)}, START)
    assert not r.ok and r.message == "Needs at least 1 comparator area with values; none was given (B had no values)."


@pytest.mark.parametrize(("comps", "start", "fragment"), [
    ({}, START, "Needs at least 1 comparator area with values; none was given."),
    ({"A": [1.0, 2.0]}, START, "have 2 values but there are 12 times"),
    ({"A": list(TRUE)}, 2011.0, "Needs at least 2 points before the start (with values in every area); this series has 1."),
    ({"A": list(TRUE)}, 2021.0, "Needs at least 2 points from the start (with values in every area); this series has 1."),
    ([1, 2], START, "mapping"),
])
def test_did_refuses(comps, start, fragment):
    r = difference_in_differences(T, TRUE, comps, start)
    assert not r.ok and fragment in r.message and numbers_are_none(r)


def test_min_points_names_each_method():
    assert MIN_POINTS["before_after"] == {"before": 2, "after": 2}
    assert MIN_POINTS["interrupted_time_series"] == {"before": 12, "after": 12}
    assert MIN_POINTS["difference_in_differences"] == {"before": 2, "after": 2, "comparators": 1}
    assert MIN_POINTS["spc"]["baseline"] == 12 and MIN_POINTS["spc"]["preferred"] == 20


def test_decimal_year():
    assert decimal_year("2021-01-01") == 2021.0
    assert decimal_year("2020-07-02") == pytest.approx(2020 + 183 / 366)
    import datetime as dt

    assert decimal_year(dt.datetime(2019, 12, 31, 12)) == pytest.approx(2019 + 364 / 365)


def test_results_are_frozen_and_the_module_is_pure():
    import dataclasses
    import subprocess
    import sys

    r = before_after(T, TRUE, START)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.ok = False  # type: ignore[misc]
    code = "import sys, analysis.impact; bad = {'dash', 'duckdb', 'plotly'} & set(sys.modules); assert not bad, bad"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(__import__("pathlib").Path(__file__).parents[2]))


def test_analysis_stats_re_exports_the_models():
    from analysis import impact, stats

    for name in ("before_after", "interrupted_time_series", "difference_in_differences", "spc", "cost_per_change"):
        assert getattr(stats, name) is getattr(impact, name) and name in stats.__all__


def test_an_annual_series_of_seven_points_gets_no_interrupted_time_series():
    r = interrupted_time_series([2017.5 + i for i in range(7)], [2, 2, 6, 3, 6, 6, 3], 2020.0)
    assert not r.ok and "Needs at least 12 points before the start; this series has 3." in r.message


def test_level_intervals_of_a_count_never_go_below_zero():
    r = before_after([2017.5, 2018.5, 2019.5, 2020.5, 2021.5, 2022.5], [2, 2, 6, 3, 6, 6], 2020.0, bounds=(0, None))
    assert r.ok and r.before_lower == 0 and "cut" in r.note
    unbounded = before_after([2017.5, 2018.5, 2019.5, 2020.5, 2021.5, 2022.5], [2, 2, 6, 3, 6, 6], 2020.0)
    assert unbounded.before_lower < 0 and unbounded.note == ""


def test_the_projection_stays_within_the_bounds():
    t = np.arange(2000.0, 2030.0)
    y = np.maximum(0, 20 - 1.0 * (t - 2000)) + np.random.default_rng(3).normal(0, 0.3, len(t))
    r = interrupted_time_series(t, np.abs(y), 2015.0, bounds=(0, None))
    assert r.ok and min(v for _, v in r.counterfactual) >= 0 and min(v for _, v in r.fitted) >= 0
