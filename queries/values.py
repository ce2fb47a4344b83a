"""Indicator values: a level's map, an area's series with comparators, its latest values, its rank, the spread."""

from __future__ import annotations

from functools import cache

import pandas as pd

from data.schema import COMPARATOR_LEVELS, DEFAULT_BREAKDOWN, LEVELS, area_bucket
from queries import catalog_cache, db
from queries.areas import comparator_chain
from queries.errors import QueryError

SERIES_SLOTS = 8  # pairs a query takes at most: an LSOA and its parents up to England fit in one


def level_values(indicator: str, level: str, period: str, breakdown: str = DEFAULT_BREAKDOWN,
                 parent: str | None = None) -> pd.DataFrame:
    """Every area of a level (within `parent` if given) with this indicator's value and limits in one period.

    Columns: area_code, area_name, value, lower_ci, upper_ci, lower_ci_998, upper_ci_998, numerator,
    denominator, suppressed, estimated, provisional, period, period_start, period_end, published_judgement,
    published_comparator, published_by, derivation, release.
    """
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_level(level)
    catalog_cache.check_breakdown(indicator, breakdown)
    catalog_cache.check_period(indicator, level, period, breakdown)
    if parent is not None:
        parent = catalog_cache.check_code(parent)
        return db.frame("level_values_within", indicator=indicator, level=level, period=period, breakdown=breakdown,
                        parent=parent, file=db.values_file(level, indicator))
    rows = db.frame("level_values", indicator=indicator, level=level, period=period, breakdown=breakdown,
                    file=db.values_file(level, indicator))
    return _with_every_area(rows, level)


def _in_order(names: pd.Series) -> bool:
    """Whether the names are in ascending order (compared in Arrow when they are Arrow-backed: ~10x quicker)."""
    data = getattr(names.array, "_pa_array", None)
    if data is None or len(names) < 2:
        return bool(names.is_monotonic_increasing)
    import pyarrow.compute as pc

    data = data.combine_chunks()
    return bool(pc.all(pc.less_equal(data.slice(0, len(data) - 1), data.slice(1))).as_py() is not False)


def _with_every_area(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """The level's areas with no row added (value NULL), in name order: a map shows them as 'no data'."""
    if len(rows) >= catalog_cache.level_counts().get(level, 0):  # the common case: every area has a row
        if _in_order(rows["area_name"]):  # as stored (VALUE_SORT); a store written otherwise is sorted
            return rows
        return rows.sort_values(["area_name", "area_code"], kind="stable", ignore_index=True)
    names = catalog_cache.level_names(level)
    out = names.merge(rows.drop(columns="area_name"), on="area_code", how="left")
    return out.sort_values("area_name", kind="stable", ignore_index=True)


def series(indicator: str, pairs: list[tuple[str, str]], breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """Every period of an indicator for the given (area code, level) pairs, in time order.

    Columns: area_code, level, area_name, period, period_start, period_end, value, lower_ci, upper_ci,
    numerator, denominator, suppressed, published_judgement, published_comparator, published_by, derivation,
    release.
    """
    catalog_cache.check_indicator(indicator)
    catalog_cache.check_breakdown(indicator, breakdown)
    for code, level in pairs:
        catalog_cache.check_code(code, catalog_cache.check_level(level))
    return _series_rows(indicator, list(dict.fromkeys(pairs)), breakdown)


def _series_rows(indicator: str, pairs: list[tuple[str, str]], breakdown: str) -> pd.DataFrame:
    """One query: a by-area branch per small area (series.sql) and one branch for every comparator."""
    small = [(c, lv) for c, lv in pairs if lv not in COMPARATOR_LEVELS and lv in db.by_area_levels()]
    comparators = [(c, lv) for c, lv in pairs if lv in COMPARATOR_LEVELS]
    parts = []
    for start in range(0, len(small), SERIES_SLOTS):
        chunk = small[start:start + SERIES_SLOTS]
        params = {"indicator": indicator, "breakdown": breakdown}
        for k, (code, level) in enumerate(chunk, 1):
            params[f"pair_code{k}"], params[f"pair_level{k}"] = code, level
            params[f"pair_bucket{k}"] = area_bucket(code)
        with_comparators = start == 0 and bool(comparators)
        if with_comparators:
            params |= _comparator_params(indicator, comparators)
        parts.append(db.frame_text(_series_sql(tuple(lv for _, lv in chunk), with_comparators), **params))
    if comparators and not small:
        parts.append(db.frame_text(_series_sql((), True), indicator=indicator, breakdown=breakdown,
                                   **_comparator_params(indicator, comparators)))
    if not parts:
        return db.frame_text(_series_sql((), True), indicator=indicator, breakdown=breakdown, comparator_codes=[],
                             files=None)
    rows = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    if comparators:  # a comparator code asked for at one level is not wanted at another
        wanted = set(pairs)
        keep = [(c, lv) in wanted for c, lv in zip(rows["area_code"], rows["level"], strict=True)]
        rows = rows.loc[keep]
    return rows.sort_values(["area_code", "period_start", "period"], kind="stable", ignore_index=True)


def _comparator_params(indicator: str, comparators: list[tuple[str, str]]) -> dict:
    """series_comparators.sql's parameters: the codes, and the indicator's file at each comparator level."""
    files = [db.values_file(level, indicator) for level in COMPARATOR_LEVELS]
    return {"comparator_codes": sorted({c for c, _ in comparators}),
            "files": None if None in files else files}  # another layout: every file of those levels


@cache
def _series_sql(levels: tuple[str, ...], comparators: bool) -> str:
    """series.sql once per pair (its level's view, numbered parameters) and series_comparators.sql.

    Only parameters and view names from data.schema.LEVELS go into the text, never a value.
    """
    branch = db.sql("series")
    copies = []
    for k, level in enumerate(levels, 1):
        if level not in LEVELS:  # checked by the caller already; an identifier, so checked again here
            raise QueryError(f"Unknown area level {level[:40]!r}.")
        copies.append(branch.replace("values_by_area_LEVEL", f"values_by_area_{level}")
                      .replace("$pair_code", f"$pair_code{k}").replace("$pair_level", f"$pair_level{k}")
                      .replace("$pair_bucket", f"$pair_bucket{k}"))
    if comparators:
        copies.append(db.sql("series_comparators"))
    return "\nUNION ALL\n".join(copies)


def area_series(indicator: str, code: str, level: str, breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """One area's series for an indicator with its comparators (its parents up to England)."""
    return series(indicator, comparator_chain(code, level), breakdown)


def area_latest(code: str, level: str) -> pd.DataFrame:
    """One area's latest value of every indicator, with catalogue fields and comparator values.

    Adds columns trafford_value, gm_value, england_value (with _lower/_upper) for the same period, and the
    publisher's own judgement (published_judgement, published_comparator, published_by).
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
                     file=db.values_file(level, indicator),
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
