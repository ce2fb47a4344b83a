"""ONS mid-year population estimates for Trafford's wards, LSOAs, MSOAs and the borough, mid-2017 to mid-2024.

The files are wide by single year of age with pre-summed bands, three rows per area (Females, Males,
Persons). Their headers drift between years (date/period, gender/sex, 90/90+) and so do the geography
labels; small areas up to mid-2020 use pre-2023 wards and 2011 LSOAs/MSOAs, later ones May-2023 wards and
2021 LSOAs/MSOAs. The mid-2020 LSOA rows exist only in the all-geographies file.
"""

from __future__ import annotations

import re

import pandas as pd

from data.ingest.context import NA_TOKENS, IngestContext
from data.ingest.sources import COUNT_ROW_COLUMNS
from data.ingest.sources._trafford_areas import (
    comparator_level,
    dedupe,
    gm_sum,
    is_trafford_lsoa,
    is_trafford_msoa,
    ward_level,
)

CATALOG = "population"
FOLDER = "tdl_open_data/population"
FILE = re.compile(r"^mid(\d{4})_population_(ward|lsoa|msoa|local_authority|all_geographies)\.csv$")
# Header spellings across years -> one spelling.
HEADERS = {"date": "period", "gender": "sex", "90+": "90"}
SEXES = {"persons": "Persons", "males": "Male", "females": "Female", "male": "Male", "female": "Female"}
GEOGRAPHIES = {
    "electoral ward": "ward",
    "ward": "ward",
    "lsoa": "lsoa",
    "msoa": "msoa",
    "local authority": "la",
    "oa": "oa",
}
BANDS = {"aged_0_to_15": (0, 15), "aged_16_to_64": (16, 64), "aged_65_and_over": (65, 90)}
TOTAL = "population_total"
SHARES = {
    "population_aged_0_15": "aged_0_to_15",
    "population_working_age": "aged_16_to_64",
    "population_aged_65_plus": "aged_65_and_over",
}
FIRST_NEW_VINTAGE = 2021  # from mid-2021 small areas use May-2023 wards and 2021 LSOAs/MSOAs
SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")
OUT_COLUMNS = COUNT_ROW_COLUMNS


def _files(ctx: IngestContext) -> list[tuple[int, str, str]]:
    """(year, kind, raw path) of each population file, per-geography files before all-geographies ones."""
    found = []
    for path in sorted((ctx.raw / FOLDER).glob("*.csv")):
        m = FILE.match(path.name)
        if m:
            found.append((int(m[1]), m[2], f"{FOLDER}/{path.name}"))
    return sorted(found, key=lambda f: (f[0], f[1] == "all_geographies", f[1]))


def _normalise_headers(ctx: IngestContext, df: pd.DataFrame, rel: str) -> pd.DataFrame:
    """One spelling of the drifting headers (date/period, gender/sex, 90/90+), each rename reported."""
    renames = {c: HEADERS[c.lower()] for c in df.columns if c.lower() in HEADERS}
    if renames:
        ctx.report.fix(rel, None, "headers read as " + ", ".join(f"{a!r}->{b!r}" for a, b in renames.items()))
    return df.rename(columns=renames)


def _level(code: str, name: str, geography: str, year: int) -> str | None:
    """The store level of a row from its geography label, code and the year's small-area vintage."""
    if geography == "ward":
        return ward_level(code)
    vintage = "2021" if year >= FIRST_NEW_VINTAGE else "2011"
    if geography == "lsoa":
        return f"lsoa_{vintage}" if is_trafford_lsoa(code, name) else None
    if geography == "msoa":
        return f"msoa_{vintage}" if is_trafford_msoa(code) else None
    if geography == "la":
        return comparator_level(code)
    return None


def _numbers(ctx: IngestContext, df: pd.DataFrame, rel: str, columns: list[str]) -> pd.DataFrame:
    """Numeric age columns (read in one pass), reporting junk cells and cells in scientific notation ('1e3')."""
    cells = df[columns].stack()
    values = ctx.number(cells)
    rows = df["_row"]
    for (idx, col), cell in cells[cells.str.match(SCIENTIFIC.pattern, na=False)].items():
        ctx.report.fix(
            rel, int(rows[idx]), f"{col} written in scientific notation {cell!r}; read as {float(cell):g}"
        )
    for (idx, col), cell in cells[values.isna() & ~cells.isin(NA_TOKENS)].items():
        ctx.report.reject(rel, int(rows[idx]), f"{col} is not a number: {cell!r}")
    return values.unstack().reindex(index=df.index, columns=columns)


def _fill_bands(ctx: IngestContext, df: pd.DataFrame, rel: str, ages: list[str]) -> pd.DataFrame:
    """Check each band (and the total) against its single years; fill a missing band from them."""
    for band, (lo, hi) in [*BANDS.items(), ("all_ages", (0, 90))]:
        cols = [a for a in ages if lo <= int(a) <= hi]
        singles = df[cols].sum(axis=1, min_count=len(cols))
        missing = df[band].isna() & singles.notna()
        for row in df.loc[missing, "_row"]:
            ctx.report.fix(rel, int(row), f"{band} missing; summed from single years of age")
        df[band] = df[band].fillna(singles)
        off = df[band].notna() & singles.notna() & (df[band] != singles)
        for row, a, b in zip(df.loc[off, "_row"], df.loc[off, band], singles[off], strict=True):
            ctx.report.fix(rel, int(row), f"{band} is {a:g} but single years add to {b:g}; kept {band}")
    return df


