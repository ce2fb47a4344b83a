"""Area helpers shared by the census, population and elections modules: routing codes to levels, GM sums."""

from __future__ import annotations

import re

import pandas as pd

from data.schema import ENGLAND, GREATER_MANCHESTER

# Trafford's wards by vintage: pre-2023 (used to 2022 and by Census 2021) and May-2023.
WARD_2022 = (819, 839)
WARD_2023 = (15239, 15259)
# Trafford's 28 MSOAs keep the same codes in the 2011 and 2021 vintages.
TRAFFORD_MSOA = (1259, 1286)
GM_DISTRICTS = tuple(f"E080000{i:02d}" for i in range(1, 11))
LA_CODE = re.compile(r"^E(06|07|08|09|10)\d{6}$")


def _in(code: str, prefix: str, bounds: tuple[int, int]) -> bool:
    """Whether a GSS code has the prefix and its number lies within bounds (inclusive)."""
    if not isinstance(code, str) or not code.startswith(prefix) or not code[3:].isdigit():
        return False
    return bounds[0] <= int(code[3:]) <= bounds[1]


def ward_level(code: str) -> str | None:
    """The level of a Trafford ward code by its range (ward_2022 or ward_2023), else None."""
    if _in(code, "E05", WARD_2022):
        return "ward_2022"
    if _in(code, "E05", WARD_2023):
        return "ward_2023"
    return None


def is_trafford_msoa(code: str) -> bool:
    """Whether an MSOA code is one of Trafford's 28 (same codes in 2011 and 2021)."""
    return _in(code, "E02", TRAFFORD_MSOA)


def is_trafford_lsoa(code: str, name: str) -> bool:
    """Whether an LSOA row is Trafford's: an E01 code whose ONS name starts 'Trafford'."""
    return isinstance(code, str) and code.startswith("E01") and str(name).startswith("Trafford")


def comparator_level(code: str) -> str | None:
    """The level of an LA, combined authority, region or England code, else None."""
    if not isinstance(code, str):
        return None
    if LA_CODE.match(code):
        return "la"
    if code == GREATER_MANCHESTER:
        return "combined_authority"
    if code == ENGLAND:
        return "england"
    if re.match(r"^E12\d{6}$", code):
        return "region"
    return None


def gm_sum(df: pd.DataFrame, keys: list[str], values: list[str], code: str = "area_code") -> pd.DataFrame:
    """Sums of `values` over the 10 GM districts for each group of `keys` in which all 10 are present."""
    gm = df[df[code].isin(GM_DISTRICTS)]
    if gm.empty:
        return df.iloc[0:0][[code, *keys, *values]]
    grouped = gm.groupby(keys, dropna=False)
    complete = grouped[code].transform("nunique") == len(GM_DISTRICTS)
    out = gm[complete].groupby(keys, dropna=False)[values].sum(min_count=len(GM_DISTRICTS)).reset_index()
    out.insert(0, code, GREATER_MANCHESTER)
    return out


def dedupe(ctx, df: pd.DataFrame, rel: str, keys: list[str], value: str) -> pd.DataFrame:
    """Drop repeated rows for the same keys: exact repeats as a fix, conflicting ones as a rejection."""
    dup = df.duplicated(keys, keep="first")
    if not dup.any():
        return df
    first = df[~dup].set_index(keys)[value]
    for _, row in df[dup].iterrows():
        kept = first.loc[tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]]
        same = (pd.isna(kept) and pd.isna(row[value])) or kept == row[value]
        where = ", ".join(f"{k}={row[k]}" for k in keys)
        if same:
            ctx.report.fix(rel, int(row["_row"]), f"repeated row ({where}) dropped")
        else:
            ctx.report.reject(
                rel, int(row["_row"]), f"conflicting repeat ({where}): {row[value]} vs {kept} kept"
            )
    return df[~dup]
