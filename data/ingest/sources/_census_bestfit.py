"""Census 2021 shares on May-2023 wards (Trafford Data Lab, from best-fit output areas) given the counts the same
file publishes beside them, so they carry intervals like every other census share.

The history file gives these wards percentages only, but also, from the same best-fit output areas, the ward's
usual residents, its residents aged 0-15 and the two qualification counts. So:
- qualifications: numerator = the published count, denominator = residents aged 16 and over (all residents less
  those aged 0-15, the census universe of the qualification table); kept only where the two reproduce the
  published percentage within 0.15 points (its rounding, plus the few residents by which ONS's perturbed age and
  qualification tables differ in total); the published percentage stays the value;
- shares of all usual residents (health, ethnic group): denominator = the published residents; no count is
  published, so no numerator is stored, and the Wilson limits are those of the published percentage over that
  denominator (the percentage is rounded to 0.1, so the limits are as exact as the figure itself).
Household shares get no interval: no household count is published for these wards.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.stats import proportion_ci_vec
from data.ingest.context import IngestContext

HISTORY = "tdl_ward_data/ward_indicators_history.csv"
PERIOD = "2021"
TOTAL = "Total resident population (from best-fit OAs)"
CHILDREN = "Population aged 0-15 years (from best-fit OAs)"
# indicator id -> the history indicator whose count is its numerator (universe: residents aged 16 and over)
COUNTED = {
    "no_qualifications": "Residents with no qualifications (from best-fit OAs)",
    "level4_qualifications": "Residents with a higher education qualification (from best-fit OAs)",
}
# indicators that are shares of all usual residents, with no count published
OF_RESIDENTS = ("bad_health", "very_bad_health", "non_white_ethnic_groups")
TOLERANCE = 0.15  # percentage points: rounding to 0.1, and perturbed tables differing by up to 0.2%
LIMITS = ("lower_ci", "upper_ci", "lower_ci_998", "upper_ci_998")


def _counts(raw: pd.DataFrame, indicator: str) -> pd.Series:
    """One best-fit count per May-2023 ward code (the last published where a figure repeats)."""
    df = raw[(raw["indicator"] == indicator) & (raw["measure"].str.strip().str.lower() == "count")
             & (raw["period"].str.strip() == PERIOD)]
    codes = df["area_code"].astype("string").str.strip().str.upper()
    count = pd.to_numeric(df["value"].astype(str).str.replace(",", ""), errors="coerce").astype(float)
    df = df.assign(area_code=codes, count=count)
    df = df[df["area_code"].str.startswith("E0501") & df["count"].notna()]
    return df.sort_values(["published", "_row"]).drop_duplicates("area_code", keep="last").set_index("area_code")["count"]


def with_bestfit_counts(ctx: IngestContext, raw: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with numerators, denominators and limits where the history publishes the counts (see above)."""
    total, children = _counts(raw, TOTAL), _counts(raw, CHILDREN)
    if total.empty:
        return rows
    rows = rows.copy()
    for col in ("numerator", "denominator", *LIMITS):
        if col not in rows:
            rows[col] = np.nan
    mine = (rows["level"] == "ward_2023") & (rows["period"] == PERIOD) & rows["value"].notna()
    adults = (total - children).dropna()
    for ind, source in COUNTED.items():
        at = mine & (rows["indicator_id"] == ind)
        num = rows.loc[at, "area_code"].map(_counts(raw, source)).astype(float)
        den = rows.loc[at, "area_code"].map(adults).astype(float)
        # the two counts must give the published percentage (to its rounding), or they are not its counts
        ok = num.notna() & den.notna() & ((num / den * 100 - rows.loc[at, "value"]).abs() <= TOLERANCE)
        rows.loc[ok[ok].index, "numerator"] = num[ok]
        rows.loc[ok[ok].index, "denominator"] = den[ok]
        if int(ok.sum()):
            ctx.report.fix(HISTORY, None, f"{ind}: {int(ok.sum())} May-2023 ward rows of 2021 given the published "
                           f"best-fit count as numerator and residents aged 16+ (all residents less those aged 0-15, "
                           f"same file) as denominator")
        if int((~ok).sum()):
            ctx.report.fix(HISTORY, None, f"{ind}: {int((~ok).sum())} May-2023 ward rows of 2021 kept without counts: "
                           f"the published counts do not reproduce the published percentage")
    for ind in OF_RESIDENTS:
        at = mine & (rows["indicator_id"] == ind)
        den = rows.loc[at, "area_code"].map(total).astype(float).dropna()
        if den.empty:
            continue
        share = rows.loc[den.index, "value"] / 100 * den  # the published share over its published base
        rows.loc[den.index, "denominator"] = den
        for conf, lo, hi in ((0.95, "lower_ci", "upper_ci"), (0.998, "lower_ci_998", "upper_ci_998")):
            res = proportion_ci_vec(share, den, confidence=conf, multiplier=100)
            rows.loc[den.index, lo] = res["lower"].to_numpy()
            rows.loc[den.index, hi] = res["upper"].to_numpy()
        ctx.report.fix(HISTORY, None, f"{ind}: {len(den)} May-2023 ward rows of 2021 given Wilson limits from the "
                       f"published percentage over the published best-fit usual residents (no count is published, "
                       f"so none is stored)")
    return rows
