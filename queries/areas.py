"""Areas: of a level, one by code, children, the comparator chain, and search by name or code."""

from __future__ import annotations

import pandas as pd

from data.schema import ENGLAND, LEVELS
from queries import catalog_cache, db
from queries.errors import QueryError

AREA_COLUMNS = ["area_code", "area_name", "level", "parent_code", "parent_level", "la_code", "ward_code", "msoa_code",
                "lon", "lat", "area_sqkm"]


def areas_of_level(level: str) -> pd.DataFrame:
    """Every area of a level, by name: code, name, parents, label point and size.

    From the areas table cached per store (copy-on-write: a caller's change never reaches the cache).
    """
    return catalog_cache.level_areas(catalog_cache.check_level(level), tuple(AREA_COLUMNS)).copy(deep=False)


def area(code: str, level: str | None = None) -> dict:
    """One area's row (at `level`, or its smallest level if the code stands at several)."""
    code = catalog_cache.check_code(code, level)
    rows = catalog_cache.areas()
    rows = rows[rows["area_code"] == code]
    if level is not None:
        rows = rows[rows["level"] == level]
    order = {lv: i for i, lv in enumerate(LEVELS)}
    return rows.sort_values("level", key=lambda s: s.map(order)).iloc[0].to_dict()


def children(code: str, level: str | None = None) -> pd.DataFrame:
    """The areas whose parent is `code` (of one level if given)."""
    code = catalog_cache.check_code(code)
    if level is not None:
        catalog_cache.check_level(level)
    a = catalog_cache.areas()  # by level and name already
    hit = a["parent_code"] == code
    if level is not None:
        hit &= a["level"] == level
    return a.loc[hit.fillna(False), ["area_code", "area_name", "level"]].reset_index(drop=True)


def comparator_chain(code: str, level: str) -> list[tuple[str, str]]:
    """(code, level) of the area and each parent up to England: ward -> Trafford -> Greater Manchester -> England."""
    parent_of = catalog_cache.parents()
    chain, key = [], (catalog_cache.check_code(code, level), level)
    while key is not None and key in parent_of and key not in chain and len(chain) < 8:
        chain.append(key)
        key = parent_of[key]
    if chain[-1] != (ENGLAND, "england"):
        chain.append((ENGLAND, "england"))
    return chain


# How alike (Jaro-Winkler, 0-1) a name or one of its words must be to a search with no direct match:
# "old traford" -> "Old Trafford" is 0.98, "sael" -> "Sale" 0.93, while "bowdon" -> "Broadheath" is 0.6.
NEAR_SPELLING = 0.88


def search_areas(text: str, limit: int = 20) -> pd.DataFrame:
    """Areas whose name or code matches the text, best first; near spellings last (match_rank 3).

    Columns: area_code, area_name, level, match_rank (0 code, 1 name start, 2 inside, 3 near), similarity.
    """
    q = " ".join(str(text or "").lower().split())[:60]
    if len(q) < 2:
        raise QueryError("Type at least two letters of an area's name or code.")
    return db.frame("area_search", q=q, near=NEAR_SPELLING, limit=int(limit))
