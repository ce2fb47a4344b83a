"""MSOA health prevalence, jobs and benefit claimants (Trafford Data Lab's COVID-19 vulnerability tables).

Tidy files (`area_code, area_name, indicator, period, measure, unit, value`) for Trafford's 28 MSOAs on 2011
codes: GP-recorded (QOF) disease prevalence 2018, modelled smoking at age 15 (2014), employee jobs in retail
and in accommodation and food (BRES 2018, count and share of all jobs), and monthly or quarterly counts of
people on Universal Credit, PIP, Attendance Allowance, DLA and ESA (DWP Stat-Xplore).
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources import ROW_COLUMNS
from data.ingest.sources._trafford_areas import is_trafford_msoa
from data.periods import MONTH_HINT, PeriodError, read_period

CATALOG = "msoa_health"
FOLDER = "tdl_covid19_data"
# File -> {measure (lower case): indicator id}; other measures are reported and left out.
FILES = {
    "health/asthma_prevalence.csv": {"percentage": "qof_asthma_prevalence"},
    "health/cancer_prevalence.csv": {"percentage": "qof_cancer_prevalence"},
    "health/chd_prevalence.csv": {"percentage": "qof_chd_prevalence"},
    "health/copd_prevalence.csv": {"percentage": "qof_copd_prevalence"},
    "health/cvd_prevalence.csv": {"percentage": "qof_cvd_primary_prevention_prevalence"},
    "health/dementia_prevalence.csv": {"percentage": "qof_dementia_prevalence"},
    "health/diabetes_prevalence.csv": {"percentage": "qof_diabetes_prevalence"},
    "health/heart_failure_prevalence.csv": {"percentage": "qof_heart_failure_prevalence"},
    "health/obesity_prevalence.csv": {"percentage": "qof_obesity_prevalence"},
    "health/stroke_tia_prevalence.csv": {"percentage": "qof_stroke_tia_prevalence"},
    "health/smoking_15yrs_prevalence.csv": {"percentage": "smoking_prevalence_age15"},
    "economy/retail_jobs.csv": {"count": "retail_jobs", "industry percentage": "retail_jobs_share"},
    "economy/accommodation_food_jobs.csv": {
        "count": "accommodation_food_jobs",
        "industry percentage": "accommodation_food_jobs_share",
    },
    "social/universal_credit_msoa.csv": {"count": "universal_credit_claimants"},
    "social/personal_independence.csv": {"count": "pip_claimants"},
    "social/attendance_allowance.csv": {"count": "attendance_allowance_claimants"},
    "social/disability_living_allowance.csv": {"count": "dla_claimants"},
    "social/employment_support.csv": {"count": "esa_respiratory_circulatory_claimants"},
}
KEYS = ["indicator_id", "area_code", "period"]
OUT_COLUMNS = ROW_COLUMNS


def _periods(ctx: IngestContext, df: pd.DataFrame, rel: str) -> pd.Series:
    """Canonical period labels; unparseable ones reported and None."""
    out = []
    for row, label in df[["_row", "period"]].itertuples(index=False):
        try:
            out.append(read_period(label, hint=MONTH_HINT).label)
        except PeriodError as err:
            ctx.report.reject(rel, int(row), f"period {label!r} not understood: {err}")
            out.append(None)
    return pd.Series(out, index=df.index, dtype=object)


def _dedupe(ctx: IngestContext, df: pd.DataFrame, rel: str) -> pd.DataFrame:
    """One row per indicator, MSOA and period: repeats reported (same value: fix; different: rejection)."""
    dup = df.duplicated(KEYS, keep="first")
    first = df[~dup].set_index(KEYS)["value"]
    for _, row in df[dup].iterrows():
        kept = first.loc[tuple(row[k] for k in KEYS)]
        where = f"{row['area_code']} {row['period']}"
        if kept == row["value"] or (pd.isna(kept) and pd.isna(row["value"])):
            ctx.report.fix(rel, int(row["_row"]), f"repeated row ({where}) dropped")
        else:
            ctx.report.reject(
                rel, int(row["_row"]), f"conflicting repeat ({where}): {row['value']} vs {kept} kept"
            )
    return df[~dup]


def file_rows(ctx: IngestContext, name: str) -> pd.DataFrame:
    """Rows of one tidy MSOA file, Trafford's MSOAs only."""
    rel = f"{FOLDER}/{name}"
    df = ctx.unswap_code_name(ctx.read_csv(rel), rel)
    df["area_code"] = ctx.code(df["area_code"], rel, df["_row"])
    ours = pd.Series([is_trafford_msoa(c) for c in df["area_code"]], index=df.index, dtype=bool)
    for row, code in df.loc[~ours, ["_row", "area_code"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"{code!r} is not one of Trafford's MSOAs")
    df = df[ours].copy()
    df["indicator_id"] = df["measure"].str.strip().str.lower().map(FILES[name])
    for row, measure in df.loc[df["indicator_id"].isna(), ["_row", "measure"]].itertuples(index=False):
        ctx.report.reject(rel, int(row), f"measure {measure!r} not used")
    df = df[df["indicator_id"].notna()].copy()
    df["period"] = _periods(ctx, df, rel)
    df = df[df["period"].notna()].copy()
    df["value"] = ctx.numbers_checked(df, "value", rel)
    df = _dedupe(ctx, df, rel)
    return df.assign(source_path=rel, source_row=df["_row"])


def load(ctx: IngestContext) -> pd.DataFrame:
    """Every MSOA indicator of the COVID-19 vulnerability tables, on 2011 MSOA codes."""
    parts = []
    for name in FILES:
        rel = f"{FOLDER}/{name}"
        if not (ctx.raw / rel).exists():  # one missing table should not lose the others
            ctx.report.reject(rel, None, "raw file missing; its indicator is left out")
            continue
        parts.append(file_rows(ctx, name))
    if not parts:
        return pd.DataFrame(columns=OUT_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out = out.assign(level="msoa_2011", breakdown="Persons")
    out["source_row"] = pd.to_numeric(out["source_row"], errors="coerce").astype("Int64")
    return out[OUT_COLUMNS].reset_index(drop=True)
