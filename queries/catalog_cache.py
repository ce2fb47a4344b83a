"""Known indicators, areas and periods, loaded once per store, to check every identifier before SQL runs."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.schema import AREA_SORT, DEFAULT_BREAKDOWN, LEVELS
from queries import db
from queries.errors import QueryError
from queries.store_cache import store_cached

CODE = re.compile(r"^[A-Z]\d{8}$")


@store_cached
def indicators() -> pd.DataFrame:
    """The indicators table indexed by id."""
    return db.frame("indicators", theme=None).set_index("indicator_id", drop=False)


@store_cached
def areas() -> pd.DataFrame:
    """The areas table (small: Trafford's areas and their comparators), by level and name."""
    a = db.frame("areas_all")
    if not _in_area_sort(a):  # stored in AREA_SORT order by the build; any other store is sorted here
        a = a.sort_values(AREA_SORT, kind="stable", ignore_index=True, na_position="first")
    return a


def _in_area_sort(a: pd.DataFrame) -> bool:
    """Whether the rows are in AREA_SORT order, checked in Arrow (a pandas key of 48k strings cost ~10 MB)."""
    table = pa.table({c: pa.array(a[c]) for c in AREA_SORT})
    order = pc.sort_indices(table, sort_keys=[(c, "ascending", "at_start") for c in AREA_SORT])
    return bool(np.array_equal(order.to_numpy(), np.arange(len(a))))


class AreaIndex:
    """Every (code, level) of the store and its parent, as sorted numpy arrays: looked up per request.

    A dict of 48k tuple keys for an England-scale store held about 20 MB (and as much again while it was
    built); these arrays hold 2 MB, and a lookup (a binary search) takes microseconds.
    """

    _LEVEL_CHAR = {level: chr(ord("a") + i) for i, level in enumerate(LEVELS)}  # one character per level
    _CHAR_LEVEL = {c: level for level, c in _LEVEL_CHAR.items()}

    def __init__(self, a: pd.DataFrame):
        keys, parent_keys = self._key(a["area_code"], a["level"]), self._key(a["parent_code"], a["parent_level"])
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        parents = parent_keys[order]
        pos = np.searchsorted(self._keys, parents).clip(0, max(len(self._keys) - 1, 0))
        found = (parents != "") & (self._keys[pos] == parents) if len(self._keys) else np.zeros(0, bool)
        self._parent = np.where(found, pos, -1).astype(np.int32)

    @classmethod
    def _key(cls, codes: pd.Series, levels: pd.Series) -> np.ndarray:
        """code + level character as fixed-width numpy strings ("" where either is missing), built in Arrow."""
        positions = pc.index_in(pa.array(levels, pa.string()), pa.array(list(cls._LEVEL_CHAR)))
        level_chars = pc.take(pa.array([*cls._LEVEL_CHAR.values(), "?"]), pc.fill_null(positions, len(LEVELS)))
        joined = pc.fill_null(pc.binary_join_element_wise(pa.array(codes, pa.string()), level_chars, ""), "")
        return joined.to_numpy(zero_copy_only=False).astype(str)

    def _find(self, code: str, level: str) -> int:
        """The position of (code, level), or -1."""
        char = self._LEVEL_CHAR.get(level)
        if char is None or not isinstance(code, str) or not len(self._keys):
            return -1
        key = code + char
        i = int(np.searchsorted(self._keys, key))
        return i if i < len(self._keys) and self._keys[i] == key else -1

    def _pair(self, i: int) -> tuple[str, str]:
        key = str(self._keys[i])
        return key[:-1], self._CHAR_LEVEL[key[-1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and self._find(*key) >= 0

    def __getitem__(self, key: tuple[str, str]) -> tuple[str, str] | None:
        i = self._find(*key)
        if i < 0:
            raise KeyError(key)
        p = int(self._parent[i])
        return None if p < 0 else self._pair(p)

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: tuple[str, str], default=None) -> tuple[str, str] | None:
        """(parent code, parent level) of (code, level); None at the top and for an unknown area."""
        return self[key] if key in self else default

    def levels_of(self, code: str) -> list[str]:
        """The levels at which a code stands, in LEVELS order."""
        lo = int(np.searchsorted(self._keys, code))
        hi = int(np.searchsorted(self._keys, code + "\uffff"))
        have = {self._pair(i)[1] for i in range(lo, hi) if len(str(self._keys[i])) == len(code) + 1}
        return [lv for lv in LEVELS if lv in have]


@store_cached
def parents() -> AreaIndex:
    """(code, level) -> (parent code, parent level), or None at the top: walked per request, built once."""
    return AreaIndex(areas())


@store_cached
def level_areas(level: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """These columns of every area of a level, in name order (areas() is sorted by level and name)."""
    a = areas()
    return a.loc[a["level"] == level, list(columns)].reset_index(drop=True)


@store_cached
def level_counts() -> dict[str, int]:
    """How many areas each level has (one small query: a map checks it without loading every area)."""
    rows = db.frame("area_level_counts")
    return dict(zip(rows["level"].tolist(), rows["n"].astype(int).tolist(), strict=True))


def level_names(level: str) -> pd.DataFrame:
    """area_code and area_name of every area of a level, in name order (to pad a map's missing areas)."""
    return level_areas(level, ("area_code", "area_name"))


@store_cached
def coverage(indicator: str) -> pd.DataFrame:
    """The periods and breakdowns an indicator has at each level."""
    return db.frame("indicator_coverage", indicator=indicator)


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
    index = parents()
    if level is None:
        if not index.levels_of(text):
            raise QueryError(f"Unknown area code {text}.")
    elif (text, level) not in index:
        raise QueryError(f"Unknown area code {text} at level {LEVELS.get(level, level)}.")
    return text


def levels_of_code(code: str) -> list[str]:
    """The levels at which a code stands, in LEVELS order."""
    return parents().levels_of(code)


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
