"""Quantile assignment (deprivation deciles, quintiles) by the phe_quantile rule."""

from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np
from scipy.stats import rankdata

from analysis._inputs import array, is_missing
from analysis.polarity import HIGH_IS_GOOD, normalise_polarity


def quantiles(values: Any, n: int, invert: bool = True) -> np.ndarray:
    """Assign each value to quantile 1..n; returns a float array with NaN for missing.

    Rule (phe_quantile): rank the N valid values with ties at the lowest rank, rank 1 being
    the highest value when invert is True (the default; use it for "low is good" so quantile 1
    holds the worst values) and the lowest value when False; then
    q = floor((n + 1) - ceil(((N + 1) - rank) / (N / n))), and q = 0 becomes 1.
    Tied values always share a quantile. Missing values (None/NaN) stay NaN, and when
    N < n every result is NaN. Group the data yourself and call once per group.
    """
    try:
        nq = operator.index(n)
    except TypeError:
        raise ValueError(f"n must be a whole number of quantiles, got {n!r}") from None
    if nq < 1:
        raise ValueError(f"n must be at least 1, got {n!r}")
    x = array(values) if np.ndim(values) else np.array([], dtype=float)
    out = np.full(x.shape, np.nan)
    valid = ~np.isnan(x)
    count = int(valid.sum())
    if count < nq:
        return out
    # Negation orders values exactly as R's max(x) - x does, without its rounding.
    rank = rankdata(-x[valid] if invert else x[valid], method="min")
    q = np.floor((nq + 1) - np.ceil(((count + 1) - rank) / (count / nq)))
    out[valid] = np.where(q == 0, 1, q)
    return out


def fingertips_bounds(values: Any, k: int) -> np.ndarray:
    """Legacy Fingertips bounds: min, the j/k percentiles (Excel PERCENTILE.INC), max.

    Returns k + 1 bounds rounded to 10 decimals, or an empty array when fewer than k values
    are present. For 1..50 and k = 5: 1, 10.8, 20.6, 30.4, 40.2, 50.
    """
    x = array(values) if np.ndim(values) else np.array([], dtype=float)
    x = np.sort(x[~np.isnan(x)])
    if x.size < k:
        return np.array([], dtype=float)
    inner = []
    for j in range(1, k):
        h = (x.size - 1) * (j / k) + 1  # 1-based position, as in the Fingertips C#
        lo = int(math.floor(h))
        frac = h - lo
        nxt = x[lo] if lo < x.size else x[lo - 1]
        inner.append(x[lo - 1] + frac * (nxt - x[lo - 1]))
    return np.round(np.array([x[0], *inner, x[-1]]), 10)


def fingertips_quantile(value: float, values: Any, k: int = 5, polarity: Any = None) -> int:
    """Legacy Fingertips quintile (k=5) or quartile (k=4) of value among values; 0 = not applicable.

    Category is the first j with value <= bound[j]. RAG "high is good" quintiles are reversed
    (6 - j) so that 1 is best for both RAG polarities; quartiles are never reversed.
    """
    bounds = fingertips_bounds(values, k)
    if bounds.size == 0 or is_missing(value):
        return 0
    j = next((j for j in range(1, k + 1) if value <= bounds[j]), k)
    return (k + 1 - j) if (k == 5 and normalise_polarity(polarity) == HIGH_IS_GOOD) else j
