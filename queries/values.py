"""Indicator values: a level's map, an area's series with comparators, its latest values, its rank, the spread."""

from __future__ import annotations

import pandas as pd

from data.schema import DEFAULT_BREAKDOWN
from queries import catalog_cache, db
from queries.areas import comparator_chain

SQL_PAIRS = 8  # (area, level) pairs series.sql takes at once ($c1/$l1 ... $c8/$l8)
SERIES_SLOTS = SQL_PAIRS  # pairs sent a query: an LSOA and its parents up to England fit in one


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
        return db.frame("level_values_within", indicator=indicator, level=level, period=period, breakdown=breakdown,
                        parent=parent)
    rows = db.frame("level_values", indicator=indicator, level=level, period=period, breakdown=breakdown)
    return _with_every_area(rows, level)


def _with_every_area(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """The level's areas with no row added (value NULL), in name order: a map shows them as 'no data'."""
    names = catalog_cache.level_names(level)
    if len(rows) >= len(names):  # the common case: every area has a row
        if rows["area_name"].is_monotonic_increasing:  # as stored (VALUE_SORT); a store written otherwise is sorted
            return rows
        return rows.sort_values(["area_name", "area_code"], kind="stable", ignore_index=True)
    out = names.merge(rows.drop(columns="area_name"), on="area_code", how="left")
    return out.sort_values("area_name", kind="stable", ignore_index=True)


def series(indicator: str, pairs: list[tuple[str, str]], breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """Every period of an indicator for the given (area code, level) pairs, in time order.

    Columns: area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci,
    numerator, denominator, suppressed.
    """
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_breakdown(indicator, breakdown)
    for code, level in pairs:
        catalog_cache.check_code(code, catalog_cache.check_level(level))
    return _series_rows(indicator, list(dict.fromkeys(pairs)), breakdown)


def _series_rows(indicator: str, pairs: list[tuple[str, str]], breakdown: str) -> pd.DataFrame:
    """series.sql for any number of pairs, SERIES_SLOTS at a time."""
    parts = []
    for start in range(0, max(len(pairs), 1), SERIES_SLOTS):
        chunk = pairs[start:start + SERIES_SLOTS]
        slots = {f"c{k + 1}": chunk[k][0] if k < len(chunk) else None for k in range(SQL_PAIRS)}
        slots |= {f"l{k + 1}": chunk[k][1] if k < len(chunk) else None for k in range(SQL_PAIRS)}
        parts.append(db.frame("series", indicator=indicator, breakdown=breakdown, **slots))
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True).sort_values(["area_code", "period_start", "period"], ignore_index=True)


def area_series(indicator: str, code: str, level: str, breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """One area's series for an indicator with its comparators (its parents up to England)."""
    return series(indicator, comparator_chain(code, level), breakdown)


def area_latest(code: str, level: str) -> pd.DataFrame:
    """One area's latest value of every indicator, with catalogue fields and comparator values.

    Adds columns trafford_value, gm_value, england_value (with _lower/_upper) for the same period.
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    return db.frame("area_latest", code=code, level=level)


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
