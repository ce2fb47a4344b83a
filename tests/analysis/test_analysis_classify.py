"""Choropleth class breaks."""

import numpy as np
import pytest

from analysis.classify import assign, breaks, jenks


def test_quantile_breaks_split_counts_evenly():
    edges = breaks(range(1, 11), "quantiles", 5)
    classes = assign(range(1, 11), edges)
    assert np.bincount(classes).tolist() == [2, 2, 2, 2, 2]


def test_equal_breaks_are_evenly_spaced():
    assert breaks([0, 5, 10], "equal", 2) == [0.0, 5.0, 10.0]


def test_jenks_finds_obvious_clusters():
    values = np.sort(np.array([1, 2, 3, 20, 21, 22, 50, 51]))
    assert jenks(values, 3) == [1.0, 3.0, 22.0, 51.0]


def test_missing_values_have_class_minus_one_and_few_values_give_fewer_classes():
    edges = breaks([1.0, np.nan, 1.0, 2.0], "quantiles", 5)
    assert edges == [1.0, 2.0]
    assert assign([1.0, np.nan, 2.0], edges).tolist() == [0, -1, 0]
    assert breaks([np.nan], "jenks") == []


def test_unknown_method_raises():
    with pytest.raises(ValueError):
        breaks([1, 2, 3], "astrology")
