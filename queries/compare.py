"""Compare's queries: many indicators across a level, a comparator's values, and LSOAs' deprivation deciles."""

from __future__ import annotations

import pandas as pd

from data.schema import DEFAULT_BREAKDOWN, TRAFFORD
from queries import catalog_cache, db
from queries.errors import QueryError
from queries.store_cache import store_cached

DECILE_LEVELS = ("lsoa_2011", "lsoa_2021")


@store_cached
def coverage() -> pd.DataFrame:
    """Every indicator's Persons periods at each level: indicator_id, theme, level, period, period_start, n_areas."""
    return db.frame("compare_coverage", breakdown=DEFAULT_BREAKDOWN)


def _checked(indicators: list[str]) -> list[str]:
    """The ids, each checked against the catalogue (an unknown one is a QueryError)."""
    if not indicators:
        raise QueryError("No indicators chosen.")
    return [catalog_cache.check_indicator(i) for i in indicators]


def theme_values(indicators: list[str], level: str, period: str | None = None,
                 breakdown: str = DEFAULT_BREAKDOWN, parent: str | None = None) -> pd.DataFrame:
    """Each indicator across the areas of a level in `period`, or in its latest period there when None.

    Columns: indicator_id, area_code, area_name, period, value, lower_ci, upper_ci, numerator, denominator,
    suppressed, published_judgement, published_comparator, published_by. Indicators without the period are absent.
    """
    ids = _checked(indicators)
    catalog_cache.check_level(level)
    if parent is not None:
        parent = catalog_cache.check_code(parent)
    return db.frame("compare_theme_values", indicators=ids, level=level, period=period,
                    breakdown=str(breakdown), parent=parent)


def benchmark_values(indicators: list[str], code: str, level: str,
                     breakdown: str = DEFAULT_BREAKDOWN) -> pd.DataFrame:
    """A comparator area's values of the indicators in every period: indicator_id, period, value, lower_ci, upper_ci."""
    ids = _checked(indicators)
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    return db.frame("compare_benchmark_values", indicators=ids, code=code, level=level, breakdown=str(breakdown))


def lsoa_deciles(level: str, la: str = TRAFFORD) -> pd.DataFrame:
    """The LSOAs of a local authority with their national IMD decile: area_code, area_name, decile, period."""
    if catalog_cache.check_level(level) not in DECILE_LEVELS:
        raise QueryError(f"Deprivation deciles are given for LSOAs only, not {level}.")
    return db.frame("compare_lsoa_deciles", level=level, la=catalog_cache.check_code(la, "la"))
