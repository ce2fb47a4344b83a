"""Confidence limits on a Poisson count: exact (chi-square/gamma) and Byar's approximation."""

from __future__ import annotations

import numpy as np
from scipy.stats import gamma, norm

EXACT_BELOW = 10  # OHID switch point: counts under 10 are exact, 10 itself uses Byar's


def exact_limits(o: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson limits on counts o; chi2.ppf(q, 2k)/2 == gamma.ppf(q, k)."""
    alpha = 1 - confidence
    o = np.asarray(o, dtype=float)
    with np.errstate(invalid="ignore"):
        # gamma.ppf(q, 0) is NaN (R's qchisq(q, 0) is 0), so zero events get lower 0 explicitly.
        lower = np.where(o > 0, gamma.ppf(alpha / 2, np.where(o > 0, o, 1.0)), 0.0)
        upper = gamma.ppf(1 - alpha / 2, o + 1)
    lower = np.where(np.isnan(o), np.nan, lower)
    return lower, upper


def byars_limits(o: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's limits on counts o; a lower limit that would be negative is NaN."""
    z = norm.ppf(0.5 + confidence / 2)
    o = np.asarray(o, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
        upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
    # A negative cube means the approximation has broken down (tiny counts): report missing.
    lower = np.where(lower < 0, np.nan, lower)
    return lower, upper


def count_limits(o: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Limits on counts o, exact below 10 and Byar's from 10; returns lower, upper, methods."""
    o = np.asarray(o, dtype=float)
    exact = o < EXACT_BELOW
    el, eu = exact_limits(np.where(exact, o, 0.0), confidence)
    bl, bu = byars_limits(np.where(exact, EXACT_BELOW, o), confidence)
    lower = np.where(exact, el, bl)
    upper = np.where(exact, eu, bu)
    missing = np.isnan(o)
    lower[missing] = np.nan
    upper[missing] = np.nan
    method = np.where(exact, "Exact", "Byars").astype(object)
    method[missing] = None
    return lower, upper, method
