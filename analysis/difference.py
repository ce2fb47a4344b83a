"""Difference between two areas' values and whether it is significant, from their 95% limits."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

Z95 = 1.959963984540054


def difference_vec(value_a: Any, lower_a: Any, upper_a: Any, value_b: Any, lower_b: Any, upper_b: Any) -> pd.DataFrame:
    """a - b with approximate 95% limits and a verdict per row: columns difference, lower, upper, significant.

    Each side's standard error is taken as (upper - lower) / (2 * 1.96) and the two combined in quadrature: a
    normal approximation, so 'significant' means the 95% interval of the difference excludes 0. Without limits
    on either side `significant` is None (not tested), never False.
    """
    va, la, ua, vb, lb, ub = (np.asarray(v, dtype=float) for v in (value_a, lower_a, upper_a, value_b, lower_b,
                                                                    upper_b))
    diff = va - vb
    se = np.sqrt(((ua - la) / (2 * Z95)) ** 2 + ((ub - lb) / (2 * Z95)) ** 2)
    lo, hi = diff - Z95 * se, diff + Z95 * se
    tested = np.isfinite(lo) & np.isfinite(hi)
    sig = np.where(tested, (lo > 0) | (hi < 0), None)
    return pd.DataFrame({"difference": diff, "lower": np.where(tested, lo, np.nan),
                         "upper": np.where(tested, hi, np.nan), "significant": sig})
