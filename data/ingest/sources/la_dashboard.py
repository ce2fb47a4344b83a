"""Long local-authority series from the council's 2019/20 corporate dashboard (SOURCES.md group K).

Mostly 2001-2019 values for Trafford with Greater Manchester (E47000001, or the county E11000001 read as it)
and England, often every English LA. Quirks handled: fractions in some "Percentage" files (shown 0-100),
17-significant-digit floats (rounded to 6), 'YYYY-YY' labels that are financial years in some files and
3-year ranges in others, first-of-month dates meaning months, quarters or APS years to March, area code and
name swapped in `green/co2_emissions.csv`, crime rates for the Trafford community safety partnership
(E22000107, read as Trafford) with ':' for missing and a few calendar-year rows mixed into a financial-year
series (left out), and per-station air quality (see `_stations`).

Where the current themes dashboard (`la_themes`, group I) carries the same indicator, rows are emitted here
under its id only for periods that release does not cover; overlaps that disagree are reported.
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources import la_themes
from data.ingest.sources._la_periods import (
    calendar_year_range,
    fy_dash,
    fy_only,
    month_of,
    multi_dash,
    quarter_of,
    year_of,
    year_to_month,
)
from data.ingest.sources._la_series import (
    Spec,
    Tables,
    complement,
    concat,
    drop_empty,
    merge_vintages,
    read_spec,
    read_specs,
)
from data.ingest.sources._stations import station_rows

CATALOG = "la_dashboard"
K = "tdl_dashboard"
CO2 = f"{K}/green/co2_emissions.csv"
OFFENCES = {  # offence group in the file -> id suffix
    "Total recorded crime": "total",
    "Violence against the person": "violence",
    "Sexual offences": "sexual",
    "Robbery": "robbery",
    "Theft offences": "theft",
    "Criminal damage and arson": "criminal_damage",
    "Other crimes against society": "other_society",
}


def _k(indicator_id: str, path: str, **kw) -> Spec:
    """A file of the 2019/20 dashboard."""
    return Spec(indicator_id, f"{K}/{path}", **kw)


SPECS: list[Spec] = [
    # health (Fingertips extracts, every English LA)
    _k("healthy_life_expectancy_birth", "health/healthy_life_expectancy_at_birth.csv", breakdown="group",
       period=multi_dash),
    _k("life_expectancy_sii", "health/slope_index_of_inequality.csv", breakdown="group", period=multi_dash),
    _k("smoking_prevalence_adults", "health/smoking_adults.csv"),
    _k("smoking_prevalence_routine_manual", "health/smoking_adults_manual.csv"),
    _k("physically_inactive_adults", "health/physically_inactive.csv"),
    _k("preventable_cancer_mortality_u75", "health/preventable_mortality_from_cancer.csv", period=multi_dash),
    _k("falls_admissions_65", "health/admissions_falls.csv"),
    _k("self_harm_admissions", "health/admissions_self_harm.csv"),
    _k("self_harm_admissions_10_24", "children/admissions_self_harm_young_people.csv"),
    _k("alcohol_admissions_narrow", "health/alcohol_related_admissions.csv"),
    _k("alcohol_mortality", "health/alcohol_related_mortality.csv"),
    _k("deaths_at_usual_residence_65", "health/deaths_at_home.csv"),
    _k("dementia_diagnosis_rate", "health/dementia_diagnosis.csv"),
    _k("smi_excess_mortality", "health/mortality_serious_mental_illness.csv"),
    _k("care_home_admissions_65", "targeted/residential_home_admissions.csv"),
    _k("still_at_home_91_days", "targeted/home_after_discharge.csv"),
    _k("delayed_transfers_social_care", "targeted/dtoc.csv", period=month_of),
    # children and education
    _k("dental_decay_age5", "children/dental_decay.csv", scale=complement),
    _k("excess_weight_reception", "children/excess_weight_reception.csv"),
    _k("excess_weight_year6", "children/excess_weight_year6.csv"),
    _k("children_low_income_hmrc", "children/low_income_families.csv"),
    _k("neet_or_not_known_16_17", "children/neets.csv"),
    _k("school_readiness_fsm", "children/school_readiness_fsm.csv"),
    _k("children_in_care_rate", "children/children_in_care.csv"),
    _k("child_protection_plans_rate", "children/child_protection_plans.csv"),
    # economy
    _k("employment_rate", "places/employment_rate.csv", period=year_to_month),
    _k("median_resident_earnings", "places/median_resident_earnings.csv"),
    _k("real_living_wage_paid", "places/real_living_wage.csv", scale=complement),
    _k("gva_total", "places/gva.csv", where={"group": "All industries"}),
    _k("apprenticeship_starts", "places/apprenticeships.csv", period=fy_dash),
    # housing
    _k("affordability_ratio", "housing/affordability_ratio.csv"),
    _k("vacant_dwellings_long_term", "housing/vacant_properties.csv", fraction=True),
    _k("net_additional_dwellings", "housing/net_additional_dwellings.csv", period=fy_dash),
    _k("new_dwellings_council_tax_band", "housing/council_tax_bands.csv", breakdown="band",
       breakdown_prefix="Band ", fraction=True),
    _k("rough_sleeping_estimate", "targeted/rough_sleeping.csv"),
    # community safety
    *[_k(f"crime_rate_{suffix}", "pride/crime_rate.csv", where={"group": group}, period=fy_only)
      for group, suffix in OFFENCES.items()],
    *[_k(f"crime_severity_{suffix}", "pride/crime_severity.csv", where={"group": group})
      for group, suffix in OFFENCES.items()],
    # environment
    _k("household_waste_recycled", "pride/recycling.csv", fraction=True, period=fy_dash),
    _k("flytipping_incidents", "pride/flytipping.csv", period=fy_dash),
    _k("potholes_reported", "pride/potholes.csv"),
    _k("co2_emissions_territorial", "green/co2_emissions.csv", where={"group": "Total"}),
    _k("co2_emissions_industry_commercial", "green/co2_emissions.csv", where={"group": "Industrial and commercial"}),
    _k("co2_emissions_domestic", "green/co2_emissions.csv", where={"group": "Domestic"}),
    _k("co2_emissions_transport", "green/co2_emissions.csv", where={"group": "Transport"}),
    _k("ulev_licensed", "green/licensed_vehicles.csv", where={"group": "Ultra low emission vehicles"},
       period=quarter_of),
    _k("electric_vehicles_licensed", "green/licensed_vehicles.csv", where={"group": "Electric vehicles"},
       period=quarter_of),
    _k("diesel_vehicles_licensed", "green/licensed_vehicles.csv", where={"group": "Diesel vehicles"},
       period=year_of),  # annual figures, dated 1 January
]
AIR = [("no2_annual_mean", f"{K}/green/nitrogen_dioxide.csv", ("TRAF", "TRF2", "TRF3")),
       ("pm10_annual_mean", f"{K}/green/particulate_matter.csv", ("TRAF", "TRF2"))]


def newer_rows(ctx: IngestContext, ids: set[str]) -> dict[str, pd.DataFrame]:
    """The themes dashboard's rows for `ids`, read quietly (la_themes reports on its own files)."""
    quiet = Tables(IngestContext(ctx.raw))
    out: dict[str, list[pd.DataFrame]] = {}
    for spec in la_themes.SPECS:
        if spec.indicator_id in ids:
            try:
                out.setdefault(spec.indicator_id, []).append(read_spec(quiet, spec))
            except FileNotFoundError:  # a partial raw folder (tests): nothing newer to defer to
                continue
    return {k: concat(v) for k, v in out.items()}


def only_older_periods(ctx: IngestContext, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` less those whose (area, period, breakdown) the themes dashboard gives a value for under the same id.

    Where the themes file has the key but no value, the older value is kept: la_themes drops its empty rows.
    """
    k_paths = set(rows["source_path"])
    newer = newer_rows(ctx, set(rows["indicator_id"]) & {s.indicator_id for s in la_themes.SPECS})
    kept = []
    for indicator_id, own in rows.groupby("indicator_id", sort=False):
        if indicator_id in newer:
            own = merge_vintages(ctx, [newer[indicator_id], own])
            own = own[own["source_path"].isin(k_paths)]
        kept.append(own)
    return concat(kept)


def load(ctx: IngestContext) -> pd.DataFrame:
    """Every series of the 2019/20 dashboard bar the claimant count (see `claimant`), in the long format."""
    tables = Tables(ctx, unswap=(CO2,))
    rows = read_specs(tables, SPECS)
    air = concat([station_rows(tables, ind, rel, calendar_year_range, network, code_col="site_id")
                  for ind, rel, network in AIR])
    return drop_empty(ctx, concat([only_older_periods(ctx, rows), air]))
