"""Trafford's postcodes in both ward vintages, and the postcode-weighted lookups between areas built from them."""

from __future__ import annotations

import re

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.report import BuildReport
from data.schema import POSTCODE_WEIGHT_NOTE, RESIDENT_WEIGHT_NOTE

SPATIAL = "tdl_spatial_data"
EDITION_2022 = f"{SPATIAL}/postcodes_trafford_2022-10_ward2022_lsoa2021.csv"  # pre-2023 wards
EDITION_2025 = f"{SPATIAL}/postcodes_trafford_2025-03_ward2023_lsoa2021.csv"  # May-2023 wards
POSTCODE_COLUMNS = ["postcode", "postcode_key", "district", "sector", "lsoa_2021", "msoa_2021", "ward_2023",
                    "ward_2022", "lon", "lat", "in_2022_edition", "in_2025_edition"]
LOOKUP_COLUMNS = ["from_level", "from_code", "to_level", "to_code", "postcodes", "share_of_from", "share_of_to",
                  "weight"]
# (from level, column, to level, column, edition): each pair is counted on the postcodes that carry both codes.
PAIRS = (("lsoa_2021", "lsoa_2021", "ward_2023", "ward_2023", "2025"),
         ("msoa_2021", "msoa_2021", "ward_2023", "ward_2023", "2025"),
         ("ward_2022", "ward_2022", "ward_2023", "ward_2023", "both"),
         ("lsoa_2021", "lsoa_2021", "ward_2022", "ward_2022", "2022"))
# Lookups into 2023 wards whose share_of_from is weighted by residents (from level, postcode column, edition):
# against Census 2021 counts of the 2023 wards, residents' shares miss by 5.6% on average, postcode shares by 13.3%.
BY_RESIDENTS = (("ward_2022", "ward_2022", "both"), ("msoa_2021", "msoa_2021", "2025"))
POPULATION = "population_total"
OUTWARD = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def normalise_postcode(text: str) -> str:
    """A postcode upper-cased with one space before its last three characters ('m154ab' -> 'M15 4AB')."""
    key = re.sub(r"\s+", "", str(text)).upper()
    return f"{key[:-3]} {key[-3:]}" if len(key) > 3 else key


