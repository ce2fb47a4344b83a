"""Indicator values: a level's map, an area's series with comparators, its latest values, its rank, the spread."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.schema import DEFAULT_BREAKDOWN, ENGLAND, GREATER_MANCHESTER, TRAFFORD
from queries import catalog_cache, db
from queries.areas import comparator_chain

COMPARATORS = [(TRAFFORD, "la"), (GREATER_MANCHESTER, "combined_authority"), (ENGLAND, "england")]


def level_values(indicator: str, level: str, period: str, breakdown: str = DEFAULT_BREAKDOWN,
                 parent: str | None = None) -> pd.DataFrame:
    """Every area of a level (within `parent` if given) with this indicator's value and limits in one period.

    Columns: area_code, area_name, value, lower_ci, upper_ci, lower_ci_998, upper_ci_998, numerator,
    denominator, suppressed, estimated, provisional, period, period_start, period_end, source_path.
    """
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_level(level)
    catalog_cache.check_breakdown(indicator, breakdown)
    catalog_cache.check_period(indicator, level, period, breakdown)
    if parent is not None:
        parent = catalog_cache.check_code(parent)
    return db.frame("level_values", indicator=indicator, level=level, period=period, breakdown=breakdown, parent=parent)


def series(indicator: str, pairs: list[tuple[str, str]], breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """Every period of an indicator for the given (area code, level) pairs, in time order.

    Columns: area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci,
    numerator, denominator, suppressed.
    """
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_breakdown(indicator, breakdown)
    for code, level in pairs:
        catalog_cache.check_code(code, catalog_cache.check_level(level))
    rows = db.frame("series", indicator=indicator, breakdown=breakdown,
                    codes=[c for c, _ in pairs], levels=sorted({lv for _, lv in pairs}))
    wanted = set(pairs)
    keep = np.array([(c, lv) in wanted for c, lv in zip(rows["area_code"], rows["level"], strict=True)], dtype=bool)
    return rows.loc[keep].reset_index(drop=True)


def area_series(indicator: str, code: str, level: str, breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """One area's series for an indicator with its comparators (its parents up to England)."""
    return series(indicator, comparator_chain(code, level), breakdown)


def area_latest(code: str, level: str) -> pd.DataFrame:
    """One area's latest value of every indicator, with catalogue fields and comparator values.

    Adds columns trafford_value, gm_value, england_value (with _lower/_upper) for the same period.
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    latest = db.frame("area_latest", code=code, level=level)
    if latest.empty:
        return latest
    comp = db.frame("comparator_values", codes=[c for c, _ in COMPARATORS],
                    indicators=sorted(latest["indicator_id"].unique()))
    for (c, lv), name in zip(COMPARATORS, ("trafford", "gm", "england"), strict=True):
        part = comp[(comp["area_code"] == c) & (comp["level"] == lv)][
            ["indicator_id", "period", "breakdown", "value", "lower_ci", "upper_ci"]]
        part = part.rename(columns={"value": f"{name}_value", "lower_ci": f"{name}_lower", "upper_ci": f"{name}_upper"})
        latest = latest.merge(part, on=["indicator_id", "period", "breakdown"], how="left")
    return latest


def area_rank(indicator: str, code: str, level: str, period: str, breakdown: str = DEFAULT_BREAKDOWN) -> dict:
    """The area's rank among its siblings (same parent) and how many there are; rank 1 is the best.

    For indicators with no judgement rank 1 is the highest value. Returns {"rank", "n", "value"}; rank is
    None when the area has no value.
    """
    meta = catalog_cache.indicators().loc[catalog_cache.check_indicator(indicator)]
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    catalog_cache.check_period(indicator, level, period, breakdown)
    parent = catalog_cache.parents().get((code, level))
    ranks = db.frame("area_rank", indicator=indicator, level=level, period=period, breakdown=breakdown,
                     parent=parent[0] if parent else None, descending=meta["polarity"] != "low_is_good")
    mine = ranks[ranks["area_code"] == code]
    n = int(ranks["n"].iloc[0]) if len(ranks) else 0
    if mine.empty:
        return {"rank": None, "n": n, "value": None}
    return {"rank": int(mine["rank"].iloc[0]), "n": n, "value": float(mine["value"].iloc[0])}


def level_stats(indicator: str, level: str, period: str, breakdown: str = DEFAULT_BREAKDOWN) -> dict | None:
    """n, min, quartiles, median, max and mean of the indicator across the level in a period."""
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_level(level)
    rows = db.frame("level_stats", indicator=indicator, level=level, period=period, breakdown=breakdown)
    return None if rows.empty else rows.iloc[0].to_dict()
