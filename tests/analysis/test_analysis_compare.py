"""Benchmark comparison: one level, two levels, vectorised, polarity names."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.stats import (
    compare,
    compare_two_levels,
    compare_two_levels_vec,
    compare_vec,
    normalise_polarity,
)

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "lower", "upper", "benchmark", "polarity", "expected"),
    [
        (20, 18, 22, 19, "high_is_good", "similar"),
        (20, 18, 22, 18, "high_is_good", "similar"),  # touching the lower end overlaps
        (20, 18, 22, 22, "low_is_good", "similar"),  # touching the upper end overlaps
        (20, 18, 22, 17, "high_is_good", "better"),
        (20, 18, 22, 17, "low_is_good", "worse"),
        (20, 18, 22, 17, "no_judgement", "higher"),
        (20, 18, 22, 23, "high_is_good", "worse"),
        (20, 18, 22, 23, "low_is_good", "better"),
        (20, 18, 22, 23, "no_judgement", "lower"),
        (None, 18, 22, 23, "low_is_good", "not_compared"),
        (20, NAN, 22, 23, "low_is_good", "not_compared"),
        (20, 18, None, 23, "low_is_good", "not_compared"),
        (20, 18, 22, None, "low_is_good", "not_compared"),
        (20, 18, 22, 23, None, "not_compared"),
        (20, 18, 22, 23, "sideways", "not_compared"),
        (20, 18, 22, 23, -1, "not_compared"),  # legacy "not applicable"
    ],
)
def test_compare(value, lower, upper, benchmark, polarity, expected):
    assert compare(value, lower, upper, benchmark, polarity) == expected


@pytest.mark.parametrize(
    ("benchmark", "high", "low", "none"),
    [
        (10.0, "best", "worst", "highest"),  # below the 99.8 % lower limit
        (14.0, "better", "worse", "higher"),  # between L99.8 and L95
        (13.0, "better", "worse", "higher"),  # on L99.8: inside the 99.8 % interval
        (15.0, "similar", "similar", "similar"),  # on L95
        (20.0, "similar", "similar", "similar"),
        (26.0, "worse", "better", "lower"),
        (27.0, "worse", "better", "lower"),  # on U99.8
        (30.0, "worst", "best", "lowest"),
    ],
)
def test_compare_two_levels(benchmark, high, low, none):
    limits = (20.0, 15.0, 25.0, 13.0, 27.0)  # value, L95, U95, L99.8, U99.8
    assert compare_two_levels(*limits, benchmark, "high_is_good") == high
    assert compare_two_levels(*limits, benchmark, "low_is_good") == low
    assert compare_two_levels(*limits, benchmark, "no_judgement") == none


def test_compare_two_levels_needs_all_four_limits():
    assert compare_two_levels(20, 15, 25, None, 27, 10, "high_is_good") == "not_compared"
    assert compare_two_levels(20, 15, 25, 13, 27, 10, "not applicable") == "not_compared"


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("high_is_good", "high_is_good"),
        ("HighIsGood", "high_is_good"),
        (1, "high_is_good"),
        ("Low is good", "low_is_good"),
        (0, "low_is_good"),
        ("no_judgement", "no_judgement"),
        ("NoJudgement", "no_judgement"),
        (99, "no_judgement"),
        ("RAG - Low is good", "low_is_good"),
        ("BOB - Blue orange blue", "no_judgement"),
        (-1, None),
        (None, None),
        ("", None),
        (True, None),
    ],
)
def test_normalise_polarity(spelling, canonical):
    assert normalise_polarity(spelling) == canonical


def test_compare_vec_scalar_and_array_benchmark():
    value = np.array([20.0, 20.0, np.nan, 20.0])
    lower = np.array([18.0, 18.0, 1.0, 18.0])
    upper = np.array([22.0, 22.0, 2.0, 22.0])
    out = compare_vec(value, lower, upper, 17.0, "low_is_good")
    assert list(out) == ["worse", "worse", "not_compared", "worse"]
    out = compare_vec(value, lower, upper, [17.0, 22.0, 1.5, None], "high_is_good")
    assert list(out) == ["better", "similar", "not_compared", "not_compared"]
    assert list(compare_vec(value, lower, upper, 17.0, "unknown")) == ["not_compared"] * 4


maybe = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(maybe, maybe, maybe, maybe, maybe, maybe), min_size=1, max_size=15),
    st.sampled_from(["high_is_good", "low_is_good", "no_judgement", "bogus"]),
)
def test_vectorised_compare_equals_scalar(rows, polarity):
    cols = list(zip(*rows, strict=True))
    one = compare_vec(cols[0], cols[1], cols[2], cols[5], polarity)
    two = compare_two_levels_vec(*cols, polarity)
    for i, (v, l95, u95, l998, u998, b) in enumerate(rows):
        assert one[i] == compare(v, l95, u95, b, polarity)
        assert two[i] == compare_two_levels(v, l95, u95, l998, u998, b, polarity)


def test_missing_is_not_compared_with_numpy_nan():
    assert compare(np.float64(1.0), np.nan, 2.0, 1.5, "high_is_good") == "not_compared"
    assert not math.isnan(1.0)
