"""Ordinary least-squares line of one indicator on another, with R² and the number of areas used."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Fit:
    """y = intercept + slope * x over n complete pairs; NaN figures when there are too few."""

    slope: float
    intercept: float
    r2: float
    n: int


def linear_fit(x: Any, y: Any) -> Fit:
    """OLS of y on x over the pairs where both are present; fewer than 3 pairs or no spread in x gives NaN."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        raise ValueError("x and y must have one value per area")
    ok = np.isfinite(x) & np.isfinite(y)
    x, y, n = x[ok], y[ok], int(ok.sum())
    if n < 3 or np.ptp(x) == 0:
        return Fit(math.nan, math.nan, math.nan, n)
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - float((resid ** 2).sum()) / total if total > 0 else math.nan
    return Fit(float(slope), float(intercept), r2, n)
