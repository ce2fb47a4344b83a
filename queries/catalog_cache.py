"""Known indicators, areas and periods, loaded once per store, to check every identifier before SQL runs."""

from __future__ import annotations

import re
import sys
from functools import cache

import pandas as pd

from data.schema import AREA_SORT, DEFAULT_BREAKDOWN, LEVELS
from queries import db
from queries.errors import QueryError

CODE = re.compile(r"^[A-Z]\d{8}$")


@cache
def indicators() -> pd.DataFrame:
    """The indicators table indexed by id."""
    return db.frame("indicators", theme=None).set_index("indicator_id", drop=False)


@cache
def areas() -> pd.DataFrame:
    """The areas table (small: Trafford's areas and their comparators), by level and name."""
    a = db.frame("areas_all")
    key = a["level"] + "\x1f" + a["area_name"].fillna("")
    if not key.is_monotonic_increasing:  # stored in AREA_SORT order by the build; any other store is sorted here
        a = a.sort_values(AREA_SORT, kind="stable", ignore_index=True)
    return a


@cache
def _area_keys() -> set[tuple[str, str]]:
    return set(parents())  # the same key tuples as parents(): no second copy of 48k pairs


@cache
def parents() -> dict[tuple[str, str], tuple[str, str] | None]:
    """(code, level) -> (parent code, parent level), or None at the top: walked per request, built once.

    Strings are interned: a parent's code and every level name are one object each, however many areas
    share them (an England-scale table is about 20 MB smaller).
    """
    a = areas()
    intern = sys.intern
    out = {}
    for code, level, p_code, p_level in zip(a["area_code"].tolist(), a["level"].tolist(), a["parent_code"].tolist(),
                                            a["parent_level"].tolist(), strict=True):
        key = (code, intern(level))
        out[key] = None if p_code is None or p_code != p_code else (intern(p_code), intern(p_level))
    return out


@cache
def level_areas(level: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """These columns of every area of a level, in name order (areas() is sorted by level and name)."""
    a = areas()
    return a.loc[a["level"] == level, list(columns)].reset_index(drop=True)


@cache
def level_counts() -> dict[str, int]:
    """How many areas each level has (one small query: a map checks it without loading every area)."""
    rows = db.frame("area_level_counts")
    return dict(zip(rows["level"].tolist(), rows["n"].astype(int).tolist(), strict=True))


def level_names(level: str) -> pd.DataFrame:
    """area_code and area_name of every area of a level, in name order (to pad a map's missing areas)."""
    return level_areas(level, ("area_code", "area_name"))


@cache
def coverage(indicator: str) -> pd.DataFrame:
    """The periods and breakdowns an indicator has at each level."""
    return db.frame("indicator_coverage", indicator=indicator)


def clear() -> None:
    """Forget everything cached (a new store)."""
    for f in (indicators, areas, _area_keys, parents, level_areas, level_counts, coverage):
        f.cache_clear()


def check_indicator(indicator: object) -> str:
    """The indicator id, or QueryError if it is not in the catalogue."""
    if not isinstance(indicator, str) or indicator not in indicators().index:
        raise QueryError(f"Unknown indicator {str(indicator)[:80]!r}.")
    return indicator


def check_level(level: object) -> str:
    """The level key, or QueryError."""
    if not isinstance(level, str) or level not in LEVELS:
        raise QueryError(f"Unknown area level {str(level)[:40]!r}; expected one of {', '.join(LEVELS)}.")
    return level


def check_code(code: object, level: str | None = None) -> str:
    """An area code known to the store (at `level` if given), or QueryError."""
    text = str(code).strip().upper() if code is not None else ""
    if not CODE.match(text):
        raise QueryError(f"{str(code)[:40]!r} is not an area code (codes look like E05015239).")
    keys = _area_keys()
    if level is None:
        if not any(k[0] == text for k in keys):
            raise QueryError(f"Unknown area code {text}.")
    elif (text, level) not in keys:
        raise QueryError(f"Unknown area code {text} at level {LEVELS.get(level, level)}.")
    return text


def levels_of_code(code: str) -> list[str]:
    """The levels at which a code stands, in LEVELS order."""
    keys = _area_keys()
    return [lv for lv in LEVELS if (code, lv) in keys]


def check_period(indicator: str, level: str, period: object, breakdown: str = DEFAULT_BREAKDOWN) -> str:
    """A period this indicator has at this level, or QueryError naming the periods it has."""
    cov = coverage(indicator)
    have = cov.loc[(cov["level"] == level) & (cov["breakdown"] == breakdown), "period"].tolist()
    if not have:
        raise QueryError(f"Indicator {indicator} has no {breakdown} data at level {LEVELS[level]}.")
    if period not in have:
        raise QueryError(f"Indicator {indicator} has no period {str(period)[:40]!r} at level {LEVELS[level]}; "
                         f"it has {', '.join(have[-5:])}.")
    return str(period)


def check_breakdown(indicator: str, breakdown: object) -> str:
    """A breakdown the indicator has, or QueryError."""
    have = set(coverage(indicator)["breakdown"])
    if breakdown not in have:
        raise QueryError(f"Indicator {indicator} has no breakdown {str(breakdown)[:40]!r}; it has {', '.join(sorted(have))}.")
    return str(breakdown)
