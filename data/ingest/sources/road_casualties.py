"""Road casualties (STATS19 via TfGM): counts per ward, district and Greater Manchester by calendar year.

The raw file has one row per casualty in Greater Manchester, January 2019 to June 2024, with the collision's
lon/lat and district name. Casualties are counted per calendar year 2019-2023 (January-June 2024 is left out:
half a year is not comparable with whole years):

- wards: by point-in-polygon against Trafford's May-2023 and pre-2023 ward boundaries; wards with no
  casualties in a year get 0. The ward history adds Trafford Data Lab's published pre-2023 ward KSI counts
  for 2017 and 2018 (and its 2020 figures are checked against ours).
- local authorities: by the district name the file gives (all 10 GM districts);
- Greater Manchester: every casualty in the file.

Counts are given as numerator (the count) over a denominator of 1 so the build gives Byar's Poisson limits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from data.ingest.context import IngestContext
from data.ingest.sources import COUNT_ROW_COLUMNS
from data.ingest.sources._ward_history import history_rows
from data.schema import GREATER_MANCHESTER

CATALOG = "road_casualties"
RAW = "tdl_open_data/road_casualties/stats19_road_casualties_gm_2019-2024jun.csv"
WARDS = {
    "ward_2023": "tdl_spatial_data/ward_2023_trafford_generalised.geojson",
    "ward_2022": "tdl_spatial_data/ward_2022_pre2023_trafford_generalised.geojson",
}
YEARS = range(2019, 2024)  # whole calendar years in the file
KSI, ALL = "road_casualties_ksi", "road_casualties_all"
KSI_SEVERITIES = {"fatal", "serious"}
SEVERITIES = KSI_SEVERITIES | {"slight"}
GM_DISTRICTS = {
    "Bolton": "E08000001",
    "Bury": "E08000002",
    "Manchester": "E08000003",
    "Oldham": "E08000004",
    "Rochdale": "E08000005",
    "Salford": "E08000006",
    "Stockport": "E08000007",
    "Tameside": "E08000008",
    "Trafford": "E08000009",
    "Wigan": "E08000010",
}
OUT_COLUMNS = COUNT_ROW_COLUMNS


def casualties(ctx: IngestContext) -> pd.DataFrame:
    """Casualty rows with year, KSI flag, district code and lon/lat; bad rows reported and left out."""
    df = ctx.read_csv(RAW)
    df["year_n"] = ctx.numbers_checked(df, "year", RAW)
    date_year = pd.to_numeric(df["date"].str[:4], errors="coerce")
    df["year_n"] = df["year_n"].fillna(date_year)
    severity = df["casualty_severity"].str.strip().str.lower()
    bad = ~severity.isin(SEVERITIES)
    for row, cell in df.loc[bad, ["_row", "casualty_severity"]].itertuples(index=False):
        ctx.report.reject(RAW, int(row), f"casualty severity {cell!r} not understood")
    df["ksi"] = severity.isin(KSI_SEVERITIES)
    df["lon_n"], df["lat_n"] = ctx.number(df["lon"]), ctx.number(df["lat"])
    unplaced = df["lon_n"].isna() | df["lat_n"].isna()
    for row, lon, lat in df.loc[unplaced, ["_row", "lon", "lat"]].itertuples(index=False):
        ctx.report.fix(
            RAW,
            int(row),
            f"no usable location (lon {lon!r}, lat {lat!r}): counted for the district "
            "and Greater Manchester, not for a ward",
        )
    df["la_code"] = df["area_name"].map(GM_DISTRICTS)
    for row, name in df.loc[df["la_code"].isna(), ["_row", "area_name"]].itertuples(index=False):
        ctx.report.reject(RAW, int(row), f"district {name!r} is not a Greater Manchester district")
    df = df[~bad & df["la_code"].notna() & df["year_n"].notna()]
    late = ~df["year_n"].isin(list(YEARS))
    if late.any():
        spans = ", ".join(
            f"{int(y)}: {n}" for y, n in df.loc[late, "year_n"].value_counts().sort_index().items()
        )
        ctx.report.reject(
            RAW,
            int(df.loc[late, "_row"].min()),
            f"{int(late.sum())} casualties outside the whole years {YEARS.start}-{YEARS.stop - 1} "
            f"left out ({spans}); 2024 covers only January-June",
        )
    return df[~late].assign(year=lambda d: d["year_n"].astype(int).astype(str))


def _ward_of_points(
    ctx: IngestContext, level: str, lon: np.ndarray, lat: np.ndarray
) -> tuple[np.ndarray, dict]:
    """The ward code containing each point (None outside Trafford), and the ward names."""
    features = ctx.read_geojson(WARDS[level])["features"]
    out = np.full(len(lon), None, dtype=object)
    names = {}
    for f in features:
        code, geom = f["properties"]["area_code"], shape(f["geometry"])
        names[code] = f["properties"]["area_name"]
        inside = shapely.contains_xy(geom, lon, lat) & (out == None)  # noqa: E711 (element-wise)
        out[inside] = code
    return out, names


def _counts(df: pd.DataFrame, key: str, codes: list[str], names: dict) -> pd.DataFrame:
    """KSI and all-casualty counts per area and year, zeros included for every area in `codes`."""
    grid = pd.MultiIndex.from_product([codes, [str(y) for y in YEARS]], names=["area_code", "period"])
    rows = []
    for indicator_id, subset in ((ALL, df), (KSI, df[df["ksi"]])):
        n = subset.groupby([key, "year"]).size().rename_axis(["area_code", "period"])
        counts = n.reindex(grid, fill_value=0).reset_index(name="value")
        first = subset.groupby([key, "year"])["_row"].min().rename_axis(["area_code", "period"])
        counts["source_row"] = first.reindex(grid).to_numpy()
        rows.append(counts.assign(indicator_id=indicator_id))
    out = pd.concat(rows, ignore_index=True)
    return out.assign(area_name=out["area_code"].map(names))


def ward_counts(ctx: IngestContext, df: pd.DataFrame, level: str) -> pd.DataFrame:
    """Counts per ward of one vintage, by point-in-polygon; mismatches with the district name reported."""
    located = df[df["lon_n"].notna() & df["lat_n"].notna()].copy()
    located["ward"], names = _ward_of_points(
        ctx, level, located["lon_n"].to_numpy(), located["lat_n"].to_numpy()
    )
    trafford = located["la_code"] == GM_DISTRICTS["Trafford"]
    outside = trafford & located["ward"].isna()
    if outside.any():
        ctx.report.fix(
            RAW,
            int(located.loc[outside, "_row"].min()),
            f"{int(outside.sum())} casualties named Trafford fall outside every {level} boundary "
            "(generalised edges): counted for Trafford, not for a ward",
        )
    stray = ~trafford & located["ward"].notna()
    if stray.any():
        ctx.report.fix(
            RAW,
            int(located.loc[stray, "_row"].min()),
            f"{int(stray.sum())} casualties named as another district fall inside a Trafford {level} "
            "boundary: counted for that ward by location",
        )
    inside = located[located["ward"].notna()]
    return _counts(inside, "ward", sorted(names), names).assign(level=level)


def _check_published(ctx: IngestContext, ours: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Published ward KSI for years we do not count; where we do, compare and keep ours."""
    mine = ours[(ours["indicator_id"] == KSI) & (ours["level"] == "ward_2022")]
    both = published.merge(mine, on=["area_code", "period"], suffixes=("", "_ours"))
    for period, g in both.groupby("period"):
        differ = g[g["value"] != g["value_ours"]]
        detail = (
            f"{len(differ)} of {len(g)} wards differ (e.g. {differ.iloc[0]['area_code']}: "
            f"{differ.iloc[0]['value']:g} published, {differ.iloc[0]['value_ours']:g} counted)"
            if len(differ)
            else f"all {len(g)} wards agree"
        )
        ctx.report.fix(
            published["source_path"].iloc[0],
            int(g["source_row"].min()),
            f"road_casualties_ksi {period} ward_2022 also counted from STATS19 points: {detail}; "
            "the STATS19 counts are kept",
        )
    return published[~published["period"].isin(set(mine["period"]))]


def load(ctx: IngestContext) -> pd.DataFrame:
    """Casualty counts (KSI and all) for wards, GM districts and Greater Manchester, 2019-2023."""
    df = casualties(ctx)
    wards = [ward_counts(ctx, df, level) for level in WARDS]
    districts = {code: name for name, code in GM_DISTRICTS.items()}
    la = _counts(df, "la_code", sorted(districts), districts).assign(level="la")
    df_gm = df.assign(gm=GREATER_MANCHESTER)
    gm = _counts(df_gm, "gm", [GREATER_MANCHESTER], {GREATER_MANCHESTER: "Greater Manchester"})
    ours = pd.concat([*wards, la, gm.assign(level="combined_authority")], ignore_index=True)
    ours = ours.assign(source_path=RAW)
    published = history_rows(ctx, "road_casualties")
    published = _check_published(ctx, ours, published)
    out = pd.concat([ours, published], ignore_index=True)
    out["value"] = out["value"].astype(float)
    out = out.assign(breakdown="Persons", numerator=out["value"], denominator=1.0)
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").astype("Int64")
    return out[OUT_COLUMNS].reset_index(drop=True)
