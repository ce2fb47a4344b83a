"""Precomputed tables that cut across the values' sort order: per-level statistics, latest values by area and
each indicator's coverage (levels, periods, breakdowns)."""

from __future__ import annotations

import pandas as pd

from data.schema import COUNTY_PREFIX, LATEST_COMPARATORS

GROUP = ["indicator_id", "level", "period", "breakdown"]


def summary_tables(values: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The store's precomputed tables, by table name."""
    return {"stats": stats_table(values), "latest": latest_table(values), "coverage": coverage_table(values)}


def coverage_table(values: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's levels, periods and breakdowns with how many areas have a row (NULL values counted).

    Every query checks its indicator, period and breakdown against this: read from a small table sorted by
    indicator, not by scanning every level's values files (about 20 ms a first check at 10 million rows).
    """
    cols = GROUP + ["period_start", "n_areas"]
    if values.empty:
        return pd.DataFrame(columns=cols)
    g = values.groupby(GROUP, sort=False, dropna=False)
    out = g.agg(period_start=("period_start", "min"), n_areas=("area_code", "size")).reset_index()
    return out.sort_values(["indicator_id", "level", "period_start", "breakdown"], ignore_index=True)[cols]


def stats_table(values: pd.DataFrame) -> pd.DataFrame:
    """n, min, quartiles, max and mean of each indicator, level, period and breakdown (for spine charts).

    Local authorities of one tier only: counties (E10) overlap their districts, so they are left out.
    """
    v = values.dropna(subset=["value"])
    v = v.loc[~((v["level"] == "la") & v["area_code"].str.startswith(COUNTY_PREFIX).fillna(False))]
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
    latest = v.loc[v["period_end"] == v.groupby(key)["period_end"].transform("max")].reset_index(drop=True)
    return with_comparators(latest, values)


def with_comparators(latest: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Each latest row with Trafford's, Greater Manchester's and England's value and limits in the same period.

    Columns <prefix>_value, <prefix>_lower, <prefix>_upper for each of LATEST_COMPARATORS: a profile reads
    one area's latest rows and has its benchmarks with them, no second query.
    """
    on = [c for c in ("indicator_id", "period", "breakdown") if c in values.columns]
    values = values.reindex(columns=[*on, "area_code", "level", "value", "lower_ci", "upper_ci"])
    for code, level, prefix in LATEST_COMPARATORS:
        comp = values.loc[(values["area_code"] == code) & (values["level"] == level),
                          on + ["value", "lower_ci", "upper_ci"]].drop_duplicates(on)
        comp = comp.rename(columns={"value": f"{prefix}_value", "lower_ci": f"{prefix}_lower",
                                    "upper_ci": f"{prefix}_upper"})
        latest = latest.merge(comp, on=on, how="left")
    return latest
