"""A custom area's raw material: its LSOAs checked, their values, and the comparators and wards to set it against."""

from __future__ import annotations

import re

import pandas as pd

from data.schema import ENGLAND, GREATER_MANCHESTER, TRAFFORD
from queries import catalog_cache, db
from queries.errors import QueryError

CUSTOM_LEVEL = "lsoa_2021"  # custom areas are made of 2021 LSOAs
WARD_LEVEL = "ward_2023"  # ... and ranked among the wards of the same boundaries
MAX_LSOAS = 139  # every 2021 LSOA of Trafford
_SPLIT = re.compile(r"[\s,;]+")


def check_lsoas(codes) -> list[str]:
    """The codes as a sorted list of distinct 2021 LSOAs, or QueryError saying plainly what is wrong.

    Accepts a comma-separated string or a list. Unknown codes, 2011 LSOAs that did not survive into 2021 (mixed
    vintages), codes of other kinds of area and an empty list are refused.
    """
    if isinstance(codes, str):
        parts = [c for c in _SPLIT.split(codes) if c]
    else:
        parts = [str(c).strip() for c in codes or [] if str(c).strip()]
    if not parts:
        raise QueryError("No LSOAs were given: choose at least one 2021 LSOA (codes look like E01006109).")
    if len(parts) > 2 * MAX_LSOAS:
        raise QueryError(f"Too many codes ({len(parts)}): Trafford has {MAX_LSOAS} LSOAs.")
    index = catalog_cache.parents()
    out, unknown, old, other = set(), [], [], []
    for raw in parts:
        code = raw.upper()[:12]
        if not catalog_cache.CODE.match(code):
            unknown.append(raw[:20])
            continue
        levels = index.levels_of(code)
        if CUSTOM_LEVEL in levels:
            out.add(code)
        elif "lsoa_2011" in levels:
            old.append(code)
        elif levels:
            other.append(code)
        else:
            unknown.append(code)
    problems = []
    if unknown:
        problems.append(f"not LSOAs of Trafford: {', '.join(unknown[:6])}" + (" ..." if len(unknown) > 6 else ""))
    if old:
        problems.append(f"2011 LSOAs that were split or merged in the 2021 revision (mixed boundary vintages): "
                        f"{', '.join(old[:6])}" + (" ..." if len(old) > 6 else ""))
    if other:
        problems.append(f"codes of other kinds of area (not LSOAs): {', '.join(other[:6])}")
    if problems:
        raise QueryError("A custom area is made of Trafford's 2021 LSOAs; these codes are " + "; ".join(problems) + ".")
    return sorted(out)


def lsoa_values(codes: list[str]) -> pd.DataFrame:
    """Every value of every indicator for these 2021 LSOAs (checked by check_lsoas).

    Columns: indicator_id, breakdown, period, period_start, period_end, area_code, value, numerator, denominator,
    suppressed.
    """
    return db.frame("custom_lsoa_values", level=CUSTOM_LEVEL, codes=list(codes))


def benchmark_values(indicators: list[str]) -> pd.DataFrame:
    """Trafford's, Greater Manchester's and England's values of these indicators in every period.

    Columns: indicator_id, breakdown, period, level (la, combined_authority, england), value, lower_ci, upper_ci.
    """
    return db.frame("custom_benchmark_values", indicators=list(indicators), la=TRAFFORD, ca=GREATER_MANCHESTER,
                    england=ENGLAND)


def ward_values(indicators: list[str], periods: list[str]) -> pd.DataFrame:
    """Every 2023 ward's value of these indicators in these periods. Columns: indicator_id, breakdown, period,
    area_code, value."""
    return db.frame("custom_ward_values", level=WARD_LEVEL, indicators=list(indicators), periods=list(periods))


