"""Rates published without their counts, given them where the store holds both: a claimant or Universal Credit
rate's numerator is the same area and month's count, its denominator ONS's residents aged 16-64 (the latest
mid-year estimate before the month, as DWP and Nomis divide by). A pair is kept only where it reproduces the
published rate, so a different population base never lends a rate limits that are not its own."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.ingest.report import BuildReport

# rate indicator -> the count indicator that is its numerator
RATES = {"claimant_rate": "claimant_count", "universal_credit_rate": "universal_credit_claimants"}
POPULATION = "population_working_age"  # ONS mid-year estimates: residents aged 16-64 as a share of all
BREAKDOWN = "Persons"
ROUNDING = 5  # Nomis rounds claimant counts to the nearest 5; a rate is published to 0.1
KEY = ["level", "area_code", "period"]
MID_YEAR = pd.Timedelta(days=181)  # a mid-year estimate's year label -> its date, 30 June (1 July in leap years)


def with_rate_counts(values: pd.DataFrame, report: BuildReport) -> pd.DataFrame:
    """`values` with numerator and denominator on official rate rows that lack them, where they reproduce the rate."""
    official = ~values["estimated"] & values["value"].notna() & (values["breakdown"] == BREAKDOWN)
    # the working-age indicator is a share of all residents: its numerator is the count of residents aged 16-64
    pop = values.loc[official & (values["indicator_id"] == POPULATION) & values["numerator"].notna(),
                     ["level", "area_code", "period_start", "numerator"]]
    pop = pop.assign(mid_year=(pop["period_start"] + MID_YEAR).astype(values["period_end"].dtype))
    pop = pop.drop(columns="period_start")
    pop = pop.rename(columns={"numerator": "population"}).sort_values("mid_year")
    values = values.copy()
    for rate, count in RATES.items():
        want = official & (values["indicator_id"] == rate) & values["numerator"].isna()
        if not want.any():
            continue
        rows = values.loc[want, KEY + ["period_end", "value"]].reset_index()
        counts = values.loc[official & (values["indicator_id"] == count), KEY + ["value"]]
        rows = rows.merge(counts.rename(columns={"value": "count"}), on=KEY)
        # the latest estimate whose mid-year (30 June) is not after the month's end
        rows = pd.merge_asof(rows.sort_values("period_end"), pop, left_on="period_end", right_on="mid_year",
                             by=["level", "area_code"], direction="backward").dropna(subset=["population", "count"])
        if rows.empty:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            recomputed = rows["count"] / rows["population"] * 100
        tolerance = 0.05 + ROUNDING / 2 / rows["population"] * 100 + 1e-9
        ok = (rows["population"] > 0) & (rows["count"] <= rows["population"]) & \
             ((recomputed - rows["value"]).abs() <= tolerance)
        good = rows.loc[ok]
        values.loc[good["index"], "numerator"] = good["count"].to_numpy()
        values.loc[good["index"], "denominator"] = good["population"].to_numpy()
        for level, group in rows.groupby("level", sort=True):
            kept = int(ok.loc[group.index].sum())
            years = sorted({str(d.year) for d in group.loc[ok.loc[group.index], "mid_year"]})
            report.fix(str(values.loc[group["index"].iloc[0], "source_path"]), None,
                       f"{rate} at {level}: {kept} of {len(group)} rows with a count and a 16-64 population given "
                       f"them as numerator and denominator (mid-year {', '.join(years) or '-'}); the others do not "
                       f"reproduce the published rate and keep no counts" if kept < len(group) else
                       f"{rate} at {level}: {kept} rows given the month's {count} as numerator and ONS residents "
                       f"aged 16-64 (mid-year {', '.join(years)}) as denominator; each reproduces the published rate")
    return values
