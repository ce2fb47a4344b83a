"""English Indices of Deprivation (MHCLG): LSOA scores, ranks and deciles; LA summaries; ward scores.

- LSOA (2011 LSOAs, Trafford's 138), IoD 2015 and 2019: the score of the IMD, its seven domains and the two
  supplementary income indices, plus the IMD national rank and decile (1 = most deprived of 32,844).
- Local authorities (all English LAs), IoD 2015, 2019 and 2025: the population-weighted average score of each
  domain (2019 and 2025 only: the 2015 file has no scores), the rank of the IMD average score and the share
  of LSOAs in the most deprived 10% nationally.
- Wards: the IMD and domain scores from the ward indicator history (pre-2023 wards 2015/2019, May-2023 wards
  2025), cleaned in `_ward_history`.

Income, employment, IDACI and IDAOPI scores are published as fractions of the population (0.12) and are
stored as percentages (12.0); the other domain scores are unitless (health and crime are z-scores).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources import ROW_COLUMNS
from data.ingest.sources._trafford_areas import comparator_level
from data.ingest.sources._ward_history import history_rows
from data.schema import TRAFFORD

CATALOG = "deprivation"
LSOA_FILE = "tdl_analysis/imd_2015_2019_lsoa_trafford.csv"
LA_FILES = {
    "2015": "tdl_open_data/deprivation/iod2015_local_authority_england.csv",
    "2019": "tdl_open_data/deprivation/iod2019_local_authority_england.csv",
    "2025": "tdl_open_data/deprivation/iod2025_local_authority_england.csv",
}
LSOAS_IN_ENGLAND = 32844  # IoD 2015 and 2019 both rank the 2011 LSOAs
IMD = "imd_score"
# Domain names as spelled across the files -> score indicator.
DOMAINS = {
    "Index of Multiple Deprivation": IMD,
    "Income": "imd_income_score",
    "Income Deprivation": "imd_income_score",
    "Employment": "imd_employment_score",
    "Employment Deprivation": "imd_employment_score",
    "Education, Skills and Training": "imd_education_score",
    "Education, Skills and Training Deprivation": "imd_education_score",
    "Health and Disability": "imd_health_score",
    "Health Deprivation and Disability": "imd_health_score",
    "Crime": "imd_crime_score",
    "Barriers to Housing and Services": "imd_barriers_score",
    "Living Environment": "imd_living_environment_score",
    "Living Environment Deprivation": "imd_living_environment_score",
    "Income Deprivation Affecting Children": "idaci",
    "Income Deprivation Affecting Older People": "idaopi",
}
# Scores that are shares of the population, published as fractions.
FRACTIONS = {"imd_income_score", "imd_employment_score", "idaci", "idaopi"}
LA_COLUMNS = {  # the code and name columns of each LA file
    "2015": ("lad19cd", "lad19nm"),
    "2019": ("lad19cd", "lad19nm"),
    "2025": ("area_code", "area_name"),
}
OUT_COLUMNS = ROW_COLUMNS


def _domain_ids(ctx: IngestContext, df: pd.DataFrame, rel: str) -> pd.Series:
    """The score indicator of each row's domain (None, reported, for an unknown domain)."""
    ids = df["index_domain"].map(DOMAINS)
    for row, name in df.loc[ids.isna(), ["_row", "index_domain"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"unknown domain {name!r}")
    return ids


def _as_percent(ctx: IngestContext, scores: pd.Series, ids: pd.Series, rel: str) -> pd.Series:
    """Fraction-of-population scores x100 (only where a domain's scores are all fractions, else reported)."""
    out = scores.copy()
    for indicator_id in sorted(FRACTIONS & set(ids.dropna())):
        hit = ids == indicator_id
        if (scores[hit].dropna().abs() <= 1).all():
            out[hit] = scores[hit] * 100
            ctx.report.fix(
                rel, None, f"{indicator_id}: fractions x100 to percentages ({int(hit.sum())} rows)"
            )
        else:
            ctx.report.fix(rel, None, f"{indicator_id}: scores above 1 found, read as percentages already")
    return out


def _checked_ranks(ctx: IngestContext, imd: pd.DataFrame) -> pd.DataFrame:
    """IMD rows whose rank and decile agree (decile = tenth of the 32,844 national ranks); others reported."""
    expected = np.floor((imd["rank"] - 1) * 10 / LSOAS_IN_ENGLAND) + 1
    in_range = imd["rank"].between(1, LSOAS_IN_ENGLAND) & imd["decile"].between(1, 10)
    for row in imd.loc[~in_range, "_row"]:
        ctx.report.reject(
            LSOA_FILE, int(row), "IMD rank or decile missing or out of range; rank and decile left out"
        )
    bad = in_range & (expected != imd["decile"])
    for row, rank, decile in imd.loc[bad, ["_row", "rank", "decile"]].itertuples(index=False):
        ctx.report.reject(
            LSOA_FILE,
            int(row),
            f"IMD decile {decile:g} does not match national rank {rank:g}; rank and decile left out",
        )
    return imd[in_range & ~bad]


def lsoa_rows(ctx: IngestContext) -> pd.DataFrame:
    """Scores of every domain, and the IMD rank and decile, for Trafford's 2011 LSOAs."""
    df = ctx.read_csv(LSOA_FILE)
    df["area_code"] = ctx.code(df["lsoa11cd"], LSOA_FILE, df["_row"])
    df["lad"] = ctx.code(df["lad19cd"], LSOA_FILE, df["_row"])
    ours = (df["area_code"].str.match(r"^E01\d{6}$", na=False) & (df["lad"] == TRAFFORD)).fillna(False)
    for row, code in df.loc[~ours, ["_row", "area_code"]].itertuples(index=False):
        ctx.report.reject(LSOA_FILE, int(row), f"{code!r} is not a Trafford LSOA")
    df = df[ours].copy()
    df["indicator_id"] = _domain_ids(ctx, df, LSOA_FILE)
    df = df[df["indicator_id"].notna()].copy()
    for column in ("score", "rank", "decile"):
        df[column] = ctx.numbers_checked(df, column, LSOA_FILE)
    df["value"] = _as_percent(ctx, df["score"], df["indicator_id"], LSOA_FILE)
    df["period"] = df["year"]
    imd = _checked_ranks(ctx, df[df["indicator_id"] == IMD])
    base = ["area_code", "period", "_row"]
    out = pd.concat(
        [
            df[["indicator_id", "value", *base]],
            imd[base].assign(indicator_id="imd_rank", value=imd["rank"]),
            imd[base].assign(indicator_id="imd_decile", value=imd["decile"]),
        ],
        ignore_index=True,
    )
    out = _dedupe(ctx, out, LSOA_FILE, ["indicator_id", "area_code", "period"])
    return out.assign(level="lsoa_2011", area_name=pd.NA, source_path=LSOA_FILE, source_row=out["_row"])


def _dedupe(ctx: IngestContext, df: pd.DataFrame, rel: str, keys: list[str]) -> pd.DataFrame:
    """Keep the first row of each key, reporting repeats (equal values: fix; different: rejection)."""
    dup = df.duplicated(keys, keep="first")
    first = df[~dup].set_index(keys)["value"]
    for _, row in df[dup].iterrows():
        kept = first.loc[tuple(row[k] for k in keys)]
        where = ", ".join(str(row[k]) for k in keys)
        if kept == row["value"] or (pd.isna(kept) and pd.isna(row["value"])):
            ctx.report.fix(rel, int(row["_row"]), f"repeated row ({where}) dropped")
        else:
            ctx.report.reject(
                rel, int(row["_row"]), f"conflicting repeat ({where}): {row['value']} vs {kept} kept"
            )
    return df[~dup]


def la_rows(ctx: IngestContext, period: str) -> pd.DataFrame:
    """One IoD local-authority summary file: average scores, IMD rank of average score, share most deprived."""
    rel = LA_FILES[period]
    df = ctx.read_csv(rel)
    code, name = LA_COLUMNS[period]
    df = ctx.unswap_code_name(df, rel, code, name)
    df["area_code"] = ctx.code(df[code], rel, df["_row"])
    df["area_name"] = df[name]
    df["level"] = df["area_code"].map(comparator_level)
    bad = (df["level"] != "la").fillna(True).astype(bool)
    for row, c in df.loc[bad, ["_row", "area_code"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"{c!r} is not an English local authority code")
    df = df[~bad].copy()
    df["indicator_id"] = _domain_ids(ctx, df, rel)
    df = df[df["indicator_id"].notna()].copy()
    base = ["area_code", "area_name", "_row"]
    parts = []
    if "average_score" in df.columns:
        score = ctx.numbers_checked(df, "average_score", rel)
        parts.append(
            df[["indicator_id", *base]].assign(value=_as_percent(ctx, score, df["indicator_id"], rel))
        )
    imd = df[df["indicator_id"] == IMD]
    rank = ctx.numbers_checked(imd, "rank_average_score", rel)
    parts.append(imd[base].assign(indicator_id="imd_la_rank_average_score", value=rank))
    share = ctx.numbers_checked(imd, "proportion_bottom_decile", rel)
    if (share.dropna() <= 1).all():
        share = share * 100
        ctx.report.fix(
            rel, None, f"proportion_bottom_decile: fractions x100 to percentages ({len(share)} rows)"
        )
    parts.append(imd[base].assign(indicator_id="imd_la_most_deprived_decile_share", value=share))
    out = pd.concat(parts, ignore_index=True)
    out = _dedupe(ctx, out, rel, ["indicator_id", "area_code"])
    return out.assign(level="la", period=period, source_path=rel, source_row=out["_row"])


def load(ctx: IngestContext) -> pd.DataFrame:
    """LSOA, local-authority and ward rows of the deprivation indicators."""
    parts = [lsoa_rows(ctx), *(la_rows(ctx, p) for p in LA_FILES), history_rows(ctx, "deprivation")]
    out = pd.concat(parts, ignore_index=True)
    out["breakdown"] = "Persons"
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").astype("Int64")
    return out[OUT_COLUMNS].reset_index(drop=True)
