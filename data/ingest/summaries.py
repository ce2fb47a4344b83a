"""Precomputed tables that cut across the values' sort order: per-level statistics and latest values by area."""

from __future__ import annotations

import pandas as pd

GROUP = ["indicator_id", "level", "period", "breakdown"]


def stats_table(values: pd.DataFrame) -> pd.DataFrame:
    """n, min, quartiles, max and mean of each indicator, level, period and breakdown (for spine charts)."""
    v = values.dropna(subset=["value"])
    if v.empty:
        return pd.DataFrame(columns=GROUP + ["n", "min", "max", "mean", "q1", "median", "q3"])
    g = v.groupby(GROUP, sort=True)["value"]
    out = g.agg(n="count", min="min", max="max", mean="mean").reset_index()
    quart = g.quantile([0.25, 0.5, 0.75]).unstack().reset_index()
    quart.columns = GROUP + ["q1", "median", "q3"]
    return out.merge(quart, on=GROUP)


def latest_table(values: pd.DataFrame) -> pd.DataFrame:
    """Each area's row for the latest period of each indicator and breakdown at its level."""
    v = values.dropna(subset=["value"])
    key = ["indicator_id", "level"]
    v = v.loc[v["period_start"] == v.groupby(key)["period_start"].transform("max")]
    # periods that start together (cumulative ones: '2021/22 Q1 - 2023/24 Q4', ... - 2024/25 Q4): the last to end
    return v.loc[v["period_end"] == v.groupby(key)["period_end"].transform("max")].reset_index(drop=True)
