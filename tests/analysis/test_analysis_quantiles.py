"""Quantile assignment: PHE phe_quantile rule and legacy Fingertips bounds."""

import math

import numpy as np
import pytest

from analysis.quantiles import fingertips_bounds, fingertips_quantile
from analysis.stats import quantiles


def phe_rule(rank, count, nq):
    q = math.floor((nq + 1) - math.ceil(((count + 1) - rank) / (count / nq)))
    return max(q, 1)


def test_deciles_of_ten_values():
    values = list(range(1, 11))
    assert list(quantiles(values, 10)) == list(range(10, 0, -1))  # invert: highest is 1
    assert list(quantiles(values, 10, invert=False)) == list(range(1, 11))


def test_quintiles_of_ten_values():
    assert list(quantiles(range(1, 11), 5, invert=False)) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert list(quantiles(range(1, 11), 5)) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def test_uneven_group_sizes_follow_the_formula():
    values = [3.0, 9.0, 1.0, 7.0, 5.0, 8.0, 2.0]  # N = 7 into 3 groups
    ranks_high_first = [5, 1, 7, 3, 4, 2, 6]
    expected = [phe_rule(r, 7, 3) for r in ranks_high_first]
    assert list(quantiles(values, 3)) == expected
    assert sorted(set(expected)) == [1, 2, 3]


def test_ties_share_a_group_via_min_rank():
    values = [1, 2, 2, 2, 5, 7, 8, 9, 10, 11]
    out = quantiles(values, 5, invert=False)
    # the three 2s all take rank 2, so all fall in quantile 1 with the 1
    assert list(out) == [1, 1, 1, 1, 3, 3, 4, 4, 5, 5]
    out_inv = quantiles(values, 5)
    assert out_inv[1] == out_inv[2] == out_inv[3]


def test_all_tied():
    assert list(quantiles([4, 4, 4, 4, 4], 5)) == [1, 1, 1, 1, 1]


def test_missing_stay_missing():
    out = quantiles([1, None, 3, float("nan"), 5, 6, 7], 5, invert=False)
    assert math.isnan(out[1]) and math.isnan(out[3])
    assert list(out[[0, 2, 4, 5, 6]]) == [1, 2, 3, 4, 5]


def test_fewer_valid_values_than_groups_all_missing():
    out = quantiles([1, 2, 3, None, None, None], 5)
    assert out.shape == (6,) and np.isnan(out).all()
    assert quantiles([], 5).size == 0


def test_bad_n():
    with pytest.raises(ValueError):
        quantiles([1, 2, 3], 0)
    with pytest.raises(ValueError):
        quantiles([1, 2, 3], 2.5)


def test_fingertips_bounds_worked_example():
    assert list(fingertips_bounds(range(1, 51), 5)) == [1, 10.8, 20.6, 30.4, 40.2, 50]
    assert list(fingertips_bounds(range(1, 51), 4)) == [1, 13.25, 25.5, 37.75, 50]
    values = np.random.default_rng(3).normal(50, 10, 37)
    inner = fingertips_bounds(values, 5)[1:-1]
    assert inner == pytest.approx(np.percentile(values, [20, 40, 60, 80]), abs=1e-9)


def test_fingertips_quantile_categories():
    values = range(1, 51)
    assert fingertips_quantile(10.8, values, 5) == 1  # upper bounds are inclusive
    assert fingertips_quantile(10.9, values, 5) == 2
    assert fingertips_quantile(50, values, 5, "low_is_good") == 5
    assert fingertips_quantile(50, values, 5, "high_is_good") == 1  # reversed: 1 is best
    assert fingertips_quantile(50, values, 4, "high_is_good") == 4  # quartiles never reversed
    assert fingertips_quantile(3, [1, 2, 3, 4], 5) == 0  # too few values: not applicable
    assert fingertips_quantile(None, values, 5) == 0
