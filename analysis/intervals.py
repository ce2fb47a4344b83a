"""Confidence intervals for proportions (Wilson), crude rates (exact/Byar's) and means (Student t).

Each interval has a scalar form, which raises ValueError on impossible input, and for proportions
and rates a vectorised `_vec` form, which marks impossible rows with method "invalid" and NaN
figures instead of raising. Both forms run the same array kernel, so they agree exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import t as student_t

from analysis._inputs import array, check_confidence, index_of, is_missing, scalar, z_for
from analysis.poisson import count_limits
from analysis.result import Interval

INVALID = "invalid"
_NAN = math.nan


def _proportion_kernel(o: np.ndarray, n: np.ndarray, confidence: float, multiplier: float):
    """Wilson limits for arrays; returns value, lower, upper, method, invalid-mask."""
    o, n = np.broadcast_arrays(o, n)
    missing = np.isnan(o) | np.isnan(n)
    invalid = ~missing & (~np.isfinite(o) | ~np.isfinite(n) | (o < 0) | (n <= 0) | (o > n))
    ok = ~missing & ~invalid
    oo, nn = np.where(ok, o, 0.0), np.where(ok, n, 1.0)
    z = z_for(confidence)
    z2 = z * z
    root = z * np.sqrt(z2 + 4 * oo * (1 - oo / nn))
    den = 2 * (nn + z2)
    # At O = 0 and O = n the closed form is exactly 0 and 1; set them so rounding in the last
    # bit cannot leave the estimate outside its own interval.
    lower = np.where(oo == 0, 0.0, np.clip((2 * oo + z2 - root) / den, 0.0, 1.0))
    upper = np.where(oo == nn, 1.0, np.clip((2 * oo + z2 + root) / den, 0.0, 1.0))
    value = oo / nn
    method = np.where(ok, "Wilson", np.where(invalid, INVALID, None)).astype(object)
    method[missing] = None
    out = [np.where(ok, x * multiplier, np.nan) for x in (value, lower, upper)]
    return (*out, method, invalid)


def _rate_kernel(o: np.ndarray, n: np.ndarray, confidence: float, multiplier: float):
    """Exact/Byar's rate limits for arrays; returns value, lower, upper, method, invalid-mask."""
    o, n = np.broadcast_arrays(o, n)
    missing = np.isnan(o) | np.isnan(n)
    invalid = ~missing & (~np.isfinite(o) | ~np.isfinite(n) | (o < 0) | (n <= 0))
    ok = ~missing & ~invalid
    oo, nn = np.where(ok, o, 0.0), np.where(ok, n, 1.0)
    lo, hi, method = count_limits(oo, confidence)
    method = method.astype(object)
    method[invalid] = INVALID
    method[missing] = None
    out = [np.where(ok, x / nn * multiplier, np.nan) for x in (oo, lo, hi)]
    return (*out, method, invalid)


def _check_multiplier(multiplier: Any) -> float:
    m = scalar(multiplier, "multiplier")
    if math.isnan(m):
        raise ValueError("multiplier must be a number, got a missing value")
    return m


def _frame(kernel, a: Any, b: Any, confidence: float, multiplier: float) -> pd.DataFrame:
    c = check_confidence(confidence)
    value, lower, upper, method, _ = kernel(array(a), array(b), c, _check_multiplier(multiplier))
    index = index_of(a, b)
    if index is not None and len(index) != len(value):
        index = None
    return pd.DataFrame({"value": value, "lower": lower, "upper": upper, "method": method}, index=index)


def _one(kernel, o: float, n: float, confidence: float, multiplier: float) -> Interval:
    value, lower, upper, method, _ = kernel(np.array([o]), np.array([n]), confidence, multiplier)
    return Interval(float(value[0]), float(lower[0]), float(upper[0]), method[0], confidence)


def proportion_ci(
    numerator: float, denominator: float, confidence: float = 0.95, multiplier: float = 100
) -> Interval:
    """Proportion with Wilson score limits, scaled by multiplier (100 gives a percentage)."""
    o, n = scalar(numerator, "numerator"), scalar(denominator, "denominator")
    c, m = check_confidence(confidence), _check_multiplier(multiplier)
    if math.isnan(o) or math.isnan(n):
        return Interval(_NAN, _NAN, _NAN, None, c)
    if o < 0:
        raise ValueError(f"numerator must not be negative, got {numerator!r}")
    if n <= 0:
        raise ValueError(f"denominator must be greater than 0, got {denominator!r}")
    if o > n:
        raise ValueError(f"numerator ({numerator!r}) must not exceed denominator ({denominator!r})")
    return _one(_proportion_kernel, o, n, c, m)


def rate_ci(
    count: float, denominator: float, confidence: float = 0.95, multiplier: float = 100_000
) -> Interval:
    """Crude rate with exact Poisson limits below 10 events and Byar's from 10."""
    o, n = scalar(count, "count"), scalar(denominator, "denominator")
    c, m = check_confidence(confidence), _check_multiplier(multiplier)
    if math.isnan(o) or math.isnan(n):
        return Interval(_NAN, _NAN, _NAN, None, c)
    if o < 0:
        raise ValueError(f"count must not be negative, got {count!r}")
    if n <= 0:
        raise ValueError(f"denominator must be greater than 0, got {denominator!r}")
    return _one(_rate_kernel, o, n, c, m)


def proportion_ci_vec(
    numerator: Any, denominator: Any, confidence: float = 0.95, multiplier: float = 100
) -> pd.DataFrame:
    """Vectorised proportion_ci: columns value, lower, upper, method ("Wilson", "invalid" or None).

    Missing inputs give NaN figures with method None; impossible rows (negative, numerator above
    denominator, denominator <= 0) give NaN figures with method "invalid" rather than raising.
    The index follows the first pandas Series passed in.
    """
    return _frame(_proportion_kernel, numerator, denominator, confidence, multiplier)


def rate_ci_vec(
    count: Any, denominator: Any, confidence: float = 0.95, multiplier: float = 100_000
) -> pd.DataFrame:
    """Vectorised rate_ci: columns value, lower, upper, method (Exact, Byars, invalid or None).

    Missing inputs give NaN figures with method None; impossible rows (negative count,
    denominator <= 0) give NaN figures with method "invalid" rather than raising.
    """
    return _frame(_rate_kernel, count, denominator, confidence, multiplier)


def mean_ci(values: Iterable[float], confidence: float = 0.95) -> Interval:
    """Mean with Student t limits (sample SD, N-1 degrees of freedom).

    As in PHEindicatormethods, any missing value makes the result missing; one value gives the
    mean with NaN limits.
    """
    c = check_confidence(confidence)
    if is_missing(values):
        return Interval(_NAN, _NAN, _NAN, None, c)
    x = np.array([scalar(v, "value") for v in values], dtype=float)
    if x.size == 0 or np.isnan(x).any():
        return Interval(_NAN, _NAN, _NAN, None, c)
    mean = float(x.mean())
    if x.size < 2:
        return Interval(mean, _NAN, _NAN, "Student t", c, note="one value: no interval")
    half = float(student_t.ppf(0.5 + c / 2, x.size - 1)) * float(x.std(ddof=1)) / math.sqrt(x.size)
    return Interval(mean, mean - half, mean + half, "Student t", c)
