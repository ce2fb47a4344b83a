"""Slope and relative index of inequality (SII, RII) with Monte Carlo confidence limits."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import norm

from analysis._inputs import array, check_confidence, is_missing

SII_SEED = 20240501  # fixed so the same input gives the same simulated limits on every run
MIN_REPS = 1000  # PHEindicatormethods refuses fewer repetitions
VALUE_TYPES = ("other", "rate", "proportion")
_Z95 = float(norm.ppf(0.975))  # quantile limits are taken to be 95 % limits, as in PHE


@dataclass(frozen=True)
class Inequality:
    """SII, RII and the fitted intercept, with simulated limits (NaN when no se or limits)."""

    sii: float
    rii: float
    intercept: float
    sii_lower: float
    sii_upper: float
    rii_lower: float
    rii_upper: float
    confidence: float
    reps: int
    value_type: str
    transform: bool


def _link(value_type: str):
    """Transform and inverse: log for rates, logit for proportions, identity otherwise."""
    if value_type == "rate":
        return np.log, np.exp
    if value_type == "proportion":
        return (lambda p: np.log(p / (1 - p))), (lambda x: np.exp(x) / (1 + np.exp(x)))
    return (lambda x: x), (lambda x: x)


def _indices(beta0: np.ndarray, beta1: np.ndarray, inverse, transform: bool, multiplier: float):
    """SII and RII from fitted coefficients (arrays, one per fit)."""
    if transform:
        top, bottom = inverse(beta0 + beta1), inverse(beta0)
        sii, rii = (top - bottom) * multiplier, top / bottom
    else:
        sii, rii = beta1 * multiplier, (beta0 + beta1) / beta0
    # A negative multiplier flips polarity; the ratio flips with it.
    return sii, (1 / rii if multiplier < 0 else rii)


def _order_stat(x: np.ndarray, position: int) -> float:
    """The position-th smallest value (1-based, as PHE indexes its sorted draws)."""
    return float(np.partition(x, position - 1)[position - 1])


def sii(
    quantile: Any,
    population: Any,
    value: Any,
    lower: Any = None,
    upper: Any = None,
    se: Any = None,
    value_type: str = "other",
    multiplier: float = 1,
    transform: bool = False,
    confidence: float = 0.95,
    reps: int = 100_000,
    seed: int = SII_SEED,
) -> Inequality:
    """Slope index of inequality by WLS of value on population mid-point rank (PHE phe_sii).

    Quantiles are ordered by their sortable labels (1 = most deprived, by convention). value_type is
    "other", "rate" (log link) or "proportion" (logit link; values as fractions 0..1). With
    transform=True the fit is on the link scale and SII = (f(b0+b1) - f(b0)) * multiplier,
    RII = f(b0+b1)/f(b0); otherwise SII = b1 * multiplier, RII = (b0+b1)/b0. RII is inverted
    when multiplier < 0. The intercept is b0 on the fitted scale.

    Limits: `reps` draws of every quantile's value from N(value, se) on the link scale (se
    given, or (T(upper) - T(lower)) / (2 * 1.959964) from 95 % limits), back-transformed unless
    transform=True, all refitted at once; order statistics round(reps * (1 - c')) and
    round(reps * c'), c' = c + (1 - c) / 2. Draws come from numpy's default_rng(seed).
    Missing se or limits for any quantile give NaN limits; a missing value gives NaN throughout.
    """
    if value_type not in VALUE_TYPES:
        raise ValueError(f"value_type must be one of {', '.join(VALUE_TYPES)}; got {value_type!r}")
    if transform and value_type == "other":
        raise ValueError('transform=True needs value_type "rate" or "proportion"')
    c = check_confidence(confidence)
    reps = int(reps)
    if reps < MIN_REPS:
        raise ValueError(f"reps must be at least {MIN_REPS}, got {reps}")

    labels = list(quantile)
    pop, y = array(population), array(value)
    k = len(labels)
    if not (pop.size == y.size == k):
        raise ValueError("quantile, population and value must have one entry per quantile")
    if k < 2:
        raise ValueError("at least two quantiles are needed to fit a slope")
    if any(is_missing(label) for label in labels) or len(set(labels)) != k:
        raise ValueError("quantile labels must be present and distinct")
    if np.isnan(pop).any() or (pop <= 0).any():
        raise ValueError("every quantile needs a population greater than 0")

    order = np.array(sorted(range(k), key=labels.__getitem__))
    pop, y = pop[order], y[order]
    nan = math.nan
    if np.isnan(y).any():
        return Inequality(nan, nan, nan, nan, nan, nan, nan, c, reps, value_type, transform)
    link, inverse = _link(value_type)
    _check_domain(y, value_type)

    a = pop / pop.sum()
    b = np.concatenate(([0.0], np.cumsum(a)[:-1])) + a / 2  # mid-point of each band's range
    root_a = np.sqrt(a)
    x = np.column_stack([root_a, b * root_a])
    fit_y = link(y) if transform else y
    beta = np.linalg.lstsq(x, root_a * fit_y, rcond=None)[0]
    point_sii, point_rii = _indices(beta[:1], beta[1:], inverse, transform, multiplier)
    intercept = float(beta[0])

    sd = _standard_errors(se, lower, upper, order, k, link, value_type)
    if sd is None:
        return Inequality(
            float(point_sii[0]), float(point_rii[0]), intercept, nan, nan, nan, nan,
            c, reps, value_type, transform,
        )  # fmt: skip
    centre = link(y) if value_type != "other" else y
    draws = centre + sd * np.random.default_rng(seed).standard_normal((reps, k))
    if not transform:
        draws = inverse(draws)
    # One least-squares solve with `reps` right-hand sides fits every simulated series at once.
    coef = np.linalg.lstsq(x, (draws * root_a).T, rcond=None)[0]
    sims_sii, sims_rii = _indices(coef[0], coef[1], inverse, transform, multiplier)
    c_upper = c + (1 - c) / 2
    lo_pos, hi_pos = round(reps * (1 - c_upper)), round(reps * c_upper)
    lo_pos = max(lo_pos, 1)
    return Inequality(
        float(point_sii[0]), float(point_rii[0]), intercept,
        _order_stat(sims_sii, lo_pos), _order_stat(sims_sii, hi_pos),
        _order_stat(sims_rii, lo_pos), _order_stat(sims_rii, hi_pos),
        c, reps, value_type, transform,
    )  # fmt: skip


def _check_domain(y: np.ndarray, value_type: str) -> None:
    if value_type == "rate" and (y <= 0).any():
        raise ValueError("rates must be greater than 0 for the log scale")
    if value_type == "proportion" and ((y <= 0) | (y >= 1)).any():
        raise ValueError("proportions must lie strictly between 0 and 1 (give fractions, not %)")


def _standard_errors(se, lower, upper, order, k, link, value_type) -> np.ndarray | None:
    """Per-quantile SE on the link scale, or None when any is missing."""
    if se is not None:
        sd = array(se)
        if sd.size != k:
            raise ValueError("se must have one entry per quantile")
        sd = sd[order]
        if (sd[~np.isnan(sd)] < 0).any():
            raise ValueError("standard errors must not be negative")
    elif lower is not None and upper is not None:
        lo, hi = array(lower), array(upper)
        if not (lo.size == hi.size == k):
            raise ValueError("lower and upper must have one entry per quantile")
        lo, hi = lo[order], hi[order]
        if np.isnan(lo).any() or np.isnan(hi).any():
            return None
        _check_domain(lo, value_type)
        _check_domain(hi, value_type)
        sd = (link(hi) - link(lo)) / (2 * _Z95)
    else:
        return None
    return None if np.isnan(sd).any() else sd