def ward_stats(indicators: list[str], periods: list[str]) -> pd.DataFrame:
    """The spread across the 2023 wards of these indicators in these periods. Columns: indicator_id, breakdown,
    period, n, min, q1, median, q3, max, mean."""
    return db.frame("custom_ward_stats", level=WARD_LEVEL, indicators=list(indicators), periods=list(periods))


def lsoa_deciles(codes: list[str]) -> pd.DataFrame:
    """These 2021 LSOAs with each one's national IMD decile (as area_lsoa_deciles).

    Columns: area_code, area_name, level, decile, period.
    """
    return db.frame("lsoa_deciles", code=None, level=CUSTOM_LEVEL, codes=list(codes))


def lsoa_names(codes: list[str]) -> pd.DataFrame:
    """area_code, area_name, parent_code (best-fit 2023 ward) and parent name of these 2021 LSOAs, by code."""
    a = catalog_cache.level_areas(CUSTOM_LEVEL, ("area_code", "area_name", "parent_code", "lon", "lat"))
    wards = catalog_cache.level_areas(WARD_LEVEL, ("area_code", "area_name"))
    out = a[a["area_code"].isin(codes)].merge(
        wards.rename(columns={"area_code": "parent_code", "area_name": "ward_name"}), on="parent_code", how="left")
    return out.sort_values("area_code").reset_index(drop=True)


def ward_lsoas(ward: str) -> list[str]:
    """The 2021 LSOAs whose best-fit 2023 ward is this one (a starting point for a custom area)."""
    ward = catalog_cache.check_code(ward, WARD_LEVEL)
    a = catalog_cache.level_areas(CUSTOM_LEVEL, ("area_code", "parent_code"))
    return sorted(a.loc[a["parent_code"] == ward, "area_code"].tolist())


MAX_POSTCODES = 5000
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")


def postcode_lsoas(text: str) -> dict:
    """The 2021 LSOAs a pasted list of postcodes (one per line, or separated by commas) fall in.

    Returns {"lsoas": {code: postcodes it holds}, "found": n, "not_found": n, "not_postcodes": n} - counts only:
    the postcodes themselves are neither kept nor returned (nor logged). QueryError for none, too many, or a store
    without postcodes.
    """
    keys, bad = [], 0
    for part in re.split(r"[\n,;\t]+", str(text or "")):
        key = re.sub(r"\s+", "", part).upper()
        if not key:
            continue
        if _POSTCODE.match(key):
            keys.append(key)
        else:
            bad += 1
    if not keys:
        raise QueryError("No postcodes were found in the text: paste whole postcodes such as M33 7AB, one a line.")
    if len(keys) > MAX_POSTCODES:
        raise QueryError(f"Too many postcodes ({len(keys)}): paste at most {MAX_POSTCODES}.")
    if not getattr(db, "has_table", lambda _name: False)("postcodes"):
        raise QueryError("This store has no postcode lookups: rebuild it (python -m data.ingest).")
    rows = db.frame("custom_postcode_lsoas", keys=sorted(set(keys)))
    lsoa_of = dict(zip(rows["postcode_key"], rows["lsoa_2021"], strict=True))
    counts: dict[str, int] = {}
    found = 0
    for key in keys:  # a postcode pasted twice counts twice: two members at one address
        code = lsoa_of.get(key)
        if code:
            found += 1
            counts[code] = counts.get(code, 0) + 1
    return {"lsoas": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))), "found": found,
            "not_found": len(keys) - found, "not_postcodes": bad}


def all_lsoas() -> pd.DataFrame:
    """Every 2021 LSOA with its best-fit 2023 ward (the picker's list). Columns: area_code, area_name, parent_code,
    lon, lat, ward_name."""
    a = catalog_cache.level_areas(CUSTOM_LEVEL, ("area_code",))
    return lsoa_names(a["area_code"].tolist())


def wards() -> pd.DataFrame:
    """area_code and area_name of the 2023 wards, by name."""
    return catalog_cache.level_areas(WARD_LEVEL, ("area_code", "area_name"))
