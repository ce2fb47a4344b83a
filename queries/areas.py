"""Areas: of a level, one by code, children, the comparator chain, and search by name or code."""

from __future__ import annotations

import pandas as pd

from data.schema import ENGLAND, LEVELS
from queries import catalog_cache, db
from queries.errors import QueryError


def areas_of_level(level: str) -> pd.DataFrame:
    """Every area of a level: code, name, parents, label point and size."""
    return db.frame("areas_of_level", level=catalog_cache.check_level(level))


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
    return db.frame("area_children", code=code, level=level)


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


def search_areas(text: str, limit: int = 20) -> pd.DataFrame:
    """Areas whose name or code contains the text, best match first."""
    q = str(text or "").strip().lower()[:60]
    if len(q) < 2:
        raise QueryError("Type at least two letters of an area's name or code.")
    return db.frame("area_search", q=q, limit=int(limit))
