"""Disclosure control: small counts, and the rates built on them, are suppressed in everything the public sees."""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 5  # counts under 5 (0 to 4) are suppressed unless the indicator sets another threshold
HIDDEN = ("value", "lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998", "numerator", "denominator")


def small_counts(frame: pd.DataFrame, threshold: int, value_is_count: bool | pd.Series = False) -> pd.Series:
    """Rows whose numerator or denominator (or value, for a count indicator) is a count below the threshold."""
    if threshold <= 0:
        return pd.Series(False, index=frame.index)
    mask = pd.Series(False, index=frame.index)
    for col in ("numerator", "denominator"):
        if col in frame:
            mask |= pd.to_numeric(frame[col], errors="coerce").lt(threshold).fillna(False)
    if "value" in frame:
        counts = pd.Series(value_is_count, index=frame.index).astype(bool)
        mask |= counts & pd.to_numeric(frame["value"], errors="coerce").lt(threshold).fillna(False)
    return mask.astype(bool)


def suppress(frame: pd.DataFrame, threshold: int = DEFAULT_THRESHOLD,
             value_is_count: bool | pd.Series = False) -> pd.DataFrame:
    """A copy with every small-count row's numbers blanked and a boolean `suppressed` column (already-suppressed
    rows stay so). The rate on a suppressed count is blanked too: it and the denominator would give the count."""
    out = frame.copy()
    mask = small_counts(out, int(threshold), value_is_count)
    for col in HIDDEN:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float).mask(mask, np.nan)
    before = out["suppressed"].fillna(False).astype(bool) if "suppressed" in out else False
    out["suppressed"] = (mask | before).astype(bool)
    return out