def read_file(ctx: IngestContext, year: int, kind: str, rel: str) -> pd.DataFrame:
    """One mid-year file as rows: area_code, area_name, level, period, breakdown, bands and total, _row."""
    df = _normalise_headers(ctx, ctx.read_csv(rel), rel)
    df = ctx.unswap_code_name(df, rel)
    df["area_code"] = ctx.code(df["area_code"], rel, df["_row"])
    geo = df["geography"].str.lower().map(GEOGRAPHIES)
    if kind == "all_geographies":
        # Only the LSOA rows are new here; the others repeat the per-geography files (OA is not a store level).
        for label, n in df.loc[geo != "lsoa", "geography"].value_counts().items():
            ctx.report.reject(
                rel, None, f"{n} {label} rows left out: only LSOA rows are taken from this file"
            )
        df, geo = df[geo == "lsoa"], geo[geo == "lsoa"]
    df = df.assign(
        level=[_level(c, n, g, year) for c, n, g in zip(df["area_code"], df["area_name"], geo, strict=True)]
    )
    for row, code, label in df.loc[df["level"].isna(), ["_row", "area_code", "geography"]].itertuples(
        index=False
    ):
        ctx.report.reject(rel, int(row), f"{label} {code} is not a Trafford area or a comparator")
    df = df[df["level"].notna()].copy()
    df["period"] = _period(ctx, df, rel, year)
    df["breakdown"] = df["sex"].str.lower().map(SEXES)
    for row, sex in df.loc[df["breakdown"].isna(), ["_row", "sex"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"unknown sex {sex!r}")
    df = df[df["breakdown"].notna() & df["period"].notna()]
    ages = [c for c in df.columns if c.isdigit()]
    nums = _numbers(ctx, df, rel, ["all_ages", *BANDS, *ages])
    df = pd.concat([df[["_row", "area_code", "area_name", "level", "period", "breakdown"]], nums], axis=1)
    df = _fill_bands(ctx, df, rel, ages)
    return dedupe(ctx, df, rel, ["area_code", "breakdown"], "all_ages")


def _period(ctx: IngestContext, df: pd.DataFrame, rel: str, year: int) -> pd.Series:
    """The mid-year label ('2017') of each row; a date from another year than the file's is reported."""
    got = df["period"].str.extract(r"^(\d{4})")[0]
    wrong = got != str(year)
    for row, cell in zip(df.loc[wrong, "_row"], df.loc[wrong, "period"], strict=True):
        ctx.report.reject(rel, int(row), f"period {cell!r} is not mid-{year}")
    return got.where(~wrong)


def _indicators(rows: pd.DataFrame, rel: str) -> pd.DataFrame:
    """The total and the three age-group shares of each row."""
    base = rows[["area_code", "area_name", "level", "period", "breakdown"]].assign(
        source_path=rel, source_row=rows["_row"]
    )
    out = [base.assign(indicator_id=TOTAL, value=rows["all_ages"])]
    for indicator_id, band in SHARES.items():
        ok = rows["all_ages"] > 0
        out.append(
            base[ok].assign(
                indicator_id=indicator_id,
                numerator=rows.loc[ok, band],
                denominator=rows.loc[ok, "all_ages"],
                value=100 * rows.loc[ok, band] / rows.loc[ok, "all_ages"],
            )
        )
    return pd.concat(out, ignore_index=True)


def load(ctx: IngestContext) -> pd.DataFrame:
    """Population totals and age-group shares for every area, year and sex in the mid-year files."""
    frames, seen = [], set()
    for year, kind, rel in _files(ctx):
        rows = read_file(ctx, year, kind, rel)
        key = list(zip(rows["area_code"], rows["level"], rows["period"], rows["breakdown"], strict=True))
        again = pd.Series([k in seen for k in key], index=rows.index, dtype=bool)
        if again.any():
            ctx.report.reject(
                rel, None, f"{int(again.sum())} rows already read from another file for mid-{year}"
            )
        seen.update(key)
        frames.append(_indicators(rows[~again], rel))
    df = pd.concat(frames, ignore_index=True)
    # The LA files hold Trafford only today, so this adds nothing until all 10 GM districts are present.
    out = pd.concat([df, _gm(df)], ignore_index=True).reindex(columns=OUT_COLUMNS)
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").astype("Int64")
    return out


def _gm(df: pd.DataFrame) -> pd.DataFrame:
    """Greater Manchester as the sum of the 10 districts, for periods where all 10 are present."""
    la = df[df["level"] == "la"]
    totals = la[la["indicator_id"] == TOTAL].rename(columns={"value": "all_ages"})
    if totals.empty:
        return totals
    sums = gm_sum(totals, ["period", "breakdown"], ["all_ages"])
    parts = la[la["indicator_id"].isin(list(SHARES))]
    shares = gm_sum(parts, ["indicator_id", "period", "breakdown"], ["numerator", "denominator"])
    common = {"area_name": "Greater Manchester", "level": "combined_authority"}
    out = pd.concat(
        [
            sums.assign(indicator_id=TOTAL, value=sums["all_ages"], **common).drop(columns="all_ages"),
            shares.assign(value=100 * shares["numerator"] / shares["denominator"], **common),
        ],
        ignore_index=True,
    )
    return out.assign(source_path=out["period"].map(la.groupby("period")["source_path"].first()))