def empty_postcodes() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two tables with no rows (a raw folder without the postcode files, as in the tests' tiny builds)."""
    return pd.DataFrame(columns=POSTCODE_COLUMNS), pd.DataFrame(columns=LOOKUP_COLUMNS)


def build_postcodes(ctx: IngestContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The postcodes table (one row per postcode in either edition) and the postcode-weighted lookups."""
    if not (ctx.raw / EDITION_2022).exists() or not (ctx.raw / EDITION_2025).exists():
        return empty_postcodes()
    old = _edition(ctx, EDITION_2022).rename(columns={"ward_code": "ward_2022"})
    new = _edition(ctx, EDITION_2025).rename(columns={"ward_code": "ward_2023"})
    merged = old.merge(new, on="postcode", how="outer", suffixes=("_old", ""), indicator=True)
    # The newer edition's LSOA, MSOA and centroid where a postcode is in both (18 moved LSOA between editions)
    for col in ("lsoa_code", "msoa_code", "lon", "lat"):
        merged[col] = merged[col].fillna(merged[f"{col}_old"])
    merged["in_2022_edition"] = merged["_merge"] != "right_only"
    merged["in_2025_edition"] = merged["_merge"] != "left_only"
    out = merged.rename(columns={"lsoa_code": "lsoa_2021", "msoa_code": "msoa_2021"})
    out["postcode_key"] = out["postcode"].str.replace(" ", "", regex=False)
    out["district"] = out["postcode"].str.split(" ").str[0]
    out["sector"] = out["postcode"].str[:-2]
    for col in ("lon", "lat"):
        out[col] = pd.to_numeric(out[col], errors="coerce")
    text = [c for c in POSTCODE_COLUMNS if c not in ("lon", "lat", "in_2022_edition", "in_2025_edition")]
    postcodes = out[POSTCODE_COLUMNS].astype({c: "string" for c in text}).sort_values("postcode", ignore_index=True)
    lookups = pd.concat([_shares(postcodes, *pair) for pair in PAIRS], ignore_index=True)
    n_split = int((lookups[(lookups["from_level"] == "lsoa_2021") & (lookups["to_level"] == "ward_2023")]
                   .groupby("from_code").size() > 1).sum())
    ctx.report.fix(EDITION_2025, None, f"postcode-weighted lookups built from {len(postcodes)} postcodes: "
                   f"{n_split} of {postcodes['lsoa_2021'].nunique()} 2021 LSOAs have postcodes in more than one "
                   f"2023 ward. {POSTCODE_WEIGHT_NOTE}")
    return postcodes, lookups


def _edition(ctx: IngestContext, rel: str) -> pd.DataFrame:
    """One edition's postcodes, normalised, with the columns the lookups use."""
    df = ctx.read_csv(rel)
    df["postcode"] = df["postcode"].map(normalise_postcode)
    bad = ~df["postcode"].str.match(OUTWARD.pattern)
    for row, cell in zip(df.loc[bad, "_row"], df.loc[bad, "postcode"], strict=True):
        ctx.report.reject(rel, int(row), f"not a postcode: {cell!r}")
    df = df.loc[~bad]
    for col in ("ward_code", "lsoa_code", "msoa_code"):
        df[col] = ctx.code(df[col], rel)
    return df[["postcode", "ward_code", "lsoa_code", "msoa_code", "lon", "lat"]].drop_duplicates("postcode")


def _shares(postcodes: pd.DataFrame, from_level: str, from_col: str, to_level: str, to_col: str,
            edition: str) -> pd.DataFrame:
    """How the postcodes of each `from` area divide between `to` areas: counts and shares both ways."""
    rows = postcodes
    if edition in ("2025", "both"):
        rows = rows[rows["in_2025_edition"]]
    if edition in ("2022", "both"):
        rows = rows[rows["in_2022_edition"]]
    rows = rows.dropna(subset=[from_col, to_col])
    counts = rows.groupby([from_col, to_col]).size().rename("postcodes").reset_index()
    counts.columns = ["from_code", "to_code", "postcodes"]
    counts["share_of_from"] = counts["postcodes"] / counts.groupby("from_code")["postcodes"].transform("sum")
    counts["share_of_to"] = counts["postcodes"] / counts.groupby("to_code")["postcodes"].transform("sum")
    counts.insert(0, "from_level", from_level)
    counts.insert(2, "to_level", to_level)
    counts["weight"] = "postcodes" + (" in both editions" if edition == "both" else f" ({edition} edition)")
    counts["postcodes"] = counts["postcodes"].astype("int64")
    counts = counts.astype({c: "string" for c in ("from_level", "from_code", "to_level", "to_code", "weight")})
    return counts.sort_values(["from_code", "to_code"], ignore_index=True)[LOOKUP_COLUMNS]


def lsoa_wards_by_postcodes(areas: pd.DataFrame, lookups: pd.DataFrame, ctx: IngestContext) -> pd.DataFrame:
    """Each 2021 LSOA's 2023 ward: the ward holding most of its postcodes, replacing the boundary-overlap best fit
    (kept in area_links as a check; the build report says where the two disagree)."""
    pairs = lookups[(lookups["from_level"] == "lsoa_2021") & (lookups["to_level"] == "ward_2023")]
    if pairs.empty:
        return areas
    best = (pairs.sort_values(["from_code", "postcodes", "to_code"], ascending=[True, False, True])
            .drop_duplicates("from_code").set_index("from_code")["to_code"])
    areas = areas.copy()
    lsoa = (areas["level"] == "lsoa_2021") & areas["area_code"].isin(best.index)
    overlap = areas.loc[lsoa, "parent_code"].copy()
    areas.loc[lsoa, "parent_code"] = areas.loc[lsoa, "area_code"].map(best)
    areas.loc[lsoa, "parent_level"] = "ward_2023"
    changed = areas.loc[lsoa, "parent_code"] != overlap
    differ = sorted(areas.loc[changed[changed].index, "area_code"])
    ctx.report.check("2021 LSOA -> 2023 ward by postcodes agrees with the boundary overlap", True,
                     f"{int(lsoa.sum()) - len(differ)} of {int(lsoa.sum())} agree"
                     + (f"; these differ (postcodes used): {', '.join(differ)}" if differ else ""))
    return areas


def weight_by_residents(postcodes: pd.DataFrame, lookups: pd.DataFrame, values: pd.DataFrame,
                        report: BuildReport) -> pd.DataFrame:
    """The lookups with the shares of pre-2023 wards and MSOAs in 2023 wards (share_of_from) weighted by residents:
    each postcode carries its 2021 LSOA's population divided by the LSOA's postcodes (the earliest ONS mid-year
    estimate the store holds for LSOAs). share_of_to stays by postcodes (it averages speeds over premises)."""
    official = ((values["level"] == "lsoa_2021") & (values["indicator_id"] == POPULATION)
                & (values["breakdown"] == "Persons") & ~values["estimated"] & values["value"].notna())
    pop = values.loc[official, ["area_code", "period", "period_start", "value"]]
    if pop.empty or lookups.empty:
        return lookups
    period = pop.sort_values(["period_start", "period"])["period"].iloc[0]
    residents = pop[pop["period"] == period].set_index("area_code")["value"]
    out = lookups.copy()
    for from_level, col, edition in BY_RESIDENTS:
        rows = postcodes
        if edition in ("2025", "both"):
            rows = rows[rows["in_2025_edition"]]
        if edition in ("2022", "both"):
            rows = rows[rows["in_2022_edition"]]
        rows = rows.dropna(subset=[col, "ward_2023", "lsoa_2021"])
        missing = sorted(set(rows["lsoa_2021"]) - set(residents.index))
        if missing:
            report.fix(EDITION_2025, None, f"{from_level} -> ward_2023 kept by postcodes: no {period} population for "
                       f"LSOAs {', '.join(missing[:5])}")
            continue
        weight = rows["lsoa_2021"].map(residents) / rows.groupby("lsoa_2021")["postcode"].transform("size")
        sums = rows.assign(w=weight.astype(float)).groupby([col, "ward_2023"])["w"].sum()
        share = sums / sums.groupby(level=0).transform("sum")
        mask = (out["from_level"] == from_level) & (out["to_level"] == "ward_2023")
        keys = zip(out.loc[mask, "from_code"], out.loc[mask, "to_code"], strict=True)
        out.loc[mask, "share_of_from"] = [float(share.get(k, 0.0)) for k in keys]
        out.loc[mask, "weight"] = (f"share_of_from by residents (2021 LSOAs' mid-{period} population spread over their "
                                   f"postcodes); share_of_to by postcodes")
    report.fix(EDITION_2025, None, "pre-2023 wards and MSOAs apportioned to 2023 wards by residents' shares, not "
               f"postcode counts (mid-{period} LSOA population). {RESIDENT_WEIGHT_NOTE}")
    out["weight"] = out["weight"].astype("string")
    return out
