"""Groups by deprivation decile: intervals recomputed from summed counts, means otherwise, and the SII."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from analysis.by_deprivation import by_group, gradient, quintile_of
from analysis.stats import sii


def lsoas(counts=True):
    rng = np.random.default_rng(11)
    decile = np.repeat(np.arange(1, 11), 4).astype(float)
    den = rng.integers(800, 1600, decile.size).astype(float)
    num = np.round(den * (0.12 - 0.008 * decile)).astype(float)
    df = pd.DataFrame({"decile": decile, "numerator": num, "denominator": den, "value": 100 * num / den})
    if not counts:
        df[["numerator", "denominator"]] = np.nan
    return df


Z = norm.ppf(0.975)


def wilson(o, n, z=Z):
    p = o / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (centre - half) / (1 + z * z / n), 100 * (centre + half) / (1 + z * z / n)


def test_group_intervals_come_from_summed_counts():
    rows = lsoas()
    g = by_group(rows, "percentage", 100)
    assert g["group"].tolist() == list(range(1, 11)) and (g["n_areas"] == 4).all()
    for r in g.itertuples():
        part = rows[rows["decile"] == r.group]
        o, n = part["numerator"].sum(), part["denominator"].sum()
        assert r.numerator == o and r.denominator == n and r.value == pytest.approx(100 * o / n)
        lo, hi = wilson(o, n)
        assert r.lower == pytest.approx(lo, rel=1e-9) and r.upper == pytest.approx(hi, rel=1e-9)
        assert r.method.startswith("summed counts")
    # not the mean of the LSOAs' own percentages: areas of different sizes weigh differently
    assert not np.allclose(g["value"], rows.groupby("decile")["value"].mean())


def test_quintiles_pool_two_deciles_each():
    rows = lsoas()
    g = by_group(rows, "percentage", 100, groups="quintile")
    assert g["group"].tolist() == [1, 2, 3, 4, 5] and (g["n_areas"] == 8).all()
    assert g.loc[0, "numerator"] == rows.loc[rows["decile"] <= 2, "numerator"].sum()
    assert quintile_of(pd.Series([1.0, 2.0, 3.0, 10.0])).tolist() == [1, 1, 2, 5]


def test_without_counts_groups_are_means_with_t_limits():
    rows = lsoas(counts=False)
    g = by_group(rows, "score", 1)
    first = rows.loc[rows["decile"] == 1, "value"]
    assert g.loc[0, "value"] == pytest.approx(first.mean())
    assert g.loc[0, "lower"] < first.mean() < g.loc[0, "upper"] and g.loc[0, "method"].startswith("mean")


def test_missing_decile_or_value_left_out():
    rows = lsoas()
    rows.loc[0, "decile"] = np.nan
    rows.loc[5, "value"] = np.nan
    g = by_group(rows, "percentage", 100)
    assert g["n_areas"].sum() == len(rows) - 2


def test_gradient_is_the_sii_of_the_groups_weighted_by_population():
    g = by_group(lsoas(), "percentage", 100)
    ineq = gradient(g, "percentage", 100)
    want = sii(g["group"].tolist(), g["denominator"].to_numpy(), g["value"] / 100, g["lower"] / 100,
               g["upper"] / 100, value_type="proportion", multiplier=100, reps=20_000)
    assert ineq.sii == pytest.approx(want.sii) and ineq.sii_lower == pytest.approx(want.sii_lower)
    assert ineq.sii < 0 and ineq.sii_lower < ineq.sii < ineq.sii_upper  # falls from most to least deprived
    assert gradient(g.head(1), "percentage", 100) is None
