"""Median property prices and sales counts (HM Land Registry Price Paid, summarised by Trafford Data Lab).

Two 2017 files cover every Greater Manchester ward (pre-2023 codes) and 2011 LSOA with the median, minimum and
maximum price and the number of sales; only Trafford's areas are kept. The ward indicator history adds the
published ward medians for 2018, 2020 and 2021 (its 2017 figures repeat the ward file and are checked).
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources import ROW_COLUMNS
from data.ingest.sources._trafford_areas import is_trafford_lsoa, ward_level
from data.ingest.sources._ward_history import HISTORY, history_rows

CATALOG = "house_prices"
FILES = {
    "ward_2022": "tdl_open_data/housing/median_property_prices_ward_gm_2017.csv",
    "lsoa_2011": "tdl_open_data/housing/median_property_prices_lsoa_gm_2017.csv",
}
PERIOD = "2017"  # sales completed January-December 2017
MEASURES = {"median_price": "median_house_price", "transactions": "property_transactions"}
OUT_COLUMNS = ROW_COLUMNS


def _trafford(df: pd.DataFrame, level: str) -> pd.Series:
    """Which rows are Trafford's areas of the level."""
    if level == "lsoa_2011":
        return pd.Series(
            [is_trafford_lsoa(c, n) for c, n in zip(df["area_code"], df["area_name"], strict=True)],
            index=df.index,
            dtype=bool,
        )
    return (df["area_code"].map(ward_level) == level).fillna(False).astype(bool)


def file_rows(ctx: IngestContext, level: str) -> pd.DataFrame:
    """Median price and number of sales for Trafford's areas in one 2017 file."""
    rel = FILES[level]
    df = ctx.unswap_code_name(ctx.read_csv(rel), rel)
    df["area_code"] = ctx.code(df["area_code"], rel, df["_row"])
    ours = _trafford(df, level)
    if (~ours).any():
        ctx.report.reject(rel, None, f"{int((~ours).sum())} rows for areas outside Trafford left out")
    df = df[ours]
    dup = df.duplicated("area_code", keep="first")
    for row, code in df.loc[dup, ["_row", "area_code"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"repeated area {code}; first row kept")
    df = df[~dup]
    parts = [
        df[["area_code", "area_name", "_row"]].assign(
            indicator_id=indicator_id, value=ctx.numbers_checked(df, column, rel)
        )
        for column, indicator_id in MEASURES.items()
    ]
    out = pd.concat(parts, ignore_index=True)
    return out.assign(level=level, period=PERIOD, source_path=rel, source_row=out["_row"])


def _merge_history(ctx: IngestContext, ward: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """History medians for periods the ward file lacks; where both have a figure, compare and keep the file's."""
    medians = ward[ward["indicator_id"] == "median_house_price"]
    both = published.merge(medians, on=["area_code", "level", "period"], suffixes=("", "_file"))
    for period, g in both.groupby("period"):
        differ = g[g["value"] != g["value_file"]]
        what = f"median_house_price {period}: history repeats {FILES['ward_2022']}"
        if differ.empty:
            ctx.report.fix(
                HISTORY, int(g["source_row"].min()), f"{what} (all {len(g)} wards agree); kept once"
            )
            continue
        first = differ.iloc[0]
        ctx.report.reject(
            HISTORY,
            int(first["source_row"]),
            f"{what}, {len(differ)} of {len(g)} wards with a different figure (e.g. "
            f"{first['area_code']}: {first['value']:g} in the history, {first['value_file']:g} in "
            "the file); the file's figures, which come with the number of sales, are kept",
        )
    seen = set(zip(medians["area_code"], medians["level"], medians["period"], strict=True))
    keep = [
        k not in seen
        for k in zip(published["area_code"], published["level"], published["period"], strict=True)
    ]
    return published[keep]


def load(ctx: IngestContext) -> pd.DataFrame:
    """Median price and sales for Trafford's wards and LSOAs in 2017, and ward medians from the history."""
    ward, lsoa = file_rows(ctx, "ward_2022"), file_rows(ctx, "lsoa_2011")
    published = _merge_history(ctx, ward, history_rows(ctx, "house_prices"))
    out = pd.concat([ward, lsoa, published], ignore_index=True).assign(breakdown="Persons")
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").astype("Int64")
    return out[OUT_COLUMNS].reset_index(drop=True)
