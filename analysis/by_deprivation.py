"""An indicator's small areas grouped by national deprivation decile or quintile, and its inequality gradient."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.inequality import Inequality, sii
from analysis.intervals import mean_ci, proportion_ci_vec, rate_ci_vec

GROUP_COLUMNS = ["group", "n_areas", "numerator", "denominator", "value", "lower", "upper", "method"]
SUMMED = {"percentage": proportion_ci_vec, "rate": rate_ci_vec}


def quintile_of(decile: pd.Series) -> pd.Series:
    """National quintile from national decile (1-2 -> 1 ... 9-10 -> 5)."""
    return np.ceil(decile / 2)


def counts_usable(rows: pd.DataFrame, value_type: str) -> bool:
    """Whether the group figures can be recomputed from summed counts (every area has both, a known kind)."""
    return (value_type in SUMMED and len(rows) > 0 and rows["numerator"].notna().all()
            and rows["denominator"].notna().all() and bool((rows["denominator"] > 0).all()))


def by_group(rows: pd.DataFrame, value_type: str, multiplier: float, groups: str = "decile") -> pd.DataFrame:
    """One row per deprivation group (1 = most deprived) with value and 95% limits.

    `rows` has decile, value, numerator, denominator per small area. With counts for every area (proportions
    and rates) a group's figure is its summed numerator over summed denominator with Wilson or Byar's limits;
    otherwise it is the plain mean of its areas' values with Student t limits. Areas without a decile or a
    value are left out.
    """
    rows = rows.dropna(subset=["decile", "value"]).copy()
    if rows.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    rows["group"] = quintile_of(rows["decile"]) if groups == "quintile" else rows["decile"]
    if counts_usable(rows, value_type):
        g = rows.groupby("group").agg(n_areas=("value", "size"), numerator=("numerator", "sum"),
                                      denominator=("denominator", "sum")).reset_index()
        ci = SUMMED[value_type](g["numerator"].to_numpy(), g["denominator"].to_numpy(), multiplier=multiplier)
        g["value"], g["lower"], g["upper"] = ci["value"].to_numpy(), ci["lower"].to_numpy(), ci["upper"].to_numpy()
        g["method"] = "summed counts, " + ci["method"].fillna("").astype(str).to_numpy()
        return g[GROUP_COLUMNS]
    out = []
    for group, part in rows.groupby("group"):
        m = mean_ci(part["value"].tolist())
        out.append({"group": group, "n_areas": len(part), "numerator": np.nan, "denominator": np.nan,
                    "value": m.value, "lower": m.lower, "upper": m.upper, "method": "mean of areas, Student t"})
    return pd.DataFrame(out, columns=GROUP_COLUMNS)


def gradient(groups: pd.DataFrame, value_type: str, multiplier: float, reps: int = 20_000) -> Inequality | None:
    """SII and RII across the groups (None for fewer than two), weighted by summed denominators where known.

    Without denominators each group is weighted by its number of areas (LSOAs are of similar size). Proportions
    and rates are simulated on the logit and log scales; a group at 0% or 100% falls back to the plain scale.
    """
    g = groups.dropna(subset=["value"])
    if len(g) < 2:
        return None
    weight = g["denominator"] if g["denominator"].notna().all() else g["n_areas"]
    scale = multiplier if value_type in SUMMED and g["denominator"].notna().all() else 1
    kind = {"percentage": "proportion", "rate": "rate"}.get(value_type, "other") if scale != 1 else "other"
    v, lo, hi = g["value"] / scale, g["lower"] / scale, g["upper"] / scale
    if kind == "proportion" and ((v <= 0) | (v >= 1) | (lo <= 0) | (hi >= 1)).any():
        kind = "other"
    if kind == "rate" and ((v <= 0) | (lo <= 0)).any():
        kind = "other"
    return sii(g["group"].tolist(), weight.to_numpy(dtype=float), v.to_numpy(), lo.to_numpy(), hi.to_numpy(),
               value_type=kind, multiplier=scale, reps=reps)
