"""Area profiles' fast paths: every indicator's series, rank and level spread for one area in one query each."""

from __future__ import annotations

import pandas as pd

from queries import catalog_cache, db

LINK_COLUMNS = ["from_code", "to_code", "share_of_from", "from_level", "to_level", "relation", "derived"]
DECILE_LEVELS = ("ward_2022", "ward_2023", "msoa_2011", "msoa_2021", "la")


def area_all_series(code: str, level: str) -> pd.DataFrame:
    """Every period of every indicator for one area, in time order.

    Columns: indicator_id, breakdown, period, period_start, period_end, value, lower_ci, upper_ci, numerator,
    denominator, suppressed.
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    return db.frame("area_all_series", code=code, level=level)


def area_level_stats(code: str, level: str) -> pd.DataFrame:
    """The spread across the level of every indicator the area has, at the area's latest period of each.

    Columns: indicator_id, breakdown, period, n, min, q1, median, q3, max, mean.
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    return db.frame("area_level_stats", code=code, level=level)


def area_ranks(code: str, level: str) -> pd.DataFrame:
    """The area's rank among its siblings for every indicator at its latest period (as area_rank, in bulk).

    Columns: indicator_id, breakdown, period, rank (1 = best; highest value where no judgement), n (siblings
    with a value).
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    parent = catalog_cache.areas().set_index(["area_code", "level"]).loc[(code, level), "parent_code"]
    return db.frame("area_ranks", code=code, level=level, parent=None if pd.isna(parent) else parent)


def area_lsoa_deciles(code: str, level: str) -> pd.DataFrame:
    """The LSOAs of a ward, MSOA or local authority with each one's national IMD decile (latest IoD).

    Columns: area_code, area_name, level (of the LSOA), decile (1 = most deprived 10%; NaN where the LSOA has
    no 2011 code), period. Empty for other levels.
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    if level not in DECILE_LEVELS:
        return pd.DataFrame(columns=["area_code", "area_name", "level", "decile", "period"])
    return db.frame("lsoa_deciles", code=code, level=level, codes=None)


def area_vintage_links(code: str, level: str) -> pd.DataFrame:
    """The areas of the other boundary vintage that overlap this one (area_links, relation succeeded_by).

    Columns: other_code, other_level, other_name, direction ("succeeded_by" when this area is the older one,
    "succeeds" when it is the newer), share_of_from (share of the older area's extent inside the newer).
    """
    code = catalog_cache.check_code(code, catalog_cache.check_level(level))
    links = db.frame("area_links_of", code=code).reindex(columns=LINK_COLUMNS)
    if "relation" in links and links["relation"].notna().any():
        links = links[links["relation"] == "succeeded_by"]
    areas = catalog_cache.areas()
    names = dict(zip(zip(areas["area_code"], areas["level"], strict=True), areas["area_name"], strict=True))
    out = []
    for r in links.itertuples():
        if r.from_code == code and (pd.isna(r.from_level) or r.from_level == level):
            other, other_level, direction = r.to_code, r.to_level, "succeeded_by"
        elif r.to_code == code and (pd.isna(r.to_level) or r.to_level == level):
            other, other_level, direction = r.from_code, r.from_level, "succeeds"
        else:
            continue
        if pd.isna(other_level) or (other, other_level) not in names:
            continue  # a link to an area the store does not hold cannot be opened
        out.append({"other_code": other, "other_level": other_level, "other_name": names[(other, other_level)],
                    "direction": direction, "share_of_from": r.share_of_from})
    frame = pd.DataFrame(out, columns=["other_code", "other_level", "other_name", "direction", "share_of_from"])
    return frame.sort_values("share_of_from", ascending=False, na_position="last").reset_index(drop=True)


def area_levels(code: str) -> list[str]:
    """The levels at which a code stands (an unchanged LSOA is both a 2011 and a 2021 LSOA)."""
    return catalog_cache.levels_of_code(catalog_cache.check_code(code))


def store_version() -> str:
    """The store's content hash (its VERSION file): changes whenever the data does."""
    return (db.store_path() / "VERSION").read_text(encoding="utf-8").strip()
