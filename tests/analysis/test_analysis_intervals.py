"""Wilson, exact/Byar's and Student t intervals against worked examples and references."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2, norm
from scipy.stats import t as student_t
from statsmodels.stats.proportion import proportion_confint

from analysis.stats import (
    mean_ci,
    proportion_ci,
    proportion_ci_vec,
    rate_ci,
    rate_ci_vec,
)

Z95 = 1.959963984540054
Z998 = 3.090232306167813


def wilson(o, n, z):
    """Oracle: the Wilson limits as written in methods.md section 1."""
    q = 1 - o / n
    root = z * math.sqrt(z * z + 4 * o * q)
    return (2 * o + z * z - root) / (2 * (n + z * z)), (2 * o + z * z + root) / (2 * (n + z * z))


def byars(o, z):
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lower, upper


def same(a, b):
    """Equal, with NaN equal to NaN (the scalar and vector forms must agree exactly)."""
    return (math.isnan(a) and math.isnan(b)) or a == b


# ----------------------------------------------------------------------------- proportions

# R package binom (via statsmodels' results_proportion.py), Wilson column, 95 %.
R_BINOM_WILSON = [
    (18, 20, 0.6989663547715128, 0.972133518786232),
    (4, 20, 0.0806576625797981, 0.4160174322518935),
    (4, 200, 0.00780442641634947, 0.05028708690582643),
    (190, 200, 0.910421851861224, 0.972617354399236),
]


@pytest.mark.parametrize(("o", "n", "lower", "upper"), R_BINOM_WILSON)
def test_wilson_matches_r_binom(o, n, lower, upper):
    r = proportion_ci(o, n, multiplier=1)
    assert r.lower == pytest.approx(lower, rel=1e-12)
    assert r.upper == pytest.approx(upper, rel=1e-12)
    assert r.method == "Wilson"
    assert r.confidence == 0.95


def test_wilson_65_of_100_matches_statsmodels_and_printed_values():
    r = proportion_ci(65, 100)
    lo, hi = proportion_confint(65, 100, alpha=0.05, method="wilson")
    assert r.value == 65.0
    assert r.lower == pytest.approx(lo * 100, rel=1e-12)
    assert r.upper == pytest.approx(hi * 100, rel=1e-12)
    assert round(r.lower, 2) == 55.25 and round(r.upper, 2) == 73.64


@pytest.mark.parametrize(
    ("o", "n", "confidence"),
    [(1, 7, 0.95), (123, 4567, 0.95), (3, 3000, 0.998), (2.5, 10, 0.95), (999, 1000, 0.998)],
)
def test_wilson_matches_formula(o, n, confidence):
    z = Z95 if confidence == 0.95 else Z998
    lo, hi = wilson(o, n, z)
    r = proportion_ci(o, n, confidence=confidence, multiplier=1)
    assert (r.lower, r.upper) == (pytest.approx(lo, rel=1e-12), pytest.approx(hi, rel=1e-12))


@pytest.mark.parametrize("confidence", [0.95, 0.998])
@pytest.mark.parametrize("n", [1, 17, 1000])
def test_wilson_zero_and_all(n, confidence):
    z = norm.ppf(0.5 + confidence / 2)
    zero = proportion_ci(0, n, confidence=confidence, multiplier=1)
    assert zero.value == 0 and zero.lower == 0
    assert zero.upper == pytest.approx(z * z / (n + z * z), rel=1e-12)
    full = proportion_ci(n, n, confidence=confidence, multiplier=1)
    assert full.value == 1 and full.upper == 1
    assert full.lower == pytest.approx(n / (n + z * z), rel=1e-12)


@pytest.mark.parametrize(
    ("o", "n", "message"),
    [(-1, 10, "negative"), (11, 10, "exceed"), (0, 0, "greater than 0"), (1, -5, "greater than 0")],
)
def test_proportion_impossible_input_raises(o, n, message):
    with pytest.raises(ValueError, match=message):
        proportion_ci(o, n)


@pytest.mark.parametrize(("o", "n"), [(None, 10), (3, None), (float("nan"), 10), (3, pd.NA)])
def test_proportion_missing_gives_nan(o, n):
    r = proportion_ci(o, n)
    assert math.isnan(r.value) and math.isnan(r.lower) and math.isnan(r.upper)
    assert r.method is None


@pytest.mark.parametrize("confidence", [0, 1, 95, -0.5])
def test_bad_confidence_raises(confidence):
    with pytest.raises(ValueError, match="confidence"):
        proportion_ci(1, 2, confidence=confidence)


# ----------------------------------------------------------------------------- rates


def test_rate_zero_events_exact():
    r = rate_ci(0, 1000, multiplier=1000)
    assert r.method == "Exact"
    assert r.value == 0 and r.lower == 0
    assert round(r.upper, 3) == 3.689  # epitools pois.exact: 3.689 events for x = 0
    assert r.upper == pytest.approx(chi2.ppf(0.975, 2) / 2, rel=1e-12)


@pytest.mark.parametrize("o", range(1, 10))
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_rate_exact_below_ten_matches_chi_square_form(o, confidence):
    alpha = 1 - confidence
    r = rate_ci(o, 1, confidence=confidence, multiplier=1)
    assert r.method == "Exact"
    assert r.lower == pytest.approx(chi2.ppf(alpha / 2, 2 * o) / 2, rel=1e-10)
    assert r.upper == pytest.approx(chi2.ppf(1 - alpha / 2, 2 * o + 2) / 2, rel=1e-10)


@pytest.mark.parametrize("o", [10, 11, 57, 1234, 10.5])
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_rate_byars_from_ten(o, confidence):
    z = Z95 if confidence == 0.95 else Z998
    lo, hi = byars(o, z)
    r = rate_ci(o, 50_000, confidence=confidence)
    assert r.method == "Byars"
    assert r.value == pytest.approx(o / 50_000 * 100_000, rel=1e-14)
    assert r.lower == pytest.approx(lo / 50_000 * 100_000, rel=1e-12)
    assert r.upper == pytest.approx(hi / 50_000 * 100_000, rel=1e-12)


def test_rate_exactly_ten_is_byars_with_printed_values():
    r = rate_ci(10, 1, multiplier=1)
    assert r.method == "Byars"
    assert round(r.lower, 4) == 4.7874 and round(r.upper, 4) == 18.3915
    assert rate_ci(9.999, 1).method == "Exact"


def test_rate_count_may_exceed_denominator():
    r = rate_ci(30, 10, multiplier=1)
    assert r.value == 3.0 and r.lower < 3 < r.upper


@pytest.mark.parametrize(("o", "n"), [(-1, 10), (1, 0), (1, -10)])
def test_rate_impossible_input_raises(o, n):
    with pytest.raises(ValueError):
        rate_ci(o, n)


def test_rate_missing_gives_nan():
    for r in (rate_ci(None, 10), rate_ci(5, float("nan"))):
        assert math.isnan(r.value) and math.isnan(r.lower) and r.method is None


def test_byars_negative_lower_is_nan():
    from analysis.poisson import byars_limits

    lower, upper = byars_limits(np.array([1.0, 10.0]), 0.998)
    assert math.isnan(lower[0]) and lower[1] > 0
    assert upper[0] > 1


# ----------------------------------------------------------------------------- vectorised


def test_proportion_vec_rows_and_labels():
    idx = pd.Index(["a", "b", "c", "d", "e", "f"])
    num = pd.Series([65, None, -1, 11, 0, 5], index=idx)
    den = pd.Series([100, 100, 10, 10, 0, 5], index=idx)
    df = proportion_ci_vec(num, den)
    assert list(df.columns) == ["value", "lower", "upper", "method"]
    assert list(df.index) == list(idx)
    assert df.loc["a", "value"] == 65.0
    assert df.loc["a", "method"] == "Wilson"
    assert pd.isna(df.loc["b", "method"]) and math.isnan(df.loc["b", "value"])
    assert (df.loc[["c", "d", "e"], "method"] == "invalid").all()
    assert df.loc[["c", "d", "e"], ["value", "lower", "upper"]].isna().all().all()
    assert df.loc["f", "upper"] == 100.0


def test_rate_vec_rows_and_labels():
    df = rate_ci_vec([0, 9, 10, None, -2, 5], [1000, 1000, 1000, 1000, 1000, 0])
    assert list(df["method"].iloc[:3]) == ["Exact", "Exact", "Byars"]
    assert pd.isna(df["method"].iloc[3])
    assert list(df["method"].iloc[4:]) == ["invalid", "invalid"]
    assert df["lower"].iloc[0] == 0


def test_vec_accepts_scalar_denominator_and_numpy():
    df = rate_ci_vec(np.array([5, 50]), 1000)
    assert len(df) == 2 and list(df["method"]) == ["Exact", "Byars"]


counts = st.one_of(st.none(), st.integers(0, 5000), st.floats(0, 5000, allow_nan=False))
dens = st.one_of(st.none(), st.integers(1, 10_000), st.floats(0.5, 10_000))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts, dens), min_size=1, max_size=20), st.sampled_from([0.95, 0.998]))
def test_vec_forms_equal_scalar_forms(rows, confidence):
    num = [r[0] for r in rows]
    den = [r[1] for r in rows]
    rates = rate_ci_vec(num, den, confidence=confidence)
    props = proportion_ci_vec(num, den, confidence=confidence)
    for i, (o, n) in enumerate(rows):
        r = rate_ci(o, n, confidence=confidence)
        assert same(rates["value"][i], r.value)
        assert same(rates["lower"][i], r.lower)
        assert same(rates["upper"][i], r.upper)
        assert (pd.isna(rates["method"][i]) and r.method is None) or rates["method"][i] == r.method
        if o is not None and n is not None and o > n:
            assert props["method"][i] == "invalid"
            continue
        p = proportion_ci(o, n, confidence=confidence)
        assert same(props["value"][i], p.value)
        assert same(props["lower"][i], p.lower)
        assert same(props["upper"][i], p.upper)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 100_000), st.data(), st.sampled_from([0.95, 0.998]))
def test_intervals_contain_estimate(n, data, confidence):
    o = data.draw(st.integers(0, n))
    p = proportion_ci(o, n, confidence=confidence)
    assert p.lower <= p.value <= p.upper
    r = rate_ci(o, n, confidence=confidence)
    assert r.lower <= r.value <= r.upper


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 50), st.integers(51, 100), st.integers(1, 20))
def test_intervals_narrow_as_denominator_grows(k, n, scale):
    # The same proportion k/n (and the same rate) on a larger base has a narrower interval.
    small, big = proportion_ci(k, n), proportion_ci(k * (scale + 1), n * (scale + 1))
    assert big.upper - big.lower < small.upper - small.lower
    r_small, r_big = rate_ci(k, n), rate_ci(k * (scale + 1), n * (scale + 1))
    assert r_big.upper - r_big.lower < r_small.upper - r_small.lower


# ----------------------------------------------------------------------------- means


def test_mean_student_t():
    x = [4.0, 7.0, 9.0, 12.0, 3.0]
    m, s, n = np.mean(x), np.std(x, ddof=1), len(x)
    half = student_t.ppf(0.975, n - 1) * s / math.sqrt(n)
    r = mean_ci(x)
    assert r.value == pytest.approx(m)
    assert (r.lower, r.upper) == (pytest.approx(m - half), pytest.approx(m + half))
    assert r.method == "Student t"


def test_mean_edge_cases():
    assert math.isnan(mean_ci([1.0, None, 3.0]).value)  # missing in, missing out (as in R)
    assert math.isnan(mean_ci([]).value)
    one = mean_ci([5.0])
    assert one.value == 5.0 and math.isnan(one.lower)
    assert math.isnan(mean_ci(None).value)
