"""Age-standardised rates: direct (Dobson DSR) and indirect (ISR and standardised ratio)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from analysis._inputs import array, check_confidence, is_missing, scalar
from analysis.poisson import byars_limits, count_limits
from analysis.result import Interval

# European Standard Population 2013: 19 five-year bands 0-4 ... 85-89, 90+; sums to 100 000.
ESP2013: tuple[int, ...] = (
    5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
)  # fmt: skip

DSR_MIN_COUNT = 10  # OHID: DSRs with fewer than 10 events in total are not published
_NAN = math.nan


def _whole_missing(*xs: Any) -> bool:
    """True when an argument is itself None/NaN rather than a sequence of band values."""
    return any(np.ndim(x) == 0 and is_missing(x) for x in xs)


def _bands(x: Any, name: str) -> np.ndarray:
    try:
        return array(x)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers by band, got {x!r}") from None


def _no_negatives(x: np.ndarray, name: str) -> None:
    if (x[~np.isnan(x)] < 0).any():
        raise ValueError(f"{name} must not be negative")


def dsr(
    counts: Any,
    populations: Any,
    standard: Any = ESP2013,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Directly standardised rate with Dobson limits (Byar's on the total count).

    Counts, populations and standard weights are matched by position (band order). A missing
    band count counts as 0; a missing population gives a missing result; a population of 0 or
    less raises. A total count under 10 gives NaN value and limits (suppressed).
    """
    c = check_confidence(confidence)
    if _whole_missing(counts, populations):
        return Interval(_NAN, _NAN, _NAN, None, c)
    o, n, w = (
        _bands(counts, "counts"),
        _bands(populations, "populations"),
        _bands(standard, "standard"),
    )
    if not (o.size == n.size == w.size):
        raise ValueError(
            f"counts ({o.size}), populations ({n.size}) and standard ({w.size}) must have one value per band"
        )
    if np.isnan(w).any() or (w < 0).any() or w.sum() <= 0:
        raise ValueError("standard population weights must be non-negative numbers with a positive sum")
    _no_negatives(o, "counts")
    if np.isnan(n).any():
        return Interval(_NAN, _NAN, _NAN, None, c, note="missing population")
    if (n <= 0).any():
        raise ValueError("populations must all be greater than 0")
    o = np.nan_to_num(o, nan=0.0)
    total = float(o.sum())
    if total < DSR_MIN_COUNT:
        return Interval(_NAN, _NAN, _NAN, "Dobson", c, note="dsr NA for total count < 10")
    value = float((o * w / n).sum() / w.sum() * multiplier)
    var = float((o * (w / n) ** 2).sum() / w.sum() ** 2)
    lo, hi = byars_limits(np.array([total]), c)
    scale = math.sqrt(var / total) * multiplier
    return Interval(
        value,
        value + scale * (float(lo[0]) - total),
        value + scale * (float(hi[0]) - total),
        "Dobson",
        c,
    )


def _observed_expected(counts: Any, populations: Any, ref_counts: Any, ref_populations: Any):
    """Observed total O, expected E, and reference rate (per unit) for indirect standardisation."""
    n = _bands(populations, "populations")
    r, big_n = _bands(ref_counts, "ref_counts"), _bands(ref_populations, "ref_populations")
    if not (n.size == r.size == big_n.size):
        raise ValueError("populations, ref_counts and ref_populations must have one value per band")
    for x, name in ((n, "populations"), (r, "ref_counts"), (big_n, "ref_populations")):
        _no_negatives(x, name)
    n, r, big_n = (np.nan_to_num(x, nan=0.0) for x in (n, r, big_n))
    with np.errstate(divide="ignore", invalid="ignore"):
        # A reference band with no population has no rate: it contributes nothing to E.
        ref_band_rate = np.where(big_n > 0, r / np.where(big_n > 0, big_n, 1.0), 0.0)
    expected = float((ref_band_rate * n).sum())
    if big_n.sum() <= 0:
        raise ValueError("reference populations must have a positive total")
    ref_rate = float(r.sum() / big_n.sum())
    if np.ndim(counts) == 0:
        observed = scalar(counts, "counts")  # a total supplied directly
    else:
        o = _bands(counts, "counts")
        if o.size != n.size:
            raise ValueError("counts must be a total or have one value per band")
        observed = float(np.nan_to_num(o, nan=0.0).sum())
    if not math.isnan(observed) and observed < 0:
        raise ValueError("counts must not be negative")
    if expected <= 0:
        raise ValueError("expected events are 0: local populations or reference rates are all 0")
    return observed, expected, ref_rate


def _indirect(observed: float, expected: float, scale: float, c: float) -> Interval:
    if math.isnan(observed):
        return Interval(_NAN, _NAN, _NAN, None, c)
    lo, hi, method = count_limits(np.array([observed]), c)
    return Interval(
        observed / expected * scale,
        float(lo[0]) / expected * scale,
        float(hi[0]) / expected * scale,
        method[0],
        c,
    )


def isr(
    counts: Any,
    populations: Any,
    ref_counts: Any,
    ref_populations: Any,
    confidence: float = 0.95,
    multiplier: float = 100_000,
) -> Interval:
    """Indirectly standardised rate: O/E times the reference rate, exact limits below 10 events.

    counts may be per band or a single total; missing band values count as 0.
    """
    c = check_confidence(confidence)
    if _whole_missing(counts, populations, ref_counts, ref_populations):
        return Interval(_NAN, _NAN, _NAN, None, c)
    o, e, ref_rate = _observed_expected(counts, populations, ref_counts, ref_populations)
    return _indirect(o, e, ref_rate * multiplier, c)


def isratio(
    counts: Any,
    populations: Any,
    ref_counts: Any,
    ref_populations: Any,
    confidence: float = 0.95,
    refvalue: float = 1,
) -> Interval:
    """Indirectly standardised ratio (SMR): O/E times refvalue (1 or 100), exact below 10 events."""
    c = check_confidence(confidence)
    if _whole_missing(counts, populations, ref_counts, ref_populations):
        return Interval(_NAN, _NAN, _NAN, None, c)
    o, e, _ = _observed_expected(counts, populations, ref_counts, ref_populations)
    return _indirect(o, e, float(refvalue), c)
