"""The scatter's fitted line against numpy, and the side-by-side difference of two areas."""

import math

import numpy as np
import pytest

from analysis.difference import Z95, difference_vec
from analysis.fit import linear_fit


def test_fit_matches_numpy_polyfit_and_corrcoef():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 50, 139)
    y = 4 + 0.7 * x + rng.normal(0, 5, 139)
    f = linear_fit(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    assert f.slope == pytest.approx(slope, rel=1e-10) and f.intercept == pytest.approx(intercept, rel=1e-10)
    assert f.r2 == pytest.approx(np.corrcoef(x, y)[0, 1] ** 2, rel=1e-10)
    assert f.n == 139


def test_fit_drops_incomplete_pairs():
    x = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0])
    y = np.array([2.0, 4.1, 6.0, np.nan, 9.8, 12.1])
    f = linear_fit(x, y)
    keep = ~(np.isnan(x) | np.isnan(y))
    assert f.n == 4
    assert f.slope == pytest.approx(np.polyfit(x[keep], y[keep], 1)[0])


def test_too_few_or_flat_gives_nan_not_an_error():
    assert math.isnan(linear_fit([1, 2], [3, 4]).slope)
    flat = linear_fit([2, 2, 2, 2], [1, 2, 3, 4])
    assert math.isnan(flat.r2) and flat.n == 4
    with pytest.raises(ValueError):
        linear_fit([1, 2, 3], [1, 2])


def test_difference_significance_from_limits():
    d = difference_vec([10, 10, 10], [9, 9, np.nan], [11, 11, np.nan], [14, 10.5, 14], [13, 9.5, 13], [15, 11.5, 15])
    se = math.sqrt(2 * (2 / (2 * Z95)) ** 2)
    assert d["difference"].tolist() == [-4, -0.5, -4]
    assert d.loc[0, "lower"] == pytest.approx(-4 - Z95 * se) and d.loc[0, "significant"] is True
    assert d.loc[1, "significant"] is False
    assert d.loc[2, "significant"] is None and math.isnan(d.loc[2, "lower"])  # no limits: not tested
