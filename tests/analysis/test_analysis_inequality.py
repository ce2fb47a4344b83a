"""Slope and relative index of inequality: exact fits, transforms and simulated limits."""

import math
import time

import numpy as np
import pytest
from scipy.stats import norm

from analysis.stats import sii

POP = np.array([7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534], dtype=float)
VALUE = np.array([75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3])
LOWER = np.array([72.7, 75.3, 80.9, 80.2, 77.1, 78, 79, 81.4, 75.8, 83.2])
UPPER = np.array([79.1, 81.4, 86.8, 87.1, 83.8, 84.2, 84.4, 86.9, 85.4, 89.4])
SE = np.array([1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57])
DECILES = np.arange(1, 11)


def midpoints(pop):
    a = pop / pop.sum()
    return np.cumsum(a) - a / 2


def test_exact_linear_values_give_the_slope():
    b = midpoints(POP)
    y = 60 + 25 * b
    r = sii(DECILES, POP, y)
    assert r.sii == pytest.approx(25, rel=1e-12)
    assert r.intercept == pytest.approx(60, rel=1e-12)
    assert r.rii == pytest.approx(85 / 60, rel=1e-12)
    assert math.isnan(r.sii_lower) and math.isnan(r.rii_upper)  # no se, no limits


def test_matches_weighted_least_squares():
    b = midpoints(POP)
    a = POP / POP.sum()
    w = np.sqrt(a)
    beta = np.linalg.solve((np.column_stack([w, b * w]).T @ np.column_stack([w, b * w])),
                           np.column_stack([w, b * w]).T @ (w * VALUE))  # fmt: skip
    r = sii(DECILES, POP, VALUE, multiplier=100)
    assert r.sii == pytest.approx(beta[1] * 100, rel=1e-10)
    assert r.rii == pytest.approx((beta[0] + beta[1]) / beta[0], rel=1e-10)


def test_quantile_order_follows_labels():
    order = np.random.default_rng(1).permutation(10)
    a = sii(DECILES, POP, VALUE, se=SE, reps=2000)
    b = sii(DECILES[order], POP[order], VALUE[order], se=SE[order], reps=2000)
    assert a.sii == pytest.approx(b.sii, rel=1e-12)
    assert a.sii_lower == pytest.approx(b.sii_lower, rel=1e-12)


def test_negative_multiplier_flips_sii_and_inverts_rii():
    a, b = sii(DECILES, POP, VALUE), sii(DECILES, POP, VALUE, multiplier=-1)
    assert b.sii == pytest.approx(-a.sii) and b.rii == pytest.approx(1 / a.rii)


def test_transform_rate_exact_log_linear():
    b = midpoints(POP)
    y = np.exp(5 + 0.8 * b)
    r = sii(DECILES, POP, y, value_type="rate", transform=True, multiplier=1)
    assert r.intercept == pytest.approx(5, rel=1e-12)
    assert r.sii == pytest.approx(math.exp(5.8) - math.exp(5), rel=1e-10)
    assert r.rii == pytest.approx(math.exp(0.8), rel=1e-10)


def test_transform_proportion_exact_logit_linear():
    b = midpoints(POP)
    expit = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    y = expit(-1 + 1.5 * b)
    r = sii(DECILES, POP, y, value_type="proportion", transform=True, multiplier=100)
    assert r.sii == pytest.approx((expit(0.5) - expit(-1)) * 100, rel=1e-10)
    assert r.rii == pytest.approx(expit(0.5) / expit(-1), rel=1e-10)


def test_limits_contain_estimate_and_are_reproducible():
    a = sii(DECILES, POP, VALUE, LOWER, UPPER)
    b = sii(DECILES, POP, VALUE, LOWER, UPPER)
    assert a == b  # fixed seed
    assert a.sii_lower < a.sii < a.sii_upper
    assert a.rii_lower < a.rii < a.rii_upper
    assert sii(DECILES, POP, VALUE, LOWER, UPPER, seed=2).sii_lower != a.sii_lower


def test_limits_match_the_analytic_wls_variance():
    # For value_type "other" the simulated SII is normal with the WLS sampling variance.
    r = sii(DECILES, POP, VALUE, se=SE)
    a = POP / POP.sum()
    x = np.column_stack([np.sqrt(a), midpoints(POP) * np.sqrt(a)])
    h = np.linalg.inv(x.T @ x) @ x.T
    sd = math.sqrt((h @ np.diag(a * SE**2) @ h.T)[1, 1])
    z = norm.ppf(0.975)
    assert r.sii_lower == pytest.approx(r.sii - z * sd, rel=0.02)
    assert r.sii_upper == pytest.approx(r.sii + z * sd, rel=0.02)


def test_se_from_limits_equals_given_se():
    se = np.full(10, 1.5)
    lower, upper = VALUE - 1.959964 * 1.5, VALUE + 1.959964 * 1.5
    by_limits = sii(DECILES, POP, VALUE, lower, upper, reps=5000)
    by_se = sii(DECILES, POP, VALUE, se=se * 1.959964 / norm.ppf(0.975), reps=5000)
    assert by_limits.sii_lower == pytest.approx(by_se.sii_lower, rel=1e-9)


def test_rate_limits_drawn_on_log_scale():
    rates = VALUE * 10
    r = sii(DECILES, POP, rates, rates * 0.9, rates * 1.1, value_type="rate", multiplier=1)
    assert r.sii_lower < r.sii < r.sii_upper
    t = sii(DECILES, POP, rates, rates * 0.9, rates * 1.1, value_type="rate", transform=True)
    assert t.sii_lower < t.sii < t.sii_upper
    assert t.rii_lower < t.rii < t.rii_upper


def test_missing_inputs():
    y = VALUE.copy()
    y[3] = np.nan
    assert math.isnan(sii(DECILES, POP, y, se=SE).sii)
    se = SE.copy()
    se[0] = np.nan
    r = sii(DECILES, POP, VALUE, se=se)
    assert not math.isnan(r.sii) and math.isnan(r.sii_lower)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"value_type": "ratio"},
        {"value_type": "other", "transform": True},
        {"reps": 10},
        {"population": np.r_[0.0, POP[1:]]},
        {"quantile": np.r_[1, DECILES[:-1]]},
        {"value_type": "proportion"},  # values above 1 (percentages, not fractions)
    ],
)
def test_invalid_inputs_raise(kwargs):
    args = {"quantile": DECILES, "population": POP, "value": VALUE} | kwargs
    with pytest.raises(ValueError):
        sii(**args)


def test_hundred_thousand_reps_is_fast():
    sii(DECILES, POP, VALUE, LOWER, UPPER, reps=1000)  # warm up
    start = time.process_time()  # the work done, not the wall clock: a busy machine must not fail it
    r = sii(DECILES, POP, VALUE, LOWER, UPPER, value_type="other", reps=100_000)
    elapsed = time.process_time() - start
    assert r.reps == 100_000
    assert elapsed < 1.0, f"100k reps took {elapsed:.2f}s"


def test_string_labels_sort_like_numbers_when_zero_padded():
    labels = [f"Q{i:02d}" for i in DECILES]
    assert sii(labels, POP, VALUE).sii == sii(DECILES, POP, VALUE).sii
