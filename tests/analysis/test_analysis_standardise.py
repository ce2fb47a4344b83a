"""Directly (Dobson) and indirectly standardised rates against hand-worked formulas."""

import math

import numpy as np
import pytest
from scipy.stats import chi2, norm

from analysis.stats import ESP2013, dsr, isr, isratio


def byars(o, z):
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lower, upper


def test_esp2013_constant():
    assert len(ESP2013) == 19
    assert sum(ESP2013) == 100_000
    assert ESP2013[0] == 5000 and ESP2013[7] == 7000 and ESP2013[-1] == 1000


def dobson_oracle(o, n, w, z, mult=100_000):
    o, n, w = (np.asarray(x, dtype=float) for x in (o, n, w))
    value = (w * o / n).sum() / w.sum() * mult
    var = (w**2 * o / n**2).sum() / w.sum() ** 2
    total = o.sum()
    lo, hi = byars(total, z)
    return (
        value,
        value + math.sqrt(var / total) * (lo - total) * mult,
        value + math.sqrt(var / total) * (hi - total) * mult,
    )


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_dsr_dobson_with_esp2013(confidence):
    rng = np.random.default_rng(7)
    pops = rng.integers(2_000, 9_000, 19)
    counts = rng.integers(0, 40, 19)
    z = norm.ppf(0.5 + confidence / 2)
    value, lo, hi = dobson_oracle(counts, pops, ESP2013, z)
    r = dsr(counts, pops, confidence=confidence)
    assert r.method == "Dobson"
    assert r.value == pytest.approx(value, rel=1e-12)
    assert r.lower == pytest.approx(lo, rel=1e-12)
    assert r.upper == pytest.approx(hi, rel=1e-12)
    assert r.lower < r.value < r.upper


def test_dsr_uniform_rate_is_that_rate_whatever_the_standard():
    r = dsr([10, 20, 30], [1000, 2000, 3000], standard=[1, 1, 2], multiplier=100_000)
    assert r.value == pytest.approx(1000.0)
    value, lo, hi = dobson_oracle([10, 20, 30], [1000, 2000, 3000], [1, 1, 2], norm.ppf(0.975))
    assert (r.lower, r.upper) == (pytest.approx(lo), pytest.approx(hi))


def test_dsr_suppressed_below_ten_events():
    r = dsr([0] * 18 + [9], [10_000] * 19)
    assert math.isnan(r.value) and math.isnan(r.lower) and math.isnan(r.upper)
    assert r.method == "Dobson" and r.note == "dsr NA for total count < 10"
    # ten events in total is published
    assert not math.isnan(dsr([1] * 10 + [0] * 9, [10_000] * 19).value)


def test_dsr_missing_band_count_counts_as_zero():
    with_none = dsr([None, 5, 10], [1000, 1000, 1000], standard=[1, 1, 1])
    with_zero = dsr([0, 5, 10], [1000, 1000, 1000], standard=[1, 1, 1])
    assert with_none == with_zero


def test_dsr_missing_and_invalid_inputs():
    assert math.isnan(dsr(None, [1] * 19).value)
    assert math.isnan(dsr([5] * 19, [1000] * 18 + [None]).value)
    with pytest.raises(ValueError, match="negative"):
        dsr([-1] + [5] * 18, [1000] * 19)
    with pytest.raises(ValueError, match="greater than 0"):
        dsr([5] * 19, [0] + [1000] * 18)
    with pytest.raises(ValueError, match="one value per band"):
        dsr([5] * 18, [1000] * 18)


REF_COUNTS = [50, 100, 200]
REF_POPS = [10_000, 20_000, 10_000]
LOCAL_POPS = [1000, 2000, 1500]
EXPECTED = 50 / 10_000 * 1000 + 100 / 20_000 * 2000 + 200 / 10_000 * 1500  # = 45
REF_RATE = 350 / 40_000


@pytest.mark.parametrize("observed", [0, 3, 9, 10, 60])
def test_isratio_and_isr(observed):
    r = isratio(observed, LOCAL_POPS, REF_COUNTS, REF_POPS)
    a = isr(observed, LOCAL_POPS, REF_COUNTS, REF_POPS)
    if observed < 10:
        lo = 0.0 if observed == 0 else chi2.ppf(0.025, 2 * observed) / 2
        hi = chi2.ppf(0.975, 2 * observed + 2) / 2
        assert r.method == "Exact"
    else:
        lo, hi = byars(observed, norm.ppf(0.975))
        assert r.method == "Byars"
    assert r.value == pytest.approx(observed / EXPECTED)
    assert r.lower == pytest.approx(lo / EXPECTED, rel=1e-10)
    assert r.upper == pytest.approx(hi / EXPECTED, rel=1e-10)
    scale = REF_RATE * 100_000
    assert a.value == pytest.approx(observed / EXPECTED * scale)
    assert a.lower == pytest.approx(lo / EXPECTED * scale, rel=1e-10)
    assert a.upper == pytest.approx(hi / EXPECTED * scale, rel=1e-10)


def test_isr_counts_by_band_equal_total_and_refvalue_100():
    by_band = isratio([20, None, 40], LOCAL_POPS, REF_COUNTS, REF_POPS, refvalue=100)
    total = isratio(60, LOCAL_POPS, REF_COUNTS, REF_POPS, refvalue=100)
    assert by_band == total
    assert total.value == pytest.approx(60 / 45 * 100)


def test_isr_reference_band_without_population_contributes_nothing():
    r = isratio(10, [1000, 2000, 500], [50, 100, 0], [10_000, 20_000, 0])
    assert r.value == pytest.approx(10 / (5 + 10))


def test_isr_missing_and_invalid():
    assert math.isnan(isr(None, LOCAL_POPS, REF_COUNTS, REF_POPS).value)
    with pytest.raises(ValueError):
        isr(-1, LOCAL_POPS, REF_COUNTS, REF_POPS)
    with pytest.raises(ValueError, match="expected"):
        isr(5, [0, 0, 0], REF_COUNTS, REF_POPS)
