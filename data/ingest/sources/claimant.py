"""Claimant count, claimant rate and Universal Credit: monthly series for LAs and Trafford's wards.

Sources, newest release first (SOURCES.md groups I, J, K, G):
- themes dashboard (I), Mar 2023 - Mar 2026: LAs, England, and the 21 May-2023 wards for the latest month;
- corporate-plan dashboard (J), Apr 2021 - Apr 2024: the same, with the 21 pre-2023 wards for Apr 2024;
- 2019/20 dashboard (K), Jan 2013 - Apr 2019: Trafford and Greater Manchester counts, plus DWP's
  experimental alternative claimant count;
- Trafford Data Lab open data (G), Jan 2015 - Oct 2017: count and rate for the 10 GM districts and every GM
  ward (only Trafford's are kept), and the opengovintelligence rate, Nov 2015 - Nov 2018, which extends it;
- the ward profile history (group H): claimant-rate snapshots for the pre-2023 wards, Nov 2018, Jan 2021
  and Jun 2022 (the ward_history module leaves this indicator to this one).

Where a G row has a count, the claimant rate carries it as numerator, with residents aged 16-64 (ONS mid-2017,
`working_age_population_wards_gm.csv`) as denominator. They are stored for reference only (the catalogue's
ci_method is none): Nomis rounds counts to 5 and divides unrounded counts by each year's own population, so an
interval built from these two numbers can miss the published rate. For the rate the G count-and-rate file is
preferred to the opengovintelligence one where both give a month (it has the counts; they differ by 0.1 at
most).
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources._la_periods import month_of
from data.ingest.sources._la_series import (
    Spec,
    Tables,
    concat,
    drop_empty,
    merge_vintages,
    read_spec,
)

CATALOG = "claimant"
I_CC = "tdl_trafford_themes/economy/claimant_count.csv"
J_CC = "tdl_corporate_plan/poverty/claimant_count.csv"
I_UC = "tdl_trafford_themes/economy/universal_credit.csv"
J_UC = "tdl_corporate_plan/poverty/universal_credit.csv"
K_CC = "tdl_dashboard/places/claimant_count.csv"
G_LA = "tdl_open_data/labour_market/claimant_count_local_authorities_gm_2015-2017.csv"
G_WARD = "tdl_open_data/labour_market/claimant_count_wards_gm_2015-2017.csv"
OGI_RATE = "tdl_opengovintelligence/claimant_rate_wards_gm_2015-2018.csv"
OGI_POP = "tdl_opengovintelligence/working_age_population_wards_gm.csv"
WARD_HISTORY = "tdl_ward_data/ward_indicators_history.csv"  # ward snapshots Nov 2018, Jan 2021, Jun 2022
RENAMES = {
    G_LA: {"date": "period", "lad15cd": "area_code", "lad15nm": "area_name"},
    G_WARD: {"date": "period", "wd15cd": "area_code", "wd15nm": "area_name"},
    OGI_RATE: {"Date": "period", "Geography": "area_code", "Value": "value"},
    OGI_POP: {"Geography": "area_code", "Value": "value"},
}
COUNT = "Claimant count"
RATE = "Claimants as a proportion of residents aged 16-64"
UC = "People on Universal Credit"
UC_RATE = "People on Universal Credit as a proportion of residents aged 16-64"

# Per indicator, the releases newest first.
SERIES: dict[str, list[Spec]] = {
    "claimant_count": [
        Spec("claimant_count", I_CC, where={"indicator": COUNT}),
        Spec("claimant_count", J_CC, where={"indicator": COUNT}),
        Spec("claimant_count", K_CC, where={"group": "Claimant count"}, period=month_of),
        Spec("claimant_count", G_LA, value="count", period=month_of),
        Spec("claimant_count", G_WARD, value="count", period=month_of),
    ],
    "claimant_rate": [
        Spec("claimant_rate", I_CC, where={"indicator": RATE}),
        Spec("claimant_rate", J_CC, where={"indicator": RATE}),
        Spec("claimant_rate", G_LA, value="rate", period=month_of),
        Spec("claimant_rate", G_WARD, value="rate", period=month_of),
        Spec("claimant_rate", WARD_HISTORY, where={"indicator": "Claimant rate"}, period=month_of),
        Spec("claimant_rate", OGI_RATE, where={"Measure Type": "percent"}, period=month_of),
    ],
    "alternative_claimant_count": [
        Spec("alternative_claimant_count", K_CC, where={"group": "Alternative claimant count"}, period=month_of),
    ],
    "universal_credit_claimants": [
        Spec("universal_credit_claimants", I_UC, where={"indicator": UC}),
        Spec("universal_credit_claimants", J_UC, where={"indicator": UC}),
    ],
    "universal_credit_rate": [
        Spec("universal_credit_rate", I_UC, where={"indicator": UC_RATE}),
        Spec("universal_credit_rate", J_UC, where={"indicator": UC_RATE}),
    ],
}


def working_age(tables: Tables) -> pd.Series:
    """Residents aged 16-64 (ONS mid-2017) by area code: GM wards, districts and the combined authority."""
    df = tables.get(OGI_POP)
    df = df[df["Measure Type"] == "count"]
    return pd.Series(tables.ctx.numbers_checked(df, "value", OGI_POP).values, index=df["area_code"].values)


def with_counts(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    """Claimant-rate rows from the G files given the row's count as numerator and residents 16-64 as denominator."""
    pop = working_age(tables)
    for rel in (G_LA, G_WARD):
        raw = tables.get(rel)
        counts = pd.Series(tables.ctx.number(raw["count"]).values, index=raw["_row"].astype(int).values)
        mine = rows["source_path"] == rel
        rows.loc[mine, "numerator"] = counts.reindex(rows.loc[mine, "source_row"]).values
        rows.loc[mine, "denominator"] = rows.loc[mine, "area_code"].map(pop).values
    return rows


def load(ctx: IngestContext) -> pd.DataFrame:
    """Claimant count and rate, alternative claimant count and Universal Credit, in the long format."""
    tables = Tables(ctx, renames=RENAMES)
    out = []
    for indicator_id, specs in SERIES.items():
        rows = merge_vintages(ctx, [read_spec(tables, s) for s in specs])
        if indicator_id == "claimant_rate":
            rows = with_counts(tables, rows)
        out.append(rows)
    return drop_empty(ctx, concat(out))
