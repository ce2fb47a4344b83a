"""Input coercion and validation shared by the scalar and vectorised statistics."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm


def is_missing(x: Any) -> bool:
    """True for None, NaN and pandas NA."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def scalar(x: Any, name: str) -> float:
    """Return x as a float, NaN when missing; raise ValueError for non-numbers and infinities."""
    if is_missing(x):
        return math.nan
    try:
        value = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {x!r}") from None
    if math.isinf(value):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return value


def array(x: Any) -> np.ndarray:
    """Return x as a 1-d float array, with None and pandas NA as NaN."""
    if hasattr(x, "to_numpy"):
        return np.atleast_1d(x.to_numpy(dtype=float, na_value=np.nan))
    return np.atleast_1d(np.asarray(x, dtype=float))


def index_of(*xs: Any) -> pd.Index | None:
    """Index of the first pandas input, so vectorised results line up with the caller's frame."""
    for x in xs:
        if isinstance(x, (pd.Series, pd.Index)):
            return x.index if isinstance(x, pd.Series) else pd.RangeIndex(len(x))
    return None


def check_confidence(confidence: float) -> float:
    """Validate a two-sided confidence level given as a fraction, e.g. 0.95 or 0.998."""
    c = scalar(confidence, "confidence")
    if not 0 < c < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1 (e.g. 0.95), got {confidence!r}")
    return c


def z_for(confidence: float) -> float:
    """Two-sided normal quantile: 1.959964 at 0.95, 3.090232 at 0.998."""
    return float(norm.ppf(0.5 + check_confidence(confidence) / 2))
